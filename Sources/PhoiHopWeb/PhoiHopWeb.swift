/// # PhoiHopWeb
///
/// The hub's web dashboard (issue 7), served by the hub daemon with Hummingbird 2 on a
/// configured address (localhost by default), behind a login or a token from configuration:
/// the province at a glance, districts, businesses, inspections, complaints, reports, a live
/// feed of accepted messages, and `/metrics` for Prometheus. It reads what the console reads —
/// the daemon's own queries and status — and changes nothing. Every asset is served by the hub
/// (no CDN); every page is in Vietnamese.
public enum PhoiHopWeb {}

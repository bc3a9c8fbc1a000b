/// # PhoiHopWeb
///
/// The hub's web dashboard (issue 7), served by the hub daemon with Hummingbird 2 on a
/// configured address (localhost by default), behind a login or a token from configuration:
/// the province at a glance, districts, businesses, inspections, complaints, reports, a live
/// feed of accepted messages, and `/metrics` for Prometheus. It reads what the console reads —
/// the daemon's own queries and status — and changes nothing. Every asset is served by the hub
/// (no CDN); every page is in Vietnamese.
///
/// ``Dashboard`` is the service and its router; ``DashboardSource`` what it reads (the hub gives
/// its daemon's read-only control requests, tests a store); `DashboardAccess` the token check;
/// `Pages/` one type per page; `FeedRoutes` the live feed; ``LiveFeeds`` its open streams.
/// See docs/DASHBOARD.md.
public enum PhoiHopWeb {}

/// # PhoiHopAgency
///
/// An agency daemon's part (Công an, Sở VH-TT-DL, Sở KH-ĐT, Tài chính, GD-ĐT, Tỉnh đoàn, each
/// district UBND): it connects to the hub as a CURVE client that knows the hub's key, listens
/// only on its own topic, and sends every act its officers record to the hub. What the hub
/// relays to it (directives, and the acts of others that concern it) it applies to its own
/// tables, so its officers' acts are checked against them.
public import PhoiHopDaemon
public import PhoiHopConfig
import PhoiHopBus
import PhoiHopProtocol

extension DaemonRole {
    public static func agency(_ config: DaemonConfig) -> DaemonRole {
        let identity = config.agency
        return DaemonRole(
            peers: PeerDirectory(roles: [.hub: .hub]),
            requireAuthenticatedOrigin: false,
            openBus: { context, config, _ in
                let (publisher, subscriber, watches) = try BusSockets.connectAgency(context: context, config: config)
                return OpenedBus(publisher: publisher, subscriber: subscriber, zap: nil, watches: watches)
            },
            forwardees: { _, author, _, _ in author == identity ? [.hub] : [] })
    }
}

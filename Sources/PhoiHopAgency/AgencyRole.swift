/// # PhoiHopAgency
///
/// An agency daemon's part (Công an, Sở VH-TT-DL, Sở KH-ĐT, each district UBND): it connects to
/// the hub as a CURVE client that knows the hub's key, listens only on its own topic, and sends
/// every act its officers record to the hub.
public import PhoiHopDaemon
public import PhoiHopConfig
import PhoiHopBus
import PhoiHopProtocol

extension DaemonRole {
    public static func agency(_ config: DaemonConfig) -> DaemonRole {
        DaemonRole(
            peers: PeerDirectory(roles: [.hub: .hub]),
            requireAuthenticatedOrigin: false,
            openBus: { context, config, _ in
                let (publisher, subscriber) = try BusSockets.connectAgency(context: context, config: config)
                return OpenedBus(publisher: publisher, subscriber: subscriber, zap: nil)
            },
            recipients: { _ in [.hub] })
    }
}

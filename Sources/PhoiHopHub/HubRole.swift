/// # PhoiHopHub
///
/// The hub's part of a daemon (Sở TT&TT, Điều 3): it binds the bus behind a ZAP handler that
/// admits only the allow-listed agency keys, demands that every message's origin is the agency
/// its connection authenticated, and addresses each directive to exactly the agencies it
/// concerns (an unannounced inspection plan is addressed to its participants only; topics route,
/// they do not yet keep a curious allow-listed subscriber out — see docs/ARCHITECTURE.md).
public import PhoiHopDaemon
public import PhoiHopConfig
import PhoiHopBus
import PhoiHopProtocol
import ZeroMQ

extension DaemonRole {
    public static func hub(_ config: DaemonConfig) -> DaemonRole {
        DaemonRole(
            peers: PeerDirectory(roles: Dictionary(uniqueKeysWithValues: config.allowList.map { ($0.id, $0.role) })),
            requireAuthenticatedOrigin: true,
            openBus: { context, config, logger in
                let zap = try ZAPHandler(context: context, decide: BusSockets.allowListDecision(config.allowList, logger: logger))
                do {
                    let (publisher, subscriber) = try BusSockets.bindHub(context: context, config: config)
                    return OpenedBus(publisher: publisher, subscriber: subscriber, zap: zap)
                } catch {
                    zap.close()
                    throw error
                }
            },
            recipients: { body in
                switch body {
                case let .inspectionPlanned(plan): plan.participants.filter { $0 != .hub }
                default: []
                }
            })
    }
}

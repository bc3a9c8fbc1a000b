/// # PhoiHopHub
///
/// The hub's part of a daemon (Sở TT&TT, Điều 3): it binds the bus behind a ZAP handler that
/// admits only the allow-listed agency keys, demands that every message's origin is the agency
/// its connection authenticated, passes each accepted act on to exactly the agencies it
/// concerns (``ActRouting``: an unannounced inspection plan reaches its participants only), and
/// keeps the standing duty of pushing due-soon and overdue items (``DeadlineWatch``).
public import PhoiHopDaemon
public import PhoiHopConfig
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import ZeroMQ

extension DaemonRole {
    public static func hub(_ config: DaemonConfig) -> DaemonRole {
        let admitted = Set(config.allowList.map(\.id))
        return DaemonRole(
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
            forwardees: { db, author, body, config in
                // Only agencies on the bus have a stream; the others are not part of this deployment.
                try ActRouting.recipients(RoutingContext(db: db, author: author, rules: config.rules), body: body)
                    .filter { admitted.contains($0) }
            },
            duties: { context in try DeadlineWatch.remindersDue(context) })
    }
}

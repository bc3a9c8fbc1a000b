/// # PhoiHopHub
///
/// The hub's part of a daemon (Sở TT&TT, Điều 3): it binds the bus behind a ZAP handler that
/// admits only the allow-listed agency keys, demands that every message's origin is the agency
/// its connection authenticated, passes each accepted act on to exactly the agencies it
/// concerns (``ActRouting``: an unannounced inspection plan reaches its participants only), and
/// keeps the standing duty of pushing due-soon and overdue items (``DeadlineWatch``) and of
/// issuing the periodic reports after each cut-off (``HubReports``); and it serves the web
/// dashboard (PhoiHopWeb) when its configuration enables it.
public import PhoiHopDaemon
public import PhoiHopConfig
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopWeb
import ZeroMQ

extension DaemonRole {
    public static func hub(_ config: DaemonConfig) -> DaemonRole {
        var role = DaemonRole(
            peers: DaemonRole.peers(for: config),
            requireAuthenticatedOrigin: true,
            openBus: { context, config, logger in
                // The gate reads the allow-list a reload last set; the ZAP handler runs on the loop thread.
                let gate = HandshakeGate(allowList: config.allowList, logger: logger)
                let zap = try ZAPHandler(context: context, decide: gate.decide)
                do {
                    let (publisher, subscriber) = try BusSockets.bindHub(context: context, config: config)
                    return OpenedBus(publisher: publisher, subscriber: subscriber, zap: zap, gate: gate)
                } catch {
                    zap.close()
                    throw error
                }
            },
            forwardees: { db, author, body, config in
                // Only agencies on the (current) allow-list have a stream; the others are not part
                // of this deployment, or were revoked: nothing more is relayed to them.
                let admitted = Set(config.allowList.map(\.id))
                return try ActRouting.recipients(RoutingContext(db: db, author: author, rules: config.rules), body: body)
                    .filter { admitted.contains($0) }
            },
            duties: { context in try DeadlineWatch.remindersDue(context) },
            housekeeping: HubReports.runSchedule,
            commands: ["report-issue": HubReports.issue])
        // The web dashboard, when `dashboard:` enables it: it reads what the console reads.
        role.companions = { config, readings, logger in
            let source = DashboardSource { command in try await readings.call(command) }
            return Dashboard(settings: config.dashboard, rules: config.rules, source: source, logger: logger).map { [$0] } ?? []
        }
        return role
    }
}

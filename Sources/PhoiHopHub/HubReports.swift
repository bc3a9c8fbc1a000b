import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDaemon
import PhoiHopDomain

/// The hub's stored reports as daemon work: the schedule, run with the standing duties (after
/// start, after a burst of acts, every minute), and the control command `report-issue` that
/// `phoihop report issue` sends. Both read `reports:` from the configuration in force, so a
/// reload's new issuer, numbering or schedule applies from the next report.
enum HubReports {
    /// Issues what the schedule owes now; one info line per report.
    static func runSchedule(_ context: RoleContext) throws {
        let config = context.config
        guard config.reports.schedule.enabled else { return }
        try ReportArchive.runSchedule(context.database, rules: config.rules, settings: config.reports, now: context.now,
                                      today: context.today) { report in
            context.logger.info("scheduled report issued", metadata: [
                "id": "\(report.id)", "kind": "\(report.kind)", "period": "\(report.periodFrom)..\(report.periodTo)",
                "number": "\(report.numberAndSymbol)", "logPosition": "\(report.logPosition)",
                "sha256": "\(report.documentSHA256.prefix(16))",
            ])
        }
    }

    /// `report-issue` with parameters `kind` and `month`: the periodic report computed and stored now.
    static func issue(_ context: RoleContext) throws -> [UInt8] {
        guard let kind = context.parameters["kind"], let month = context.parameters["month"] else {
            return ControlServer.error("report-issue needs parameters kind and month")
        }
        let config = context.config
        let report = try ReportArchive.issue(context.database, rules: config.rules, settings: config.reports, kind: kind, month: month,
                                             trigger: "console", today: context.today, generatedAt: context.now)
        context.logger.info("report issued on demand", metadata: [
            "id": "\(report.id)", "kind": "\(report.kind)", "period": "\(report.periodFrom)..\(report.periodTo)",
            "number": "\(report.numberAndSymbol)", "logPosition": "\(report.logPosition)",
        ])
        return ControlServer.success(report)
    }
}

public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopStore
import GRDB

/// The hub's scheduled reports: each kind `reports.schedule.kinds` names is issued once its
/// window is closed — from the day after the cut-off, in Vietnam's calendar (UTC+7, no daylight
/// saving) — and only once (a unique index on kind and period end). A hub that was down catches
/// up every period it missed since the last it issued, once each; a kind never issued before
/// starts with the latest closed period, not with the province's whole history.
extension ReportArchive {
    /// The periods (kind, window) the schedule still owes on `today`, oldest first within each kind.
    public static func due(_ db: Database, rules: ProvinceRules, settings: ReportsSettings, today: CivilDate) throws
        -> [(kind: String, from: CivilDate, to: CivilDate)] {
        guard settings.schedule.enabled else { return [] }
        var owed: [(kind: String, from: CivilDate, to: CivilDate)] = []
        for id in settings.schedule.kinds {
            guard let kind = rules.reportPeriods.kind(id) else { continue }
            let last = try IssuedReports.lastScheduled(db, kind: id).map { try CivilDate(parsing: $0) }
            var closed: [(from: CivilDate, to: CivilDate)] = []
            for year in ((last?.year ?? today.year) - 1)...today.year {
                for month in kind.endMonths.sorted() {
                    guard let period = rules.reportPeriods.period(kind, year: year, endMonth: month), period.to < today else { continue }
                    if let last, period.to <= last { continue }
                    closed.append(period)
                }
            }
            let owedOfKind = last == nil ? Array(closed.suffix(1)) : closed
            for period in owedOfKind where try !IssuedReports.scheduled(db, kind: id, periodTo: period.to.description) {
                owed.append((id, period.from, period.to))
            }
        }
        return owed
    }

    /// Issues every report the schedule owes at `now` (milliseconds since 1970, UTC), each in its
    /// own write transaction that reads the state it is computed from; `today` overrides the
    /// date in Vietnam (a drill's `PHOIHOP_TODAY`). `issued` is told each report as it is stored.
    @discardableResult
    public static func runSchedule(_ database: PhoiHopDatabase, rules: ProvinceRules, settings: ReportsSettings, now: Int64,
                                   today: CivilDate? = nil, issued: (IssuedReport) -> Void = { _ in }) throws -> [IssuedReport] {
        let today = today ?? VietnamTime.day(atUnixMilliseconds: now)
        let owed = try database.read { db in try due(db, rules: rules, settings: settings, today: today) }
        var reports: [IssuedReport] = []
        for period in owed {
            let report = try database.write { db -> IssuedReport? in
                // Checked again inside the transaction that stores it.
                guard try !IssuedReports.scheduled(db, kind: period.kind, periodTo: period.to.description) else { return nil }
                return try issue(db, rules: rules, settings: settings, kind: period.kind, month: month(of: period.to),
                                 trigger: "schedule", today: today, generatedAt: now)
            }
            if let report {
                reports.append(report)
                issued(report)
            }
        }
        return reports
    }
}

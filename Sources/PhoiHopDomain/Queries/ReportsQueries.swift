import PhoiHopConfig
import PhoiHopProtocol
public import PhoiHopReports

/// The periodic report as the hub computes it: the official document, and the figures it was
/// made from (for JSON and CSV export).
public struct PeriodicReportAnswer: Codable, Sendable, Equatable {
    public var kind: String
    public var document: OfficialDocument
    public var figures: PeriodicFigures
    public var activity: ActivityFigures
    /// The window before, and the same window a year earlier, for the comparison columns.
    public var previousActivity: ActivityFigures
    public var lastYearActivity: ActivityFigures
    /// The subset the report covers (the whole province for a periodic report).
    public var scope: ReportScope = .province
}

extension ConsoleQueries {
    /// The report over `window` compared with the window just before (`previous`) and the same
    /// window a year earlier; `name` says the period in the subject, `number` the document's
    /// number (nil: blank); the issuer is the context's configured one.
    static func periodicAnswer(_ context: QueryContext, kind: String, name: String, window: ReportWindow,
                               previous: ReportWindow, scope: ReportScope = .province, number: Int? = nil) throws -> PeriodicReportAnswer {
        let figures = try PeriodicFigures.compute(context.db, window: window, rules: context.rules, scope: scope)
        let activity = try ActivityFigures.compute(context.db, window: window, rules: context.rules, scope: scope)
        let previousActivity = try ActivityFigures.compute(context.db, window: previous, rules: context.rules, scope: scope)
        let lastYearActivity = try ActivityFigures.compute(context.db, window: window.yearBefore, rules: context.rules, scope: scope)
        let document = PeriodicReportDocument.make(
            title: name, current: (figures, activity), previous: previousActivity, lastYear: lastYearActivity, rules: context.rules,
            date: max(context.today, window.to), scope: scope,
            issuer: PeriodicReportDocument.Issuer(context.reports.issuer), number: number)
        return PeriodicReportAnswer(kind: kind, document: document, figures: figures, activity: activity,
                                    previousActivity: previousActivity, lastYearActivity: lastYearActivity, scope: scope)
    }

    /// The periodic report of kind `--kind` ending in `--month`, numbered `number` (nil: blank).
    static func periodic(_ context: QueryContext, number: Int? = nil) throws -> PeriodicReportAnswer {
        let kindID = try context.required("kind")
        guard let kind = context.rules.reportPeriods.kind(kindID) else {
            throw DomainError("--kind: '\(kindID)' is not a report period; use one of \(context.rules.reportPeriods.kinds.map(\.id).joined(separator: ", "))")
        }
        let period = try ReportPeriods.period(context.rules.reportPeriods, kind: kindID, month: try context.required("month"))
        let window = ReportWindow(from: period.from, to: period.to)
        // The window just before, of the same length: for "kỳ trước".
        let previous = ReportWindow(from: period.from.adding(months: -kind.months), to: period.from.adding(days: -1))
        return try periodicAnswer(context, kind: kindID, name: PeriodicReportDocument.periodName(months: kind.months, endingOn: period.to),
                                  window: window, previous: previous, number: number)
    }

    static let reports: [ConsoleQuery] = [
        ConsoleQuery("report.periodic", "Báo cáo định kỳ về tình hình quản lý dịch vụ Internet (--kind monthly|quarterly|six-month|nine-month|annual, --month YYYY-MM: tháng kết thúc kỳ)") { context in
            try periodic(context)
        },
        ConsoleQuery("report.adhoc", "Báo cáo đột xuất về tình hình quản lý dịch vụ Internet trong khoảng ngày bất kỳ (--from YYYY-MM-DD, --to YYYY-MM-DD; tùy chọn --district, --kind, --topic t1,t2)") { context in
            guard let from = try context.date("from"), let to = try context.date("to") else {
                throw DomainError("this query needs --from and --to (YYYY-MM-DD)")
            }
            guard from <= to else { throw DomainError("--from \(from) is after --to \(to); give the window's first day, then its last") }
            let days = to.dayNumber - from.dayNumber + 1
            let previous = ReportWindow(from: from.adding(days: -days), to: from.adding(days: -1))
            let name = "từ ngày \(VietnameseFormat.day(from.description)) đến ngày \(VietnameseFormat.day(to.description))"
            let scope = try ReportScope.parse(district: context.parameters["district"], kind: context.parameters["kind"],
                                              topics: context.parameters["topic"], rules: context.rules)
            return try periodicAnswer(context, kind: "ad-hoc", name: name, window: ReportWindow(from: from, to: to), previous: previous,
                                      scope: scope)
        },
    ]
}

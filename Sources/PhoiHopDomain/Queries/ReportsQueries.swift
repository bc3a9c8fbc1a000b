import PhoiHopConfig
public import PhoiHopProtocol
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
}

extension ConsoleQueries {
    static let reports: [ConsoleQuery] = [
        ConsoleQuery("report.periodic", "Báo cáo định kỳ về tình hình quản lý dịch vụ Internet (--kind monthly|quarterly|six-month|nine-month|annual, --month YYYY-MM: tháng kết thúc kỳ)") { context in
            let kindID = try context.required("kind")
            guard let kind = context.rules.reportPeriods.kind(kindID) else {
                throw DomainError("--kind: '\(kindID)' is not a report period; use one of \(context.rules.reportPeriods.kinds.map(\.id).joined(separator: ", "))")
            }
            let period = try ReportPeriods.period(context.rules.reportPeriods, kind: kindID, month: try context.required("month"))
            let window = ReportWindow(from: period.from, to: period.to)
            // The window just before, of the same length: for "kỳ trước".
            let previous = ReportWindow(from: period.from.adding(months: -kind.months), to: period.from.adding(days: -1))
            let figures = try PeriodicFigures.compute(context.db, window: window, rules: context.rules)
            let activity = try ActivityFigures.compute(context.db, window: window, rules: context.rules)
            let previousActivity = try ActivityFigures.compute(context.db, window: previous, rules: context.rules)
            let lastYearActivity = try ActivityFigures.compute(context.db, window: window.yearBefore, rules: context.rules)
            let document = PeriodicReportDocument.make(
                title: PeriodicReportDocument.periodName(months: kind.months, endingOn: period.to), current: (figures, activity), previous: previousActivity,
                lastYear: lastYearActivity, rules: context.rules,
                date: max(context.today, period.to))
            return PeriodicReportAnswer(kind: kindID, document: document, figures: figures, activity: activity,
                                        previousActivity: previousActivity, lastYearActivity: lastYearActivity)
        },
    ]
}

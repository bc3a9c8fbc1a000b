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
    /// The last ``PeriodicReportCharts/trendLength`` periods of the same length, oldest first,
    /// this one last: the trend chart's figures.
    public var trend: [PeriodicReportCharts.TrendPoint] = []
}

extension ConsoleQueries {
    /// The report over `window` compared with the window just before (`before(window)`) and the
    /// same window a year earlier, with the trend over the windows before those (`before`
    /// applied again; `months` names them on the chart's axis, nil for an ad-hoc window); `name`
    /// says the period in the subject, `number` the document's number (nil: blank); the issuer
    /// is the context's configured one.
    static func periodicAnswer(_ context: QueryContext, kind: String, name: String, window: ReportWindow, months: Int?,
                               before: (ReportWindow) -> ReportWindow, scope: ReportScope = .province,
                               number: Int? = nil) throws -> PeriodicReportAnswer {
        func activity(_ window: ReportWindow) throws -> ActivityFigures {
            try ActivityFigures.compute(context.db, window: window, rules: context.rules, scope: scope)
        }
        let figures = try PeriodicFigures.compute(context.db, window: window, rules: context.rules, scope: scope)
        var windows = [window]
        while windows.count < PeriodicReportCharts.trendLength { windows.append(before(windows[windows.count - 1])) }
        let trend = try windows.reversed().map { PeriodicReportCharts.TrendPoint(label: PeriodicReportCharts.label(months: months, endingOn: $0.to),
                                                                                  activity: try activity($0)) }
        let (current, previous) = (trend[trend.count - 1].activity, trend[trend.count - 2].activity)
        // A quarter's or a year's trend reaches back past the same period a year earlier: its
        // figures are already there.
        let lastYear = try trend.first { $0.activity.window == window.yearBefore }?.activity ?? activity(window.yearBefore)
        let document = PeriodicReportDocument.make(
            title: name, current: (figures, current), previous: previous, lastYear: lastYear, trend: trend, rules: context.rules,
            date: max(context.today, window.to), scope: scope,
            issuer: PeriodicReportDocument.Issuer(context.reports.issuer), number: number)
        return PeriodicReportAnswer(kind: kind, document: document, figures: figures, activity: current,
                                    previousActivity: previous, lastYearActivity: lastYear, scope: scope, trend: trend)
    }

    /// The periodic report of kind `--kind` ending in `--month`, numbered `number` (nil: blank).
    static func periodic(_ context: QueryContext, number: Int? = nil) throws -> PeriodicReportAnswer {
        let kindID = try context.required("kind")
        guard let kind = context.rules.reportPeriods.kind(kindID) else {
            throw DomainError("--kind: '\(kindID)' is not a report period; use one of \(context.rules.reportPeriods.kinds.map(\.id).joined(separator: ", "))")
        }
        let period = try ReportPeriods.period(context.rules.reportPeriods, kind: kindID, month: try context.required("month"))
        // The windows before are of the same length, each ending the day before the next began: "kỳ trước".
        return try periodicAnswer(context, kind: kindID, name: PeriodicReportDocument.periodName(months: kind.months, endingOn: period.to),
                                  window: ReportWindow(from: period.from, to: period.to), months: kind.months,
                                  before: { ReportWindow(from: $0.from.adding(months: -kind.months), to: $0.from.adding(days: -1)) },
                                  number: number)
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
            let name = "từ ngày \(VietnameseFormat.day(from.description)) đến ngày \(VietnameseFormat.day(to.description))"
            let scope = try ReportScope.parse(district: context.parameters["district"], kind: context.parameters["kind"],
                                              topics: context.parameters["topic"], rules: context.rules)
            return try periodicAnswer(context, kind: "ad-hoc", name: name, window: ReportWindow(from: from, to: to), months: nil,
                                      before: { ReportWindow(from: $0.from.adding(days: -days), to: $0.from.adding(days: -1)) }, scope: scope)
        },
    ]
}

import PhoiHopConfig
import PhoiHopProtocol
public import PhoiHopReports

/// The Điều 11 review as the hub computes it: the official document, and the figures it was
/// made from (for JSON and CSV export).
public struct CoordinationReviewAnswer: Codable, Sendable, Equatable {
    /// The report period kind (`quarterly`, `annual` …), or `ad-hoc` for a `--from/--to` window.
    public var kind: String
    public var document: OfficialDocument
    public var review: CoordinationReview
}

extension ConsoleQueries {
    static let review: [ConsoleQuery] = [
        ConsoleQuery(
            "report.review",
            "Sơ kết / tổng kết việc thực hiện Quy chế phối hợp (Điều 11): theo đơn vị, việc đúng hạn, trễ hạn, quá hạn; kết quả kiểm tra; thông điệp (--kind K --month YYYY-MM, hoặc --from/--to YYYY-MM-DD)"
        ) { context in
            // An agency's tables hold only what concerns it and its outbox only the stream to the hub.
            guard context.role == .hub else {
                throw DomainError("report.review is the hub's review of every agency (Điều 11.2); ask so-tttt's control socket")
            }
            let (kind, title, window) = try reviewWindow(context)
            let review = try CoordinationReview.compute(context.db, window: window, rules: context.rules, today: context.today)
            let document = CoordinationReviewDocument.make(
                review, title: title, annual: kind == "annual", rules: context.rules,
                date: max(context.today, window.to), issuer: CoordinationReviewDocument.reviewIssuer(context.reports.issuer))
            return CoordinationReviewAnswer(kind: kind, document: document, review: review)
        }
    ]

    /// The window of a `--kind/--month` period or of `--from/--to`, one or the other, with the
    /// period's name for the subject.
    static func reviewWindow(_ context: QueryContext) throws -> (kind: String, title: String, window: ReportWindow) {
        let byPeriod = context.parameters["kind"] != nil || context.parameters["month"] != nil
        let byDays = context.parameters["from"] != nil || context.parameters["to"] != nil
        if byPeriod && byDays {
            throw DomainError("give either --kind and --month (a report period) or --from and --to (any window), not both")
        }
        if byPeriod {
            let kindID = try context.required("kind")
            guard let kind = context.rules.reportPeriods.kind(kindID) else {
                throw DomainError(
                    "--kind: '\(kindID)' is not a report period; use one of \(context.rules.reportPeriods.kinds.map(\.id).joined(separator: ", "))"
                )
            }
            let period = try ReportPeriods.period(context.rules.reportPeriods, kind: kindID, month: try context.required("month"))
            return (
                kindID, PeriodicReportDocument.periodName(months: kind.months, endingOn: period.to),
                ReportWindow(from: period.from, to: period.to)
            )
        }
        guard let from = try context.date("from"), let to = try context.date("to") else {
            throw DomainError(
                "this query needs --kind and --month (e.g. --kind annual --month 2026-12), or --from and --to (YYYY-MM-DD)")
        }
        guard from <= to else {
            throw DomainError("--from \(from) is after --to \(to); give the window's first day, then its last")
        }
        return ("ad-hoc", "từ ngày \(from.vietnameseText) đến ngày \(to.vietnameseText)", ReportWindow(from: from, to: to))
    }
}

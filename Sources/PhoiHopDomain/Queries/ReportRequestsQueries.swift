import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// A periodic reporting period and its default due date, computed from report-periods.yaml.
public struct ReportPeriodAnswer: Codable, Sendable, Equatable {
    public var kind: String
    public var title: String
    public var periodFrom: CivilDate
    public var periodTo: CivilDate
    public var dueOn: CivilDate
    public var source: String
}

/// A report request and how many addressees have answered, as of today.
public struct ReportRequestSummary: Codable, Sendable, Equatable {
    public var request: ReportRequestRecord
    public var total: Int
    public var answered: Int
    /// Answers submitted after the due date.
    public var answeredLate: Int
    /// Addressees who have not answered and whose due date has passed.
    public var overdue: Int
    /// answeredLate + overdue.
    public var late: Int
}

/// One addressee's answer, or its absence.
public struct ReportAnswerStatus: Codable, Sendable, Equatable {
    public var agency: String
    public var agencyName: String
    public var submittedOn: CivilDate?
    public var late: Bool
    /// Calendar days past the due date: of the answer, or of today when still unanswered.
    public var daysLate: Int
    public var figures: [ReportFigure]
    public var note: String?
}

/// `reporting.status`: one request, every addressee.
public struct ReportRequestStatus: Codable, Sendable, Equatable {
    public var summary: ReportRequestSummary
    public var answers: [ReportAnswerStatus]
}

extension ConsoleQueries {
    static let reportRequests: [ConsoleQuery] = [
        ConsoleQuery("reporting.period", "Kỳ báo cáo định kỳ và hạn nộp mặc định (--kind monthly|quarterly|six-month|nine-month|annual, --month YYYY-MM)") { context in
            let kindID = try context.required("kind")
            let period = try ReportPeriods.period(context.rules.reportPeriods, kind: kindID, month: try context.required("month"))
            return ReportPeriodAnswer(
                kind: kindID, title: context.rules.reportPeriods.kind(kindID)?.title ?? kindID, periodFrom: period.from, periodTo: period.to,
                dueOn: ReportPeriods.defaultDue(context.rules, periodTo: period.to), source: context.rules.reportPeriods.source)
        },
        ConsoleQuery("reporting.list", "Yêu cầu báo cáo: số đơn vị đã nộp, nộp muộn, quá hạn (--kind)") { context in
            var sql = "SELECT * FROM report_requests"
            var arguments: [String] = []
            if let kind = context.parameters["kind"] { sql += " WHERE kind = ?"; arguments.append(kind) }
            return try Row.fetchAll(context.db, sql: sql + " ORDER BY requested_on DESC, request_id", arguments: StatementArguments(arguments))
                .map { row in try ReportRequestQueries.status(context, ReportRequestRecord.record(row)).summary }
        },
        ConsoleQuery("reporting.status", "Tình hình nộp báo cáo của từng đơn vị (--request)") { context in
            let id = try context.required("request")
            guard let request = try ReportRequestRecord.fetch(context.db, id) else {
                throw DomainError("yêu cầu báo cáo \(id) không có trong dữ liệu của \(context.agency); xem danh sách: phoihop reporting list")
            }
            return try ReportRequestQueries.status(context, request)
        },
        ConsoleQuery("reporting.draft", "Số liệu báo cáo do đơn vị tự tổng hợp từ dữ liệu của mình (--request)") { context in
            try ReportAnswer.draft(context.db, agency: context.agency, role: context.role, requestID: try context.required("request"))
        },
    ]
}

enum ReportRequestQueries {
    static func status(_ context: QueryContext, _ request: ReportRequestRecord) throws -> ReportRequestStatus {
        // Only the hub receives every answer; an addressee knows its own.
        let onlyOwn = context.role != .hub
        let answers = try Row.fetchAll(
            context.db,
            sql: "SELECT * FROM report_answers WHERE request_id = ? \(onlyOwn ? "AND agency = ?" : "") ORDER BY agency",
            arguments: onlyOwn ? [request.requestID, context.agency.rawValue] : [request.requestID]).map { row in
            let agency: String = row["agency"]
            let submitted = try (row["submitted_on"] as String?).map { try CivilDate(parsing: $0) }
            let figures = (row["figures"] as String?).flatMap { try? JSONDecoder().decode([ReportFigure].self, from: Data($0.utf8)) } ?? []
            let reference = submitted ?? context.today
            let daysLate = max(0, reference.dayNumber - request.dueOn.dayNumber)
            return ReportAnswerStatus(
                agency: agency, agencyName: AgencyID(rawValue: agency).flatMap { context.rules.agency($0)?.name } ?? agency,
                submittedOn: submitted, late: daysLate > 0, daysLate: daysLate, figures: figures, note: row["note"])
        }
        let answeredLate = answers.filter { $0.submittedOn != nil && $0.late }.count
        let overdue = answers.filter { $0.submittedOn == nil && $0.late }.count
        let summary = ReportRequestSummary(
            request: request, total: answers.count, answered: answers.filter { $0.submittedOn != nil }.count,
            answeredLate: answeredLate, overdue: overdue, late: answeredLate + overdue)
        return ReportRequestStatus(summary: summary, answers: answers)
    }
}

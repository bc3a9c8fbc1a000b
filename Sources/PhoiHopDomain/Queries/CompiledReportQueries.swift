import Foundation
import GRDB
import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopReports

/// `report.compiled`: the hub's compilation of one request's answers, and its document.
public struct CompiledReportAnswer: Codable, Sendable, Equatable {
    /// The figures and states the document was made from.
    public var report: CompiledReport
    /// The compiled report as Sở TT&TT issues it (``CompiledReportDocument``).
    public var document: OfficialDocument
}

/// `reporting.section`: an agency's answer to one request as its own document. Before the agency
/// answers, the figures are the draft its daemon assembles now (``ReportAnswer``); after, they
/// are the figures and note it sent.
public struct AgencyReportSection: Codable, Sendable, Equatable {
    public var request: ReportRequestRecord
    public var agency: AgencyID
    public var agencyName: String
    /// When the agency answered; nil while it is still a draft.
    public var submittedOn: CivilDate?
    public var figures: [ReportFigure]
    public var note: String?
    /// The answer as the agency's own report (``AgencyReportDocument``).
    public var document: OfficialDocument
}

extension ConsoleQueries {
    static let compiledReports: [ConsoleQuery] = [
        ConsoleQuery("report.compiled", "Báo cáo tổng hợp một yêu cầu báo cáo: đơn vị nào đã gửi, số liệu toàn tỉnh, báo cáo của từng đơn vị (--request)") { context in
            let id = try context.required("request")
            guard context.role == .hub else {
                throw DomainError("report.compiled: only the hub (so-tttt) holds every answer; ask the hub's daemon, or use 'phoihop reporting draft --request \(id) --format md' for this agency's own report")
            }
            guard let request = try ReportRequestRecord.fetch(context.db, id) else {
                throw DomainError("--request: no report request '\(id)' at the hub; list them with 'phoihop reporting list'")
            }
            let answers = try ReportRequestQueries.status(context, request).answers
            let report = CompiledReport.make(request: request, answers: answers, rules: context.rules, today: context.today)
            return CompiledReportAnswer(report: report, document: CompiledReportDocument.make(report, rules: context.rules,
                                                                                                   issuer: PeriodicReportDocument.Issuer(context.reports.issuer)))
        },
        ConsoleQuery("reporting.section", "Báo cáo của đơn vị theo một yêu cầu báo cáo, theo mẫu văn bản hành chính (--request, --note)") { context in
            let draft = try ReportAnswer.draft(context.db, agency: context.agency, role: context.role, requestID: try context.required("request"))
            guard let unit = context.rules.agency(context.agency) else {
                throw DomainError("\(context.agency) is not an agency of the province file; check the daemon's configuration")
            }
            var figures = draft.figures
            var note = context.parameters["note"]
            if draft.submittedOn != nil, let sent = try Row.fetchOne(
                context.db, sql: "SELECT figures, note FROM report_answers WHERE request_id = ? AND agency = ?",
                arguments: [draft.request.requestID, context.agency.rawValue]) {
                figures = (sent["figures"] as String?).flatMap { try? JSONDecoder().decode([ReportFigure].self, from: Data($0.utf8)) } ?? figures
                note = sent["note"]
            }
            let document = AgencyReportDocument.make(request: draft.request, agency: unit, figures: figures, note: note,
                                                     rules: context.rules, date: draft.submittedOn ?? context.today)
            return AgencyReportSection(request: draft.request, agency: context.agency, agencyName: unit.name,
                                       submittedOn: draft.submittedOn, figures: figures, note: note, document: document)
        },
    ]
}

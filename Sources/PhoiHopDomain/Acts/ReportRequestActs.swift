import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Report requests and answers (Điều 3.5, 11.2). The request is relayed to its addressees, each of
// which answers once from its own records (ReportAnswer.swift); late answers are accepted and
// shown as late by the hub's queries.

extension ReportRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if try Bool.fetchOne(context.db, sql: "SELECT 1 FROM report_requests WHERE request_id = ?", arguments: [requestID]) == true {
            throw DomainError("report request \(requestID) already exists; use a new id")
        }
        let strangers = addressees.filter { context.rules.agency($0) == nil }
        guard strangers.isEmpty else {
            throw DomainError("addressees \(strangers.map(\.rawValue).joined(separator: ", ")) are not agencies of the province file")
        }
        guard requestedOn <= context.today else {
            throw DomainError("report request \(requestID) cannot be made on \(requestedOn), after today (\(context.today))")
        }
        // A periodic report covers one of the periods of report-periods.yaml, exactly.
        if kind == .periodic, ReportPeriods.kind(of: (periodFrom, periodTo), in: context.rules.reportPeriods) == nil {
            let rules = context.rules.reportPeriods
            throw DomainError("\(periodFrom)…\(periodTo) is not a periodic reporting period: periods end on day \(rules.cutoffDay) of an end month and span \(rules.kinds.map { "\($0.months) (\($0.id))" }.joined(separator: ", ")) months (\(rules.source)); use --kind ad-hoc for other dates")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { addressees }
}

extension ReportSubmitted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let request = try ReportRequestRecord.fetch(context.db, requestID) else {
            throw DomainError(rule: rule, "report request \(requestID) is not in the records of \(context.agency); only its addressees receive it")
        }
        guard let answer = try Row.fetchOne(context.db, sql: "SELECT submitted_on FROM report_answers WHERE request_id = ? AND agency = ?",
                                            arguments: [requestID, context.agency.rawValue]) else {
            throw DomainError(rule: rule, "\(context.agency) is not an addressee of report request \(requestID)")
        }
        if let submitted: String = answer["submitted_on"] {
            throw DomainError("\(context.agency) already answered report request \(requestID) on \(submitted)")
        }
        guard submittedOn >= request.requestedOn, submittedOn <= context.today else {
            throw DomainError("answer date \(submittedOn) must lie between the request (\(request.requestedOn)) and today (\(context.today))")
        }
    }

    /// The answer goes to the hub only (every act does).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

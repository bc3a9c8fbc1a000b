import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Training, outreach, schools, funding (Điều 3.4, 3.7, 6, 8, 9).

/// Refuses a second record under an id this daemon already holds.
private func refuseDuplicate(_ db: Database, table: String, column: String, id: String, what: String) throws {
    if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE \(column) = ?", arguments: [id]) == true {
        throw DomainError("\(what) \(id) is already recorded; use a new id")
    }
}

private func refuseFuture(_ date: CivilDate, _ what: String, _ context: ActContext) throws {
    guard date <= context.today else { throw DomainError("\(what) is \(date), after today (\(context.today))") }
}

extension TrainingProposed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseFuture(proposedOn, "the proposal date of \(proposalID)", context)
        try refuseDuplicate(context.db, table: "training_proposals", column: "proposal_id", id: proposalID, what: "training proposal")
    }

    /// Sở TT&TT compiles the proposals for the Provincial Committee (Điều 3.4): the hub only.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension OutreachReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        // Reach is what a campaign achieved: it is reported once it has ended.
        try refuseFuture(to, "the end of campaign \(campaignID)", context)
        try refuseDuplicate(context.db, table: "outreach_campaigns", column: "campaign_id", id: campaignID, what: "outreach campaign")
    }

    /// A campaign held in a district is relayed to that district.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { district.map { [$0] } ?? [] }
}

extension SchoolProgrammeReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseDuplicate(context.db, table: "school_programmes", column: "programme_id", id: programmeID, what: "school programme")
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { district.map { [$0] } ?? [] }
}

extension FundingRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseFuture(requestedOn, "the date of funding request \(requestID)", context)
        try refuseDuplicate(context.db, table: "funding_requests", column: "request_id", id: requestID, what: "funding request")
    }

    /// Sở Tài chính decides (Điều 6): every tai-chinh agency of the province file.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { context.agencies(of: .taiChinh) }
}

extension FundingAllocated: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let request = try Row.fetchOne(context.db, sql: "SELECT * FROM funding_requests WHERE request_id = ?", arguments: [requestID]) else {
            throw DomainError(rule: rule, "funding request \(requestID) is not in the records of \(context.agency)")
        }
        let requestedBy: String = request["requested_by"]
        guard requestedBy == requester.rawValue else {
            throw DomainError(rule: rule, "funding request \(requestID) was made by \(requestedBy), not by \(requester)")
        }
        if let allocatedOn: String = request["allocated_on"] {
            throw DomainError("funding request \(requestID) is already allocated (\(request["allocated_vnd"] as Int64? ?? 0) VND on \(allocatedOn), \(request["decision_ref"] as String? ?? ""))")
        }
        let requestedOn = try CivilDate(parsing: request["requested_on"] as String)
        guard allocatedOn >= requestedOn, allocatedOn <= context.today else {
            throw DomainError("allocation date \(allocatedOn) must lie between the request (\(requestedOn)) and today (\(context.today))")
        }
        // More than was asked is an exception the decision must explain; less needs no reason.
        let amount: Int64 = request["amount_vnd"]
        if allocatedVND > amount, note == nil {
            throw DomainError("allocating \(allocatedVND) VND exceeds the \(amount) VND requested in \(requestID); give --note saying why, or allocate at most \(amount)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [requester] }
}

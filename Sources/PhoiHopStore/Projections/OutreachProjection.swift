public import GRDB
public import PhoiHopProtocol

// Training, outreach, school programmes and funding (Điều 3.4, 3.7, 6, 8, 9). Each id is recorded
// once; a funding request is allocated once.

extension TrainingProposed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO training_proposals (proposal_id, title, audience, participants, proposed_on, estimated_cost_vnd, proposed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            binding: proposalID, title, audience, participants, proposedOn.description, estimatedCostVND, author.rawValue)
        try Projection.expectChange(db, position, "training proposal \(proposalID) was already made; the second by \(author) is not applied")
    }
}

extension OutreachReported: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO outreach_campaigns (campaign_id, title, channel, from_on, to_on, reach, district, reported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            binding: campaignID, title, channel.rawValue, from.description, to.description, reach, district?.rawValue, author.rawValue)
        try Projection.expectChange(db, position, "outreach campaign \(campaignID) was already reported; the second report by \(author) is not applied")
    }
}

extension SchoolProgrammeReported: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO school_programmes (programme_id, title, school_year, schools, rural_schools, students, district, reported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            binding: programmeID, title, schoolYear, schools, ruralSchools, students, district?.rawValue, author.rawValue)
        try Projection.expectChange(db, position, "school programme \(programmeID) was already reported; the second report by \(author) is not applied")
    }
}

extension FundingRequested: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO funding_requests (request_id, purpose, amount_vnd, fiscal_year, requested_on, justification, requested_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            binding: requestID, purpose.rawValue, amountVND, fiscalYear, requestedOn.description, justification, author.rawValue)
        try Projection.expectChange(db, position, "funding request \(requestID) was already made; the second request by \(author) is not applied")
    }
}

extension FundingAllocated: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE funding_requests SET allocated_vnd = ?, allocated_on = ?, decision_ref = ?, allocated_by = ?, allocation_note = ?
                WHERE request_id = ? AND requested_by = ? AND allocated_on IS NULL
                """,
            binding: allocatedVND, allocatedOn.description, decisionRef, author.rawValue, note, requestID, requester.rawValue)
        try Projection.expectChange(
            db, position, "allocation \(decisionRef) by \(author): funding request \(requestID) of \(requester) is unknown or already allocated")
    }
}

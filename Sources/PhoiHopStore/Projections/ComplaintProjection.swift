public import GRDB
public import PhoiHopProtocol

// Complaints and denunciations (Điều 3.6) in `cases` and `case_extensions`; reminders in
// `reminders`. The same projection runs at the hub and at every agency holding a copy of the
// case (who received it, its district, its assignee), so each transition names the states it
// may leave and records an anomaly otherwise.

extension ComplaintReceived: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try insertCase(db, receivedBy: author, status: "received")
        try Projection.expectChange(db, position, "complaint.received: case \(caseID) was already received; this receipt is ignored")
    }

    /// Inserts the case unless it is already there (then changes nothing).
    func insertCase(_ db: Database, receivedBy: AgencyID, status: String) throws {
        try db.execute(cached: """
            INSERT OR IGNORE INTO cases (case_id, kind, round, received_on, complainant, subject, business_id, district, remote_area,
                                         act_on, received_by, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, binding: caseID, kind.rawValue, round, receivedOn.description, complainant, subject, businessID, district?.rawValue,
                             remoteArea, actOn?.description, receivedBy.rawValue, status)
    }
}

extension ComplaintAccepted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(cached: """
            UPDATE cases SET status = 'accepted', accepted_on = ?, complexity = ? WHERE case_id = ? AND status = 'received'
            """, binding: acceptedOn.description, complexity.rawValue, caseID)
        try Projection.expectChange(db, position, "complaint.accepted: case \(caseID) is unknown or no longer awaiting acceptance")
    }
}

extension ComplaintRefused: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(cached: """
            UPDATE cases SET status = 'refused', refused_on = ?, refusal_ground = ? WHERE case_id = ? AND status = 'received'
            """, binding: refusedOn.description, ground, caseID)
        try Projection.expectChange(db, position, "complaint.refused: case \(caseID) is unknown or no longer awaiting acceptance")
    }
}

extension ComplaintAssigned: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // An assignee that never saw the receipt learns the case from the particulars carried here.
        if let received { try received.insertCase(db, receivedBy: receivedBy ?? author, status: "accepted") }
        // A copy that missed the acceptance (only the receipt was relayed) is accepted by the assignment.
        try db.execute(cached: """
            UPDATE cases SET status = 'accepted', assignee = ?, assigned_on = ?, verification_due_on = ?, verified_on = NULL, findings = NULL
            WHERE case_id = ? AND status IN ('received', 'accepted')
            """, binding: assignee.rawValue, assignedOn.description, dueOn.description, caseID)
        try Projection.expectChange(db, position, "complaint.assigned: case \(caseID) is unknown, refused or already resolved")
    }
}

extension ComplaintVerified: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(cached: """
            UPDATE cases SET verified_on = ?, findings = ? WHERE case_id = ? AND assignee = ? AND status = 'accepted'
            """, binding: verifiedOn.description, findings, caseID, author.rawValue)
        try Projection.expectChange(db, position, "complaint.verified: case \(caseID) is not an open case assigned to \(author)")
    }
}

extension ComplaintExtended: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        let open = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM cases WHERE case_id = ? AND status = 'accepted'", binding: caseID) ?? 0
        guard open > 0 else {
            return try Projection.anomaly(db, position, "complaint.extended: case \(caseID) is not an accepted, unresolved case")
        }
        try db.execute(cached: """
            INSERT OR IGNORE INTO case_extensions (case_id, extended_on, days, ground, decision_ref) VALUES (?, ?, ?, ?, ?)
            """, binding: caseID, extendedOn.description, days, ground, decisionRef)
        try Projection.expectChange(db, position, "complaint.extended: decision \(decisionRef) already extended case \(caseID)")
    }
}

extension ComplaintResolved: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(cached: """
            UPDATE cases SET status = 'resolved', resolved_on = ?, outcome = ?, decision_ref = ? WHERE case_id = ? AND status = 'accepted'
            """, binding: resolvedOn.description, outcome.rawValue, decisionRef, caseID)
        try Projection.expectChange(db, position, "complaint.resolved: case \(caseID) is unknown, not accepted or already resolved")
    }
}

extension DeadlineReminded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // One row per (subject, subjectID, state, dueOn): a repeated reminder changes nothing.
        try db.execute(cached: """
            INSERT OR IGNORE INTO reminders (subject, subject_id, state, responsible, due_on, reminded_on) VALUES (?, ?, ?, ?, ?, ?)
            """, binding: subject.rawValue, subjectID, state.rawValue, responsible.rawValue, dueOn.description, remindedOn.description)
    }
}

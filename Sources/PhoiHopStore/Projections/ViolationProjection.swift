public import GRDB
public import PhoiHopProtocol

extension ViolationRecorded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO violations (violation_id, business_id, district, category, observed_on,
                                        evidence_ref, inspection_id, description, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (violation_id) DO NOTHING
                """,
            binding: violationID, businessID, district.rawValue, category, observedOn.description,
                        evidenceRef, inspectionID, description, author.rawValue)
        try Projection.expectChange(db, position, "violation \(violationID) was recorded again; the first record stands")
    }
}

extension SanctionDecided: ProjectedAct {
    /// The sanction row, and its additional measure carried onto the certificate: every daemon that
    /// applies the decision (the hub, the decider, the district by relay) shows the same status.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        if try !ViolationState.exists(db, violationID) {
            try Projection.anomaly(db, position, "sanction \(sanctionID) on violation \(violationID), which is unknown")
        } else if let earlier = try String.fetchOne(
            db, cached: "SELECT sanction_id FROM sanctions WHERE violation_id = ? AND sanction_id <> ?", binding: violationID, sanctionID) {
            try Projection.anomaly(db, position, "violation \(violationID) already has sanction \(earlier); sanction \(sanctionID) is a second decision")
        }
        try db.execute(
            cached: """
                INSERT INTO sanctions (sanction_id, violation_id, business_id, district, decision_no, decided_on, penalty,
                                       fine_vnd, suspension_months, revoke_certificate, certificate_no, decided_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sanction_id) DO NOTHING
                """,
            binding: sanctionID, violationID, businessID, district.rawValue, decisionNo, decidedOn.description, penalty.rawValue,
                        fineVND, suspensionMonths, revokeCertificate, certificateNo, author.rawValue)
        guard db.changesCount > 0 else {
            return try Projection.anomaly(db, position, "sanction \(sanctionID) was decided again; the first decision stands")
        }
        guard let certificateNo else { return }
        let ground = "Quyết định xử phạt \(decisionNo)"
        if revokeCertificate {
            try db.execute(
                cached: """
                    UPDATE certificates SET status = 'revoked', revoked_on = ?, revoked_by = ?, ground = ?, sanction_id = ?
                    WHERE certificate_no = ? AND status = 'valid'
                    """,
                binding: decidedOn.description, author.rawValue, ground, sanctionID, certificateNo)
            try Projection.expectChange(db, position, "sanction \(sanctionID) revokes certificate \(certificateNo), which is unknown or already revoked")
        } else if let suspensionMonths {
            try db.execute(
                cached: """
                    UPDATE certificates SET suspended_from = ?, suspended_until = ?, suspension_ground = ?, sanction_id = ?
                    WHERE certificate_no = ? AND status = 'valid'
                    """,
                binding: decidedOn.description, decidedOn.adding(months: suspensionMonths).adding(days: -1).description,
                            ground, sanctionID, certificateNo)
            try Projection.expectChange(db, position, "sanction \(sanctionID) suspends certificate \(certificateNo), which is unknown or already revoked")
        }
    }
}

extension ViolationFollowedUp: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        if try !ViolationState.exists(db, violationID) {
            try Projection.anomaly(db, position, "follow-up of violation \(violationID), which is unknown")
        }
        try db.execute(
            cached: """
                INSERT INTO violation_follow_ups (violation_id, checked_on, remedied, note, checked_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (violation_id, checked_on, checked_by) DO NOTHING
                """,
            binding: violationID, checkedOn.description, remedied, note, author.rawValue)
    }
}

extension ViolationClosed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: "UPDATE violations SET closed_on = ?, closed_outcome = ? WHERE violation_id = ? AND closed_on IS NULL",
            binding: closedOn.description, outcome, violationID)
        try Projection.expectChange(db, position, "closure of violation \(violationID), which is unknown or already closed")
    }
}

enum ViolationState {
    static func exists(_ db: Database, _ violationID: String) throws -> Bool {
        try Bool.fetchOne(db, cached: "SELECT 1 FROM violations WHERE violation_id = ?", binding: violationID) ?? false
    }
}

public import GRDB
public import PhoiHopProtocol

extension ViolationRecorded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO violations (violation_id, business_id, district, category, observed_on,
                                                   evidence_ref, inspection_id, description, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [violationID, businessID, district.rawValue, category, observedOn.description,
                        evidenceRef, inspectionID, description, author.rawValue])
    }
}

extension SanctionDecided: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(violations): sanctions row; a suspension or revocation flows to the certificate.
    }
}

extension ViolationFollowedUp: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(violations)
    }
}

extension ViolationClosed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(violations)
    }
}

public import GRDB
public import PhoiHopProtocol

extension FireSafetyGuidance: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO fire_safety_guidance (guidance_id, issued_on, title, document_ref, audience, summary, issued_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (guidance_id) DO NOTHING
                """,
            binding: guidanceID, issuedOn.description, title, documentRef, audience.map(\.rawValue).joinedForColumn, summary,
                        author.rawValue)
        try Projection.expectChange(db, position, "fire-safety guidance \(guidanceID) was issued again; the first stands")
    }
}

extension FireSafetyChecked: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO fire_safety_checks (check_id, business_id, district, checked_on, result, deficiencies, checked_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (check_id) DO NOTHING
                """,
            binding: checkID, businessID, district.rawValue, checkedOn.description, result.rawValue, deficiencies, author.rawValue)
        try Projection.expectChange(db, position, "fire-safety check \(checkID) was recorded again; the first stands")
    }
}

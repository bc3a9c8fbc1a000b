public import GRDB
public import PhoiHopProtocol

// Information security (Điều 4.1–4.2): an incident id and an advisory id are recorded once; a
// second act with the same id is an anomaly, never a silent overwrite of the first.

extension IncidentReported: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO incidents (incident_id, district, occurred_on, severity, summary, reported_by,
                                                 affected_business, measures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            binding: incidentID, district?.rawValue, occurredOn.description, severity.rawValue, summary, author.rawValue,
                        affectedBusinessID, measures)
        try Projection.expectChange(db, position, "incident \(incidentID) was already reported; the second report by \(author) is not applied")
    }
}

extension SecurityAdvisory: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO advisories (advisory_id, issued_on, severity, title, advice, issued_by)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            binding: advisoryID, issuedOn.description, severity.rawValue, title, advice, author.rawValue)
        try Projection.expectChange(db, position, "advisory \(advisoryID) was already issued; the second issue by \(author) is not applied")
    }
}

public import GRDB
public import PhoiHopProtocol

extension IncidentReported: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO incidents (incident_id, district, occurred_on, severity, summary, reported_by,
                                                  affected_business, measures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [incidentID, district?.rawValue, occurredOn.description, severity.rawValue, summary, author.rawValue,
                        affectedBusinessID, measures])
    }
}

extension SecurityAdvisory: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(security)
    }
}

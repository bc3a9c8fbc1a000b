public import GRDB
public import PhoiHopProtocol

extension InspectionPlanned: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO inspection_plans (plan_id, kind, title, lead, participants, targets, starts_on, ends_on, planned_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [planID, kind.rawValue, title, lead.rawValue, participants.map(\.rawValue).joinedForColumn,
                        targets.joinedForColumn, startsOn.description, endsOn.description, author.rawValue])
    }
}

extension InspectionConfirmed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(inspections)
    }
}

extension InspectionRecorded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO inspections (inspection_id, plan_id, business_id, district, kind, conducted_on,
                                                    outcome, findings, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [inspectionID, planID, businessID, district.rawValue, kind.rawValue,
                        conductedOn.description, outcome.rawValue, findings, author.rawValue])
    }
}

extension InspectionConcluded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(inspections)
    }
}

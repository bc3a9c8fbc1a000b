public import GRDB
public import PhoiHopProtocol

extension InspectionPlanned: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO inspection_plans (plan_id, kind, title, lead, participants, targets, starts_on, ends_on, planned_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (plan_id) DO NOTHING
                """,
            binding: planID, kind.rawValue, title, lead.rawValue, participants.map(\.rawValue).joinedForColumn,
                        targets.joinedForColumn, startsOn.description, endsOn.description, author.rawValue)
        try Projection.expectChange(db, position, "inspection plan \(planID) was planned again; the first plan stands")
    }
}

extension InspectionConfirmed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        guard try InspectionPlanState.exists(db, planID) else {
            return try Projection.anomaly(db, position, "confirmation by \(author) of inspection plan \(planID), which is unknown")
        }
        try db.execute(
            cached: """
                INSERT INTO inspection_confirmations (plan_id, agency, confirmed_on, officers) VALUES (?, ?, ?, ?)
                ON CONFLICT (plan_id, agency) DO NOTHING
                """,
            binding: planID, author.rawValue, confirmedOn.description, officers.joined(separator: "; "))
        try Projection.expectChange(db, position, "\(author) confirmed inspection plan \(planID) again; the first confirmation stands")
    }
}

extension InspectionRecorded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO inspections (inspection_id, plan_id, business_id, district, kind, conducted_on,
                                         outcome, findings, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (inspection_id) DO NOTHING
                """,
            binding: inspectionID, planID, businessID, district.rawValue, kind.rawValue,
                        conductedOn.description, outcome.rawValue, findings, author.rawValue)
        try Projection.expectChange(db, position, "inspection \(inspectionID) was recorded again; the first record stands")
        if let planID, try !InspectionPlanState.exists(db, planID) {
            try Projection.anomaly(db, position, "inspection \(inspectionID) names plan \(planID), which is unknown")
        }
    }
}

extension InspectionConcluded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: "UPDATE inspection_plans SET concluded_on = ?, conclusion = ? WHERE plan_id = ? AND concluded_on IS NULL",
            binding: concludedOn.description, conclusion, planID)
        try Projection.expectChange(db, position, "conclusion of inspection plan \(planID), which is unknown or already concluded")
    }
}

enum InspectionPlanState {
    static func exists(_ db: Database, _ planID: String) throws -> Bool {
        try Bool.fetchOne(db, cached: "SELECT 1 FROM inspection_plans WHERE plan_id = ?", binding: planID) ?? false
    }
}

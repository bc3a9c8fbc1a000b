public import GRDB
public import PhoiHopProtocol

extension BusinessRegistered: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO businesses (business_id, name, kind, district, address, owner, machines, isp_contract,
                                        registered_on, registered_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (business_id) DO NOTHING
                """,
            binding: businessID, name, kind.rawValue, district.rawValue, address, owner, machines,
                        ispContract, registeredOn.description, author.rawValue)
        try Projection.expectChange(db, position, "business \(businessID) was registered again; the first registration stands")
    }
}

extension BusinessChanged: ProjectedAct {
    /// Only the fields present change; a closed or unknown business is left as it is.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE businesses SET name = coalesce(?, name), address = coalesce(?, address), owner = coalesce(?, owner),
                    machines = coalesce(?, machines), isp_contract = coalesce(?, isp_contract), changed_on = ?
                WHERE business_id = ? AND closed_on IS NULL
                """,
            binding: name, address, owner, machines, ispContract, changedOn.description, businessID)
        try Projection.expectChange(db, position, "change of business \(businessID), which is unknown or closed")
    }
}

extension BusinessClosed: ProjectedAct {
    /// Closing leaves the business's certificates as they are: revoking them is a separate act.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: "UPDATE businesses SET closed_on = ?, closed_reason = ? WHERE business_id = ? AND closed_on IS NULL",
            binding: closedOn.description, reason, businessID)
        try Projection.expectChange(db, position, "closure of business \(businessID), which is unknown or already closed")
    }
}

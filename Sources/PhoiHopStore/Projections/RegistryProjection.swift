public import GRDB
public import PhoiHopProtocol

extension BusinessRegistered: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT INTO businesses (business_id, name, kind, district, address, owner, machines, isp_contract,
                                        registered_on, registered_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (business_id) DO NOTHING
                """,
            arguments: [businessID, name, kind.rawValue, district.rawValue, address, owner, machines,
                        ispContract, registeredOn.description, author.rawValue])
        try Projection.expectChange(db, position, "business \(businessID) was registered again; the first registration stands")
    }
}

extension BusinessChanged: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(registry): apply the present fields; anomaly when the business is unknown.
    }
}

extension BusinessClosed: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(registry): set closed_on / closed_reason; anomaly when unknown or already closed.
    }
}

public import GRDB
public import PhoiHopProtocol

extension GuidancePublished: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO guidance (guidance_id, topic, title, document_ref, issued_on, summary, published_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (guidance_id) DO NOTHING
                """,
            binding: guidanceID, topic.rawValue, title, documentRef, issuedOn.description, summary, author.rawValue)
        guard db.changesCount > 0 else {
            return try Projection.anomaly(db, position, "guidance \(guidanceID) was published again; the first publication stands")
        }
        for addressee in addressees {
            try db.execute(
                cached: "INSERT OR IGNORE INTO guidance_addressees (guidance_id, addressee) VALUES (?, ?)",
                binding: guidanceID, addressee.rawValue)
        }
    }
}

extension GuidanceAcknowledged: ProjectedAct {
    /// The acknowledging agency is the act's author.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE guidance_addressees SET acknowledged_on = ?, note = ?
                WHERE guidance_id = ? AND addressee = ? AND acknowledged_on IS NULL
                """,
            binding: acknowledgedOn.description, note, guidanceID, author.rawValue)
        try Projection.expectChange(
            db, position, "acknowledgement of guidance \(guidanceID) by \(author), which is not an addressee or already acknowledged")
    }
}

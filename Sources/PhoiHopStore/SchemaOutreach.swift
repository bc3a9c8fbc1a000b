import GRDB

/// The "v3-outreach" migration: what an allocation of funds records beyond "v2-catalog" — who
/// allocated it and, when the amount differs from the request, why (Điều 6).
enum SchemaOutreach {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE funding_requests ADD COLUMN allocated_by TEXT;
            ALTER TABLE funding_requests ADD COLUMN allocation_note TEXT;
            """)
    }
}

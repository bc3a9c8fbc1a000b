import GRDB

/// The hub's record of handovers (``Handovers``). Every peer the store already knows at this
/// migration has been receiving its relays all along, so it is marked as handed over through the
/// log's end: only an agency the hub has never served gets a handover at its first start.
///
/// At an agency, `handover_requests` holds the streams whose acts its store lost (``HandoverRequests``).
enum SchemaHandovers {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE handovers (
                peer             TEXT PRIMARY KEY,
                at               INTEGER NOT NULL,
                through_position INTEGER NOT NULL,
                acts             INTEGER NOT NULL,
                reason           TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE handover_requests (
                peer  TEXT PRIMARY KEY,
                since INTEGER NOT NULL
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO handovers (peer, at, through_position, acts, reason)
            SELECT peer, 0, (SELECT coalesce(max(position), 0) FROM message_log), 0, 'known before handovers existed'
            FROM (SELECT peer FROM outbound_streams UNION SELECT peer FROM inbound_streams UNION SELECT id FROM agencies);
            """)
    }
}

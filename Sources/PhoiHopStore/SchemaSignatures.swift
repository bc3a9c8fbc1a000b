import GRDB

/// Each logged act keeps its author's Ed25519 signature (docs/PROTOCOL.md §4.1 `sig`), so the
/// log proves who recorded what, and a handover or an audit export carries the proof along.
enum SchemaSignatures {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE message_log ADD COLUMN signature BLOB")
    }
}

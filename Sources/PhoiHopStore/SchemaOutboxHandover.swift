import GRDB

/// The "v8-outbox-handover" migration: an outbox entry remembers that it is a handover's.
///
/// A handover's message carries the `handover` mark in its envelope (docs/PROTOCOL.md §5.4); the
/// log does not record it. Before this migration the mark was only in a whole entry's header
/// bytes, so an entry compacted after the retention period (``Outbox/prune(_:acknowledgedBefore:)``)
/// was made again from the log without it, and an agency restored from an older backup refused
/// its own acts in it (`invalid-field`: an act is never relayed back to its author, except in a
/// handover) and counted the ones it held as `duplicate-id` instead of skipping them. The
/// `handover` column keeps the mark, and compaction leaves it.
///
/// Entries already stored get 0, except a whole entry whose header carries the mark: it is
/// marked from those bytes, so it keeps the mark when it is compacted later. The header is
/// written in one canonical form (`Envelope.header`: no spaces, and no other field can hold
/// that text), so the byte match is exact.
///
/// - Important: An entry compacted before this migration has no header left to read the mark
///   from: it stays 0, and is still made from the log without the mark. Only a handover's
///   entries that were compacted already — acknowledged more than the retention period before
///   the upgrade — are affected; nothing can recover their mark.
enum SchemaOutboxHandover {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN handover INTEGER NOT NULL DEFAULT 0;
            UPDATE outbox SET handover = 1 WHERE instr(header, CAST('"handover":true' AS BLOB)) > 0;
            """)
    }
}

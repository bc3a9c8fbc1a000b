public import GRDB
import Foundation
internal import GRDBSQLite
import Sodium

/// One log entry as the hash chain sees it: everything the leaf hash commits to, and the body.
/// Text rather than typed ids, so a damaged or altered row can still be hashed and reported.
public struct ChainEntry: Sendable, Equatable {
    public var position: Int64
    public var id: String
    public var origin: String
    /// Who recorded the act: the `author` column, or `origin` when it is NULL.
    public var author: String
    public var seq: Int64
    public var type: String
    public var schema: Int64
    public var district: String?
    public var business: String?
    public var actOn: String?
    /// The act's `ts` as its author recorded it (the `sent_at` column).
    public var sentAt: Int64
    /// When this daemon committed it to its log.
    public var acceptedAt: Int64
    public var body: [UInt8]
    public var signature: [UInt8]?

    public init(position: Int64, id: String, origin: String, author: String, seq: Int64, type: String, schema: Int64,
                district: String?, business: String?, actOn: String?, sentAt: Int64, acceptedAt: Int64,
                body: [UInt8], signature: [UInt8]?) {
        self.position = position; self.id = id; self.origin = origin; self.author = author; self.seq = seq
        self.type = type; self.schema = schema; self.district = district; self.business = business; self.actOn = actOn
        self.sentAt = sentAt; self.acceptedAt = acceptedAt; self.body = body; self.signature = signature
    }

    /// SHA-256 of ``LogChain/leafEncoding(_:)``.
    public var leafHash: [UInt8] { SHA256.hash(LogChain.leafEncoding(self)) }
}

/// The accepted-message log's hash chain (docs/AUDIT.md): each entry's `leaf_hash` commits to
/// its content, its `chain_hash` to the leaf and to every entry before it. Whoever changes,
/// removes, inserts or reorders an entry breaks the chain from there on, unless they rewrite
/// every later entry too — which a signed checkpoint (``Checkpoints``) makes detectable.
public enum LogChain {
    /// The chain hash "before" position 1.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The canonical bytes of a leaf, byte by byte as docs/AUDIT.md §2 lists them: a domain tag
    /// and NUL, then each field in a fixed order — integers as 8-byte big-endian, texts as a
    /// 4-byte big-endian length and their UTF-8 bytes (an absent text is empty), the body as its
    /// SHA-256, the signature as a 4-byte length (0 when absent) and its bytes.
    public static func leafEncoding(_ entry: ChainEntry) -> [UInt8] {
        var out = Array("phoihop-log-v1".utf8) + [0]
        out.reserveCapacity(256 + (entry.signature?.count ?? 0))
        appendInteger(entry.position, to: &out)
        appendText(entry.id, to: &out)
        appendText(entry.origin, to: &out)
        appendInteger(entry.seq, to: &out)
        appendText(entry.author, to: &out)
        appendText(entry.type, to: &out)
        appendInteger(entry.schema, to: &out)
        appendText(entry.district ?? "", to: &out)
        appendText(entry.business ?? "", to: &out)
        appendText(entry.actOn ?? "", to: &out)
        appendInteger(entry.sentAt, to: &out)
        appendInteger(entry.acceptedAt, to: &out)
        out += SHA256.hash(entry.body)
        appendBytes(entry.signature ?? [], to: &out)
        return out
    }

    /// SHA-256(previous ‖ leaf).
    public static func link(_ previous: [UInt8], _ leaf: [UInt8]) -> [UInt8] {
        SHA256.hash(previous + leaf)
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    static func appendBytes(_ bytes: [UInt8], to out: inout [UInt8]) {
        let n = UInt32(bytes.count)
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: n >> UInt32(shift))) }
        out += bytes
    }

    static func appendText(_ text: String, to out: inout [UInt8]) { appendBytes(Array(text.utf8), to: &out) }

    // MARK: In the database

    /// The log's last entry: its position and chain hash; (0, ``genesis``) for an empty log.
    public struct Tip: Sendable, Equatable {
        public var position: Int64
        public var chainHash: [UInt8]
    }

    /// The last entry's position and chain hash, or (0, ``genesis``) for an empty log.
    static func tip(_ db: Database) throws -> Tip {
        // Every append asks: a cached statement, its columns read in place (no Row, no Data).
        let statement = try db.boundStatement("SELECT position, chain_hash FROM message_log ORDER BY position DESC LIMIT 1")
        let handle = statement.sqliteStatement
        let rows = try Row.fetchCursor(statement)
        guard try rows.next() != nil else { return Tip(position: 0, chainHash: genesis) }
        // The cursor resets the statement when it goes: kept until the columns are read.
        return withExtendedLifetime(rows) { Tip(position: sqlite3_column_int64(handle, 0), chainHash: columnBytes(handle, 1) ?? genesis) }
    }

    static let columns = """
        position, id, origin, author, seq, type, schema, district, business, act_on, sent_at, accepted_at, body, signature, \
        leaf_hash, chain_hash
        """

    /// An entry read from a `message_log` row selected with ``columns``, with its stored hashes.
    static func entry(_ row: Row) -> (entry: ChainEntry, leaf: [UInt8]?, chain: [UInt8]?) {
        let origin: String = row["origin"] ?? ""
        let author: String? = row["author"]
        let body: Data? = row["body"]
        let signature: Data? = row["signature"]
        let leaf: Data? = row["leaf_hash"]
        let chain: Data? = row["chain_hash"]
        let entry = ChainEntry(
            position: row["position"], id: row["id"] ?? "", origin: origin, author: author ?? origin, seq: row["seq"] ?? 0,
            type: row["type"] ?? "", schema: row["schema"] ?? 0, district: row["district"], business: row["business"],
            actOn: row["act_on"], sentAt: row["sent_at"] ?? 0, acceptedAt: row["accepted_at"] ?? 0,
            body: body.map(Array.init) ?? [], signature: signature.map(Array.init))
        return (entry, leaf.map(Array.init), chain.map(Array.init))
    }

    /// Entries after `position`, in order, at most `limit`, with their stored hashes.
    public static func entries(_ db: Database, after position: Int64, limit: Int) throws
        -> [(entry: ChainEntry, leaf: [UInt8]?, chain: [UInt8]?)] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM message_log WHERE position > ? ORDER BY position LIMIT ?",
                         arguments: [position, limit]).map(entry)
    }

    /// The stored chain hash at `position` (``genesis`` at 0), or nil when the log has no such entry.
    public static func chainHash(_ db: Database, at position: Int64) throws -> [UInt8]? {
        if position == 0 { return genesis }
        let data = try Data.fetchOne(db, sql: "SELECT chain_hash FROM message_log WHERE position = ?", arguments: [position])
        return data.map(Array.init)
    }

    /// Migration `v4-audit-chain`: the hash columns, chained over the entries already logged.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE message_log ADD COLUMN leaf_hash BLOB;
            ALTER TABLE message_log ADD COLUMN chain_hash BLOB;
            """)
        try Checkpoints.createTable(db)
        var previous = genesis
        var after: Int64 = 0
        while true {
            let batch = try entries(db, after: after, limit: 5000)
            guard let last = batch.last else { break }
            for (entry, _, _) in batch {
                let leaf = entry.leafHash
                previous = link(previous, leaf)
                try db.execute(sql: "UPDATE message_log SET leaf_hash = ?, chain_hash = ? WHERE position = ?",
                               arguments: [Data(leaf), Data(previous), entry.position])
            }
            after = last.entry.position
        }
    }
}

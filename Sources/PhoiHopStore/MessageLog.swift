public import GRDB
public import PhoiHopProtocol
import Foundation
internal import GRDBSQLite

/// One accepted message as the log holds it.
public struct LoggedMessage: Sendable, Equatable {
    public var position: Int64
    public var id: String
    public var origin: AgencyID
    /// Who recorded the act (differs from `origin` for an act the hub relayed).
    public var author: AgencyID
    public var seq: UInt64
    public var type: MessageType
    public var district: AgencyID?
    public var sentAt: Int64
    public var body: [UInt8]
    /// The author's Ed25519 signature (64 bytes); nil for an act logged before signatures.
    public var signature: [UInt8]? = nil
}

/// The accepted-message log: append-only, one row per act, in acceptance order.
public enum MessageLog {
    /// Appends an accepted message and returns its position. The unique (origin, seq) and id
    /// constraints make a second append of the same act fail instead of counting it twice.
    ///
    /// The act is kept by its fields and body bytes; the `header` column of the first schema stays
    /// empty (a header is made from the fields when the act is sent on: ``Outbox``).
    ///
    /// The entry is hash-chained in the same statement (``LogChain``): its `leaf_hash` commits to
    /// its content and its `chain_hash` to every entry before it, so the append reads the last
    /// entry's chain hash (one indexed row) and hashes a few hundred bytes and the body.
    @discardableResult
    public static func append(
        _ db: Database, id: String, origin: AgencyID, seq: UInt64, type: MessageType, schema: Int,
        district: AgencyID?, sentAt: Int64, acceptedAt: Int64, body: [UInt8],
        author: AgencyID? = nil, business: String? = nil, actOn: CivilDate? = nil, signature: [UInt8]? = nil
    ) throws -> Int64 {
        var tip: LogChain.Tip?
        return try append(db, id: id, origin: origin, seq: seq, type: type, schema: schema, district: district, sentAt: sentAt,
                          acceptedAt: acceptedAt, body: body, author: author, business: business, actOn: actOn, signature: signature,
                          after: &tip)
    }

    /// ``append(_:id:origin:seq:type:schema:district:sentAt:acceptedAt:body:author:business:actOn:signature:)``
    /// for a transaction that appends many entries: `tip` carries the log's last entry from one
    /// append to the next, so it is read from the table once (when `tip` is nil), not for every
    /// entry. A hub applying a catch-up drain appends up to a thousand in one transaction.
    ///
    /// Only where nothing appended is rolled back alone: after a savepoint's rollback the carried
    /// tip would name an entry that is not there (the record path, which refuses acts one by one
    /// under savepoints, uses the other form). Debug builds compare it with the table's.
    @discardableResult
    public static func append(
        _ db: Database, id: String, origin: AgencyID, seq: UInt64, type: MessageType, schema: Int,
        district: AgencyID?, sentAt: Int64, acceptedAt: Int64, body: [UInt8],
        author: AgencyID? = nil, business: String? = nil, actOn: CivilDate? = nil, signature: [UInt8]? = nil,
        after carried: inout LogChain.Tip?
    ) throws -> Int64 {
        let tip = try carried ?? LogChain.tip(db)
        assert(carried == nil || (try? LogChain.tip(db)) == carried, "MessageLog.append: the carried tip is not the log's")
        let entry = ChainEntry(
            position: tip.position + 1, id: id, origin: origin.rawValue, author: (author ?? origin).rawValue, seq: Int64(seq),
            type: type.rawValue, schema: Int64(schema), district: district?.rawValue, business: business,
            actOn: actOn?.description, sentAt: sentAt, acceptedAt: acceptedAt, body: body, signature: signature)
        let leaf = entry.leafHash
        let chain = LogChain.link(tip.chainHash, leaf)
        try db.execute(
            cached: """
                INSERT INTO message_log (position, id, origin, seq, type, schema, district, sent_at, accepted_at, body, author,
                                         business, act_on, signature, leaf_hash, chain_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            binding: entry.position, id, origin.rawValue, Int64(seq), type.rawValue, schema, district?.rawValue, sentAt, acceptedAt,
            body, author?.rawValue, business, actOn?.description, signature, leaf, chain)
        carried = LogChain.Tip(position: entry.position, chainHash: chain)
        return entry.position
    }

    /// Whether a message with this id is already in the log.
    public static func contains(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM message_log WHERE id = ?)", binding: id) ?? false
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM message_log") ?? 0
    }

    /// Messages after `position`, in order, at most `limit`: for a handover (a rebuild reads
    /// only ``acts(_:after:limit:)``).
    public static func entries(_ db: Database, after position: Int64, limit: Int) throws -> [LoggedMessage] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT position, origin, author, seq, type, district, sent_at, body, signature, id FROM message_log
                WHERE position > ? ORDER BY position LIMIT ?
                """,
            arguments: [position, limit]
        ).compactMap { row in message(row, offset: 0, id: row[9]) }
    }

    /// What a replay of the log needs of an entry: where it is, who recorded it, and the act.
    public struct Act: Sendable {
        public var position: Int64
        public var author: AgencyID
        public var type: MessageType
        public var body: [UInt8]
    }

    /// The acts after `position`, in order, at most `limit`, read from the statement's columns as
    /// they come (no row copied, no name made a `String` twice): a rebuild reads every entry of the
    /// log, and reading whole ``LoggedMessage``s was two fifths of its time on the thread that
    /// applies them. Entries of an origin or type this version does not know are skipped, as
    /// ``entries(_:after:limit:)`` does.
    public static func acts(_ db: Database, after position: Int64, limit: Int) throws -> [Act] {
        var acts: [Act] = []
        acts.reserveCapacity(limit)
        let statement = try db.boundStatement(
            "SELECT position, origin, author, type, body FROM message_log WHERE position > ? ORDER BY position LIMIT ?", position, limit)
        let handle = statement.sqliteStatement
        var agencies = ColumnNames<AgencyID>(AgencyID.init(rawValue:))
        var types = ColumnNames<MessageType>(MessageType.init(rawValue:))
        // The cursor steps the statement; each row is read from it in place.
        let rows = try Row.fetchCursor(statement)
        while try rows.next() != nil {
            guard let origin = agencies.value(handle, column: 1), let type = types.value(handle, column: 3) else { continue }
            let author = agencies.value(handle, column: 2) ?? origin
            acts.append(Act(position: sqlite3_column_int64(handle, 0), author: author, type: type, body: columnBytes(handle, 4) ?? []))
        }
        return acts
    }

    /// The names a text column holds (the log's agencies and types: a few dozen), each parsed once
    /// and then recognised by its bytes. Past `capacity` names, each is parsed as it comes.
    struct ColumnNames<Value> {
        private var known: [(bytes: [UInt8], value: Value?)] = []
        private let parse: (String) -> Value?
        private static var capacity: Int { 256 }

        init(_ parse: @escaping (String) -> Value?) { self.parse = parse }

        /// The value of `column`'s text in the current row; nil for NULL or a name `parse` refuses.
        mutating func value(_ handle: SQLiteStatement, column: CInt) -> Value? {
            guard let text = sqlite3_column_text(handle, column) else { return nil }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
            for entry in known where entry.bytes.count == bytes.count && entry.bytes.elementsEqual(bytes) {
                return entry.value
            }
            let value = parse(String(decoding: bytes, as: UTF8.self))
            if known.count < Self.capacity { known.append((Array(bytes), value)) }
            return value
        }
    }

    /// The message of a row selecting `position, origin, author, seq, type, district, sent_at,
    /// body, signature` from column `offset` on (and the id apart); nil if its origin or type is
    /// not one this version knows.
    static func message(_ row: Row, offset: Int, id: String) -> LoggedMessage? {
        // By position, in the order selected: GRDB's lookup by name lowercases every name of
        // every row, a visible share of the time when millions of rows are read.
        guard let origin = AgencyID(rawValue: row[offset + 1]), let type = MessageType(rawValue: row[offset + 4]) else {
            return nil
        }
        let author: String? = row[offset + 2]
        let district: String? = row[offset + 5]
        let body: Data = row[offset + 7]
        let signature: Data? = row[offset + 8]
        return LoggedMessage(
            position: row[offset], id: id, origin: origin,
            author: author.flatMap(AgencyID.init(rawValue:)) ?? origin, seq: UInt64(row[offset + 3] as Int64),
            type: type, district: district.flatMap(AgencyID.init(rawValue:)), sentAt: row[offset + 6], body: Array(body),
            signature: signature.map(Array.init))
    }

    /// The ids the log holds for `origin`, in seq order: lets tests compare full sets, not samples.
    public static func ids(_ db: Database, origin: AgencyID) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM message_log WHERE origin = ? ORDER BY seq", arguments: [origin.rawValue])
    }
}

public import GRDB
public import PhoiHopProtocol
import Foundation

/// A message waiting in the outbox for its recipient's acknowledgement.
public struct OutboxEntry: Sendable, Equatable {
    public var stream: AgencyID
    public var seq: UInt64
    /// The act's id: all a reference to the log holds (``isCompacted``), from which the message
    /// is made out of the log.
    public var id: String
    public var header: [UInt8]
    public var body: [UInt8]
    /// The entry is a handover's (docs/PROTOCOL.md §5.4): the message made for it out of the log,
    /// once it is compacted, carries the `handover` mark, as its stored header did. Stored with
    /// the entry because the log does not record the mark; a handover entry compacted before the
    /// store kept it (the "v8-outbox-handover" migration) reads false, its mark lost.
    public var handover: Bool = false
    /// For a reference to the log (``isCompacted``): the act as the log holds it, read with the
    /// entry; nil if the log lacks it.
    public var logged: LoggedMessage? = nil
    /// The entry holds only the act's id, no frames: written so (``appendReference(_:stream:seq:id:type:recordedAt:)``),
    /// or compacted after the retention period. The message is made out of the log's act.
    public var isCompacted: Bool { header.isEmpty }
}

/// Where one outbound stream stands.
public struct OutboundStreamState: Sendable, Equatable {
    public var peer: AgencyID
    /// The highest seq written to the outbox.
    public var lastSeq: UInt64
    /// The highest seq the peer has acknowledged (applied durably).
    public var acked: UInt64
    public var pending: UInt64 { lastSeq - min(acked, lastSeq) }

    public init(peer: AgencyID, lastSeq: UInt64, acked: UInt64) { self.peer = peer; self.lastSeq = lastSeq; self.acked = acked }
}

/// The durable outbox: a message is written here in the same transaction as the act it
/// carries. An entry of an act logged in that transaction — an act recorded here, or relayed by
/// the hub — is a **reference**: its stream, seq and act id only, the message made out of the
/// log's act when it is sent (``appendReference(_:stream:seq:id:type:recordedAt:)``), so an act's
/// bytes are written once, not once more per recipient. A handover's entries are whole, their
/// header carrying the `handover` mark, which the log does not record; the entry records it too
/// (``OutboxEntry/handover``). A whole entry, once acknowledged, is kept for the retention period,
/// then compacted to a reference (``prune(_:acknowledgedBefore:)``): a peer restored from an
/// older backup asks for it again and gets it, made from the log, with the mark if it had one.
public enum Outbox {
    /// Reserves the next seq of the stream to `peer` (starting at 1). Two statements: one with
    /// `RETURNING` was slower still (SQLite 3.40 keeps the returned row in a temporary table it
    /// makes for every call: 3.7–4.0 µs a call against 2.6–3.4 µs for these two, timed alone).
    public static func reserveSeq(_ db: Database, stream peer: AgencyID) throws -> UInt64 {
        try db.execute(cached: """
            INSERT INTO outbound_streams (peer, last_seq, acked) VALUES (?, 1, 0)
            ON CONFLICT (peer) DO UPDATE SET last_seq = last_seq + 1
            """, binding: peer.rawValue)
        return try storedLastSeq(db, peer) ?? 1
    }

    /// The last seq the store holds for the stream to `peer`; nil before its first.
    private static func storedLastSeq(_ db: Database, _ peer: AgencyID) throws -> UInt64? {
        try Int64.fetchOne(db, cached: "SELECT last_seq FROM outbound_streams WHERE peer = ?", binding: peer.rawValue).map(UInt64.init)
    }

    /// The seqs one transaction reserves for many messages: each stream's last seq is read from
    /// the store the first time the stream is asked for, the next ones are counted here, and
    /// ``write(_:)`` stores each stream's last seq once, before the transaction commits. The hub
    /// relays every act it applies to several agencies, and reserving each seq with its own
    /// statement was a tenth of its time in a catch-up.
    ///
    /// Only for a transaction without savepoints that roll back a part of it (those would keep
    /// the seqs counted here): a batch applied whole or not at all. A transaction that forgets
    /// ``write(_:)`` cannot commit the wrong seqs silently: the next one would reserve the same
    /// seqs again, and the outbox's key `(stream, seq)` refuses them.
    public struct SeqReservations {
        private var last: [(peer: AgencyID, seq: UInt64)] = []

        public init() {}

        /// The next seq of the stream to `peer`.
        public mutating func reserve(_ db: Database, stream peer: AgencyID) throws -> UInt64 {
            if let index = last.firstIndex(where: { $0.peer == peer }) {
                last[index].seq += 1
                return last[index].seq
            }
            let seq = (try storedLastSeq(db, peer) ?? 0) + 1
            last.append((peer, seq))
            return seq
        }

        /// Stores the last seq reserved of each stream, in the transaction that reserved them.
        public func write(_ db: Database) throws {
            for (peer, seq) in last {
                try db.execute(cached: """
                    INSERT INTO outbound_streams (peer, last_seq, acked) VALUES (?, ?, 0)
                    ON CONFLICT (peer) DO UPDATE SET last_seq = excluded.last_seq
                    """, binding: peer.rawValue, Int64(seq))
            }
        }
    }

    /// Writes a whole entry: the message's exact header and body. A handover's entry passes
    /// `handover` (its header carries the mark), so the mark outlives the bytes when the entry is
    /// compacted.
    public static func append(
        _ db: Database, stream: AgencyID, seq: UInt64, id: String, type: MessageType,
        header: [UInt8], body: [UInt8], recordedAt: Int64, handover: Bool = false
    ) throws {
        try db.execute(cached: "INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at, handover) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       binding: stream.rawValue, Int64(seq), id, type.rawValue, header, body, recordedAt, handover)
    }

    /// Writes a reference to the act `id`, which the log holds (logged in the same transaction):
    /// the message is made out of the log's act when it is sent.
    public static func appendReference(_ db: Database, stream: AgencyID, seq: UInt64, id: String, type: MessageType, recordedAt: Int64) throws {
        try db.execute(cached: "INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at) VALUES (?, ?, ?, ?, x'', x'', ?)",
                       binding: stream.rawValue, Int64(seq), id, type.rawValue, recordedAt)
    }

    /// Entries of a stream from `seq` on, in order (acknowledged ones while they are retained),
    /// each reference with its act read from the log in the same statement.
    public static func entries(_ db: Database, stream: AgencyID, from seq: UInt64, limit: Int) throws -> [OutboxEntry] {
        try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT o.seq, o.id, o.header, o.body, o.handover,
                       m.position, m.origin, m.author, m.seq, m.type, m.district, m.sent_at, m.body, m.signature
                FROM outbox o LEFT JOIN message_log m ON length(o.header) = 0 AND m.id = o.id
                WHERE o.stream = ? AND o.seq >= ? ORDER BY o.seq LIMIT ?
                """),
            arguments: [stream.rawValue, Int64(seq), limit]
        ).map { row in
            // By position, in the order selected (as MessageLog reads its rows).
            let header: Data = row[2]
            let body: Data = row[3]
            var entry = OutboxEntry(stream: stream, seq: UInt64(row[0] as Int64), id: row[1], header: Array(header), body: Array(body),
                                    handover: row[4])
            // The join matches references only: a log row here is this reference's act.
            if (row[5] as Int64?) != nil { entry.logged = MessageLog.message(row, offset: 5, id: entry.id) }
            return entry
        }
    }

    /// Records that `peer` applied everything up to `seq`. Acks never move forward past what
    /// was written, nor backwards: a stale, replayed or bogus ack changes nothing. (Only
    /// ``rewind(_:stream:to:)`` moves the mark back, when the peer proves it lost what it applied.)
    public static func acknowledge(_ db: Database, stream peer: AgencyID, upTo seq: UInt64) throws {
        try db.execute(
            cached: "UPDATE outbound_streams SET acked = ? WHERE peer = ? AND acked < ? AND last_seq >= ?",
            binding: Int64(seq), peer.rawValue, Int64(seq), Int64(seq))
    }

    /// The peer has applied only up to `seq` (it was restored from an older backup): what it
    /// acknowledged after that is pending again. Returns the first seq after `seq` that is no
    /// longer retained here, if any — the peer cannot get that one back from this daemon.
    @discardableResult
    public static func rewind(_ db: Database, stream peer: AgencyID, to seq: UInt64) throws -> UInt64? {
        try db.execute(sql: "UPDATE outbound_streams SET acked = ? WHERE peer = ? AND acked > ?",
                       arguments: [Int64(seq), peer.rawValue, Int64(seq)])
        return try retains(db, stream: peer, seq: seq + 1) ? nil : seq + 1
    }

    /// Whether the outbox holds the entry `seq` of the stream to `peer` (whole or compacted).
    public static func retains(_ db: Database, stream peer: AgencyID, seq: UInt64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE stream = ? AND seq = ?)",
                          arguments: [peer.rawValue, Int64(seq)]) ?? false
    }

    /// Cuts the stream to `peer` back to `applied`, what the peer holds: every entry after it is
    /// deleted and the stream continues at `applied + 1`. Only for a handover, which writes in the
    /// same transaction everything of the log the peer needs, so nothing deleted here is lost.
    public static func restart(_ db: Database, stream peer: AgencyID, at applied: UInt64) throws {
        try db.execute(sql: "DELETE FROM outbox WHERE stream = ? AND seq > ?", arguments: [peer.rawValue, Int64(applied)])
        try setStream(db, peer, lastSeq: applied, acked: applied)
    }

    /// Sets where the stream to `peer` stands, creating it if new.
    private static func setStream(_ db: Database, _ peer: AgencyID, lastSeq: UInt64, acked: UInt64) throws {
        try db.execute(
            sql: """
                INSERT INTO outbound_streams (peer, last_seq, acked) VALUES (?, ?, ?)
                ON CONFLICT (peer) DO UPDATE SET last_seq = excluded.last_seq, acked = excluded.acked
                """,
            arguments: [peer.rawValue, Int64(lastSeq), Int64(acked)])
    }

    /// The peer has applied up to `applied` of a stream this store knew only up to `known` (this
    /// store was restored from an older backup): the entries written since, never sent, are
    /// renumbered to follow `applied`, with `reheader` rewriting each whole one's header for its
    /// new seq (a handover's keeps its mark), and the stream continues from there. Returns the new
    /// last seq.
    public static func fastForward(
        _ db: Database, stream peer: AgencyID, known: UInt64, applied: UInt64,
        reheader: ([UInt8], UInt64) throws -> [UInt8]
    ) throws -> UInt64 {
        let rows = try Row.fetchAll(
            db, sql: "SELECT seq, id, type, header, body, recorded_at, handover FROM outbox WHERE stream = ? AND seq > ? ORDER BY seq",
            arguments: [peer.rawValue, Int64(known)])
        try db.execute(sql: "DELETE FROM outbox WHERE stream = ? AND seq > ?", arguments: [peer.rawValue, Int64(known)])
        var seq = applied
        for row in rows {
            seq += 1
            let header: Data = row["header"]
            // A reference has no header: the message is made with its seq when it is sent.
            try db.execute(
                sql: "INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at, handover) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [peer.rawValue, Int64(seq), row["id"] as String, row["type"] as String,
                            header.isEmpty ? Data() : Data(try reheader(Array(header), seq)), row["body"] as Data, row["recorded_at"] as Int64,
                            row["handover"] as Bool])
        }
        try setStream(db, peer, lastSeq: seq, acked: applied)
        return seq
    }

    /// Compacts acknowledged entries recorded before `cutoff` (milliseconds since 1970) to their
    /// stream, seq and act id: the header and body go, the log keeps the act, and a peer restored
    /// from an older backup still gets it (made again from the log). A handover's entry keeps its
    /// ``OutboxEntry/handover`` mark, so the message made again is still a handover. Returns how
    /// many were compacted.
    @discardableResult
    public static func prune(_ db: Database, acknowledgedBefore cutoff: Int64) throws -> Int {
        try db.execute(
            sql: """
                UPDATE outbox SET header = x'', body = x'' WHERE recorded_at < ? AND length(header) > 0
                AND seq <= (SELECT acked FROM outbound_streams WHERE outbound_streams.peer = outbox.stream)
                """,
            arguments: [cutoff])
        return db.changesCount
    }

    public static func streams(_ db: Database) throws -> [OutboundStreamState] {
        try Row.fetchAll(db, sql: "SELECT peer, last_seq, acked FROM outbound_streams ORDER BY peer").compactMap { row in
            guard let peer = AgencyID(rawValue: row["peer"]) else { return nil }
            return OutboundStreamState(peer: peer, lastSeq: UInt64(row["last_seq"] as Int64), acked: UInt64(row["acked"] as Int64))
        }
    }
}

/// How far each sender's stream has been applied here. Read and advanced inside the apply
/// transaction: the seq check and the apply commit together, so a redelivery is a no-op.
public enum InboundStreams {
    public static func applied(_ db: Database, peer: AgencyID) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT applied FROM inbound_streams WHERE peer = ?", arguments: [peer.rawValue]) ?? 0)
    }

    public static func all(_ db: Database) throws -> [AgencyID: UInt64] {
        var result: [AgencyID: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT peer, applied FROM inbound_streams") {
            if let peer = AgencyID(rawValue: row["peer"]) { result[peer] = UInt64(row["applied"] as Int64) }
        }
        return result
    }

    public static func setApplied(_ db: Database, peer: AgencyID, seq: UInt64) throws {
        try db.execute(cached: "INSERT INTO inbound_streams (peer, applied) VALUES (?, ?) ON CONFLICT (peer) DO UPDATE SET applied = excluded.applied",
                       binding: peer.rawValue, Int64(seq))
    }
}

public import GRDB
public import PhoiHopProtocol
import Foundation

/// A message waiting in the outbox for its recipient's acknowledgement.
public struct OutboxEntry: Sendable, Equatable {
    public var stream: AgencyID
    public var seq: UInt64
    public var header: [UInt8]
    public var body: [UInt8]
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
/// carries, and deleted only when the recipient acknowledges having applied it.
public enum Outbox {
    /// Reserves the next seq of the stream to `peer` (starting at 1).
    public static func reserveSeq(_ db: Database, stream peer: AgencyID) throws -> UInt64 {
        try db.execute(
            sql: """
                INSERT INTO outbound_streams (peer, last_seq, acked) VALUES (?, 1, 0)
                ON CONFLICT (peer) DO UPDATE SET last_seq = last_seq + 1
                """,
            arguments: [peer.rawValue])
        return UInt64(try Int64.fetchOne(db, sql: "SELECT last_seq FROM outbound_streams WHERE peer = ?",
                                         arguments: [peer.rawValue]) ?? 1)
    }

    public static func append(
        _ db: Database, stream: AgencyID, seq: UInt64, id: String, type: MessageType,
        header: [UInt8], body: [UInt8], recordedAt: Int64
    ) throws {
        try db.execute(
            sql: "INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [stream.rawValue, Int64(seq), id, type.rawValue, Data(header), Data(body), recordedAt])
    }

    /// Unacknowledged entries of a stream from `seq` on, in order.
    public static func entries(_ db: Database, stream: AgencyID, from seq: UInt64, limit: Int) throws -> [OutboxEntry] {
        try Row.fetchAll(
            db,
            sql: "SELECT seq, header, body FROM outbox WHERE stream = ? AND seq >= ? ORDER BY seq LIMIT ?",
            arguments: [stream.rawValue, Int64(seq), limit]
        ).map { row in
            let header: Data = row["header"]
            let body: Data = row["body"]
            return OutboxEntry(stream: stream, seq: UInt64(row["seq"] as Int64), header: Array(header), body: Array(body))
        }
    }

    /// Records that `peer` applied everything up to `seq` and forgets those entries.
    /// Acks never move backwards: a stale or replayed ack changes nothing.
    public static func acknowledge(_ db: Database, stream peer: AgencyID, upTo seq: UInt64) throws {
        try db.execute(
            sql: "UPDATE outbound_streams SET acked = ? WHERE peer = ? AND acked < ? AND last_seq >= ?",
            arguments: [Int64(seq), peer.rawValue, Int64(seq), Int64(seq)])
        // An ack beyond what was ever written is bogus: it must not empty the outbox.
        try db.execute(
            sql: """
                DELETE FROM outbox WHERE stream = ? AND seq <= ?
                AND ? <= (SELECT last_seq FROM outbound_streams WHERE peer = ?)
                """,
            arguments: [peer.rawValue, Int64(seq), Int64(seq), peer.rawValue])
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
        try db.execute(
            sql: "INSERT INTO inbound_streams (peer, applied) VALUES (?, ?) ON CONFLICT (peer) DO UPDATE SET applied = excluded.applied",
            arguments: [peer.rawValue, Int64(seq)])
    }
}

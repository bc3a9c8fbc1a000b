public import GRDB
public import PhoiHopProtocol

/// The hub's record of which agencies it has handed over to (see `BusNode+Handover.swift`):
/// an agency without a row has never been served by this hub and gets a handover at start.
public enum Handovers {
    /// The peers among `peers` this store has no handover row for.
    public static func unserved(_ db: Database, among peers: [AgencyID]) throws -> [AgencyID] {
        let known = Set(try String.fetchAll(db, sql: "SELECT peer FROM handovers"))
        return peers.filter { !known.contains($0.rawValue) }
    }

    /// Records a handover to `peer` of `acts` acts, through log position `through`.
    public static func record(_ db: Database, peer: AgencyID, at: Int64, through: Int64, acts: Int, reason: String) throws {
        try db.execute(
            sql: """
                INSERT INTO handovers (peer, at, through_position, acts, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (peer) DO UPDATE SET at = excluded.at, through_position = excluded.through_position,
                acts = excluded.acts, reason = excluded.reason
                """,
            arguments: [peer.rawValue, at, through, acts, reason])
    }

    /// The last handover to each peer (time, acts, reason), for status and tests.
    public static func all(_ db: Database) throws -> [(peer: String, at: Int64, acts: Int, reason: String)] {
        try Row.fetchAll(db, sql: "SELECT peer, at, acts, reason FROM handovers ORDER BY peer").map {
            (peer: $0["peer"], at: $0["at"], acts: $0["acts"], reason: $0["reason"])
        }
    }
}

/// At an agency: the peers (the hub) whose streams this store lost acts of — it was restored from
/// an older backup or started empty — and from which a handover is asked for, in every heartbeat,
/// until its first act arrives. Durable, so a restart in between asks again.
public enum HandoverRequests {
    public static func open(_ db: Database, peer: AgencyID, at: Int64) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO handover_requests (peer, since) VALUES (?, ?)", arguments: [peer.rawValue, at])
    }

    public static func close(_ db: Database, peer: AgencyID) throws {
        try db.execute(sql: "DELETE FROM handover_requests WHERE peer = ?", arguments: [peer.rawValue])
    }

    public static func all(_ db: Database) throws -> Set<AgencyID> {
        Set(try String.fetchAll(db, sql: "SELECT peer FROM handover_requests").compactMap(AgencyID.init(rawValue:)))
    }
}

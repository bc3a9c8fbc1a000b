public import GRDB
public import PhoiHopProtocol

/// One cell of the first report: how many acts of a type concern a district.
public struct DistrictTypeCount: Codable, Sendable, Equatable {
    public var district: String
    public var type: String
    public var count: Int
}

/// Headline counts of the aggregate state.
public struct ProvinceTotals: Codable, Sendable, Equatable {
    public var messages: Int
    public var businesses: Int
    public var validCertificates: Int
    public var revokedCertificates: Int
    public var inspections: Int
    public var violations: Int
    public var incidents: Int
    public var inspectionPlans: Int
    public var anomalies: Int
}

/// What the hub knows of an agency daemon, from its heartbeats and its stream.
public struct AgencyRecord: Codable, Sendable, Equatable {
    public init(id: String, role: String, version: String?, lastSeen: Int64?, lastSeq: UInt64, pending: UInt64, rejected: UInt64) {
        self.id = id; self.role = role; self.version = version; self.lastSeen = lastSeen
        self.lastSeq = lastSeq; self.pending = pending; self.rejected = rejected
    }

    public var id: String
    public var role: String
    public var version: String?
    public var lastSeen: Int64?
    public var lastSeq: UInt64
    public var pending: UInt64
    public var rejected: UInt64
}

/// Read-only questions the console and reports ask of the aggregate tables.
public enum ProvinceQueries {
    public static func countsByDistrictAndType(_ db: Database) throws -> [DistrictTypeCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT coalesce(district, '') AS district, type, count(*) AS n FROM message_log
                GROUP BY district, type ORDER BY district, type
                """
        ).map { DistrictTypeCount(district: $0["district"], type: $0["type"], count: $0["n"]) }
    }

    /// The headline counts. `status` asks for them, and the control socket is served on the bus's
    /// loop thread, so they must not cost a scan of the log: `count(*)` over a million entries
    /// kept a district's loop busy for tens of milliseconds at every `status` (a catch-up
    /// benchmark polling it spent most of the district's CPU there: docs/PERFORMANCE.md). The
    /// log's positions run from 1 without a gap (docs/AUDIT.md §1: a gap is a deleted entry,
    /// which `audit verify` reports), so its last position is its count, read from the primary key.
    public static func totals(_ db: Database) throws -> ProvinceTotals {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        return ProvinceTotals(
            messages: try count("SELECT coalesce(max(position), 0) FROM message_log"),
            businesses: try count("SELECT count(*) FROM businesses"),
            validCertificates: try count("SELECT count(*) FROM certificates WHERE status = 'valid'"),
            revokedCertificates: try count("SELECT count(*) FROM certificates WHERE status = 'revoked'"),
            inspections: try count("SELECT count(*) FROM inspections"),
            violations: try count("SELECT count(*) FROM violations"),
            incidents: try count("SELECT count(*) FROM incidents"),
            inspectionPlans: try count("SELECT count(*) FROM inspection_plans"),
            anomalies: try count("SELECT count(*) FROM anomalies"))
    }

    /// The registry entry's district, or nil when the business is not registered here.
    public static func businessDistrict(_ db: Database, businessID: String) throws -> AgencyID? {
        try String.fetchOne(db, sql: "SELECT district FROM businesses WHERE business_id = ?", arguments: [businessID])
            .flatMap(AgencyID.init(rawValue:))
    }

}

/// The hub's record of agency daemons and of rejected input.
public enum AgencyDirectory {
    public static func upsert(_ db: Database, _ record: AgencyRecord) throws {
        try db.execute(
            sql: """
                INSERT INTO agencies (id, role, version, last_seen, last_seq, pending, rejected) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET role = excluded.role, version = excluded.version,
                    last_seen = excluded.last_seen, last_seq = excluded.last_seq, pending = excluded.pending,
                    rejected = excluded.rejected
                """,
            arguments: [record.id, record.role, record.version, record.lastSeen, Int64(record.lastSeq),
                        Int64(record.pending), Int64(record.rejected)])
    }

    public static func all(_ db: Database) throws -> [AgencyRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM agencies ORDER BY id").map { row in
            AgencyRecord(id: row["id"], role: row["role"], version: row["version"], lastSeen: row["last_seen"],
                         lastSeq: UInt64(row["last_seq"] as Int64), pending: UInt64(row["pending"] as Int64),
                         rejected: UInt64(row["rejected"] as Int64))
        }
    }

    /// Records one rejected input with its reason (kept for audit; counters live in memory).
    public static func recordRejection(_ db: Database, at: Int64, peer: String?, origin: String?, reason: String, detail: String) throws {
        try db.execute(
            sql: "INSERT INTO rejections (at, peer, origin, reason, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, peer, origin, reason, String(detail.prefix(1000))])
    }

    /// Forgets rejections recorded before `cutoff` and all but the newest `keep`: a flood of bad
    /// input from an admitted key must not grow the store without bound. Returns how many went.
    @discardableResult
    public static func pruneRejections(_ db: Database, before cutoff: Int64, keep: Int) throws -> Int {
        try db.execute(sql: "DELETE FROM rejections WHERE at < ? OR id <= (SELECT max(id) FROM rejections) - ?",
                       arguments: [cutoff, keep])
        return db.changesCount
    }

    public static func rejectionCounts(_ db: Database) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT reason, count(*) AS n FROM rejections GROUP BY reason") {
            result[row["reason"]] = row["n"]
        }
        return result
    }
}

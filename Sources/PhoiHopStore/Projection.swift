public import GRDB
public import PhoiHopProtocol
import Foundation

/// A body that knows its effect on the aggregate tables. Every catalog type conforms, in the
/// `Projections/` file of its group (pinned by a test).
public protocol ProjectedAct: CatalogBody {
    /// Applies the act, recorded by `author`, at log `position`. Must be deterministic and
    /// depend only on the tables (themselves a function of the log): a rebuild gives the same
    /// state. An act that cannot be placed is recorded with ``Projection/anomaly(_:_:_:)``.
    func project(into db: Database, at position: Int64, by author: AgencyID) throws
}

/// Applies accepted messages to the aggregate tables.
///
/// Deterministic and order-dependent only on the log: replaying the log from position 0 into
/// empty tables gives the same state (``rebuild(_:)``). An act that cannot be placed — a
/// revocation of a certificate never seen issued — is recorded in `anomalies`, not dropped.
public enum Projection {
    public static func apply(_ db: Database, position: Int64, author: AgencyID, body: MessageBody) throws {
        try apply(db, position: position, author: author, act: Replayed(body))
    }

    /// A decoded act with its projection looked up: the dynamic cast is a few percent of a replay's
    /// applying thread, so the rebuild does it on the threads that decode.
    struct Replayed: Sendable {
        let type: MessageType
        let act: (any ProjectedAct)?

        init(_ body: MessageBody) { (type, act) = (body.type, body.value as? any ProjectedAct) }
    }

    static func apply(_ db: Database, position: Int64, author: AgencyID, act replayed: Replayed) throws {
        guard let act = replayed.act else {
            return try anomaly(db, position, "\(replayed.type.rawValue) has no projection in this release")
        }
        try act.project(into: db, at: position, by: author)
    }

    /// How many messages ``rebuild(_:progress:)`` reads and applies at a time.
    public static let rebuildBatch = 10_000

    /// Empties the aggregate tables and replays the whole log into them. Returns the number of
    /// messages replayed.
    @discardableResult
    public static func rebuild(_ db: Database) throws -> Int {
        try rebuild(db, progress: { _ in })
    }

    /// ``rebuild(_:)``, telling `progress` the number replayed so far after every batch of
    /// ``rebuildBatch`` messages (and after the last, shorter one).
    ///
    /// `log`, when given, is a second connection to the same database file
    /// (``PhoiHopDatabase/logReader()``): each batch of the log is then read there, on the
    /// decoding thread, while the batch before it is applied. A store rebuilt after a restore is
    /// cold: reading the log's pages from the disk on the applying thread made it wait on the
    /// disk. The rebuild changes only the aggregate tables, so the other connection reads the
    /// same log this one would.
    @discardableResult
    public static func rebuild(_ db: Database, readingLogFrom log: (any DatabaseReader)? = nil, progress: (Int) -> Void) throws -> Int {
        for table in SchemaCatalog.aggregateTables {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        // The reports' date indexes are dropped for the replay and built again at the end, in the
        // same transaction: building an index over the finished table is far cheaper than keeping
        // it sorted through millions of inserts. (The indexes the projections look rows up by stay.)
        let placeholders = SchemaReportDates.indexNames.map { _ in "?" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (\(placeholders))",
                                       arguments: StatementArguments(SchemaReportDates.indexNames))
        for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
        // Decoding is pure (and was most of a replay's CPU): each batch is decoded on the other cores
        // (and, given `log`, read there too) while the batch before it is applied, in order, on this thread.
        var replayed = 0
        var loading = try load(db, log, after: 0)
        while true {
            let batch = try loading.value().get()
            guard let last = batch.acts.last else { break }
            loading = try load(db, log, after: last.position)
            for (entry, act) in zip(batch.acts, batch.replayed) {
                try apply(db, position: entry.position, author: entry.author, act: act.get())
            }
            replayed += batch.acts.count
            progress(replayed)
        }
        // SQLite's sorter may hand part of each index's sort to helper threads: the decoding
        // threads are idle by now (5 M acts: 5.6 → 5.0 s for the fourteen indexes on two cores).
        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        try db.execute(sql: "PRAGMA threads = \(max(threads, min(4, ProcessInfo.processInfo.activeProcessorCount)))")
        defer { try? db.execute(sql: "PRAGMA threads = \(threads)") }
        for index in indexes { try db.execute(sql: index["sql"] as String) }
        return replayed
    }

    /// One batch of the log, each act decoded and its projection looked up.
    private struct Batch: Sendable {
        let acts: [MessageLog.Act]
        let replayed: [Result<Replayed, ProtocolError>]

        init(_ acts: [MessageLog.Act]) {
            self.acts = acts
            replayed = acts.concurrentMap { act in
                Result { () throws(ProtocolError) in Replayed(try MessageBody.decode(type: act.type, schema: act.type.schemaVersion, bytes: act.body)) }
            }
        }
    }

    /// The batch after `position`, decoded on other threads: read there from `log` when given,
    /// else read here from `db` first.
    private static func load(_ db: Database, _ log: (any DatabaseReader)?, after position: Int64) throws -> BackgroundWork<Result<Batch, any Error>> {
        if let log {
            return BackgroundWork { Result { Batch(try log.read { try MessageLog.acts($0, after: position, limit: rebuildBatch) }) } }
        }
        let acts = try MessageLog.acts(db, after: position, limit: rebuildBatch)
        return BackgroundWork { .success(Batch(acts)) }
    }

    /// Every aggregate table: what ``rebuild(_:)`` empties and replays.
    public static var aggregateTables: [String] { SchemaCatalog.aggregateTables }

    /// Records that the act at `position` could not be placed, and why.
    public static func anomaly(_ db: Database, _ position: Int64, _ problem: String) throws {
        try db.execute(cached: "INSERT OR REPLACE INTO anomalies (position, problem) VALUES (?, ?)", binding: position, problem)
    }

    /// Whether the statement just run changed a row; records an anomaly when it did not.
    public static func expectChange(_ db: Database, _ position: Int64, _ problem: @autoclosure () -> String) throws {
        if db.changesCount == 0 { try anomaly(db, position, problem()) }
    }
}

extension Array where Element == String {
    /// Lists stored in one column: comma-separated identifiers (ids never contain commas).
    public var joinedForColumn: String { joined(separator: ",") }
}

extension String {
    /// The inverse of ``Swift/Array/joinedForColumn``.
    public var splitColumnList: [String] { split(separator: ",").map(String.init) }
}

/// # PhoiHopStore
///
/// Every daemon's SQLite database, through GRDB on the system libsqlite3. One schema serves
/// the hub and the agencies alike, because both do the same things with it:
///
/// * ``MessageLog`` — the accepted-message log: every act this daemon recorded or applied,
///   exactly once (unique origin+seq, unique id). The hub's aggregate tables are a projection of
///   it and can be rebuilt from it.
/// * ``Outbox`` and the outbound stream cursors — what this daemon must deliver, kept until the
///   recipient acknowledges it.
/// * The inbound stream cursors — how far each sender's stream has been applied; updated in the
///   same transaction as the apply, which is what makes apply idempotent.
/// * ``Projection`` — the aggregate tables (registry, certificates, inspections, violations,
///   incidents, plans) and ``ProvinceQueries`` over them.
///
/// Durability: WAL with `synchronous=FULL` by default, so a commit has reached the disk before
/// anyone is told "done" or sent an acknowledgement.
public import GRDB
import Foundation

/// How hard a commit waits for the disk.
public enum Durability: String, Sendable, Codable {
    /// `synchronous=FULL`: the WAL is fsynced at every commit. Survives power loss. The default.
    case full
    /// `synchronous=NORMAL`: survives a crash of the daemon, not of the machine. For tests and benchmarks.
    case normal
}

/// A store failure, with what to do about it.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    public var description: String { "database \(path): \(problem)" }
    public init(path: String, problem: String) { self.path = path; self.problem = problem }
}

/// An open daemon database. All access goes through one serial queue: the daemons call it from
/// their single socket-loop thread, so there is no contention to design around.
public final class PhoiHopDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String, durability: Durability = .full) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Schema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw StoreError(path: path, problem: Self.explain(error))
        }
    }

    /// An in-memory database with the same schema, for unit tests.
    public init(inMemory name: String = "memory") throws {
        path = ":memory:"
        queue = try DatabaseQueue(named: name)
        try Schema.migrator.migrate(queue)
    }

    /// Runs `body` in one write transaction; committed (and, with `.full`, on disk) when it returns.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.write(body)
    }

    /// Runs `body` with a consistent read-only view.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    static func explain(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            "the file is damaged or not a PhoiHop database (\(error.message ?? "corrupt")); stop the daemon, move the file aside and restore the latest backup"
        case .SQLITE_FULL:
            "the disk is full; free space, then retry"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            "cannot open for writing (\(error.message ?? "read-only")); check the directory's permissions and free space"
        default:
            "\(error.message ?? "\(error)")"
        }
    }
}

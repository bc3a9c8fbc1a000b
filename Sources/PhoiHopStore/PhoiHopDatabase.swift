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
import Synchronization

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
    /// How every write but ``writeUnsynced(_:)``'s commits.
    private let durability: Durability
    /// Set when ``writeUnsynced(_:)`` could not put `synchronous=FULL` back: the next ``write(_:)``
    /// does it before its transaction, or fails without writing.
    private let synchronousLowered = Atomic<Bool>(false)
    private let unsyncedCommitCount = Atomic<Int>(0)
    /// How many ``writeUnsynced(_:)`` transactions committed without a sync (for the tests).
    package var unsyncedCommits: Int { unsyncedCommitCount.load(ordering: .relaxed) }

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String, durability: Durability = .full) throws {
        self.path = path
        self.durability = durability
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            // SQLite's default page cache is 2 MiB: a report over years of history then reads most
            // pages again from the kernel, one pread each. 32 MiB, taken only as pages are read, so
            // a small store costs nothing more (docs/PERFORMANCE.md).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // The write-ahead log is copied into the file every 10 000 pages (40 MiB), not
            // SQLite's 1 000: a hub applying a drain of 1 000 acts wrote more than 1 000 pages per
            // commit, so every commit also checkpointed, copying the same hot pages again and
            // syncing the file once more. Recording a backlog: 4 900 → 5 700 acts/s; a hub's
            // catch-up: 8 600–9 000 → 9 200–9 300 msg/s (docs/PERFORMANCE.md). Durability is
            // unchanged: a commit is durable once in the log, whenever the copy happens.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        // Named as an officer would type it, without the configuration's "../".
        let shownPath = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(path: shownPath, problem: "is a directory, not a database file; move it aside and restore the latest backup of the file")
        }
        do {
            try Self.checkSize(path)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.verify(queue)
            try Schema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw StoreError(path: shownPath, problem: Self.explain(error))
        } catch let problem as DamagedFile {
            throw StoreError(path: shownPath, problem: "the file is damaged (\(problem.detail)); \(Self.remedy)")
        }
    }

    /// A damaged file (a truncated copy, garbage over its pages) must stop the daemon before it
    /// serves, not fail later on whichever page a query happens to touch. `quick_check` reads
    /// every page once (a fraction of a second for hundreds of megabytes) without the costlier
    /// index cross-checks of `integrity_check`.
    ///
    /// SQLite 3.40 (Debian 12's) reports "NULL value in T.C" for every row of a WITHOUT ROWID
    /// table whose NOT NULL columns follow its key, though the value is there; NOT NULL is
    /// enforced on every write, so those lines say nothing about damage and are set aside.
    static func verify(_ queue: DatabaseQueue) throws {
        let problems = try queue.read { db -> [String] in
            let withoutRowID = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'
                """)
            let lines = try String.fetchAll(db, sql: "PRAGMA quick_check(100000)")
            guard lines != ["ok"] else { return [] }
            return lines.filter { line in
                !withoutRowID.contains { line.hasPrefix("NULL value in \($0).") }
            }
        }
        guard problems.isEmpty else {
            throw DamagedFile(detail: "quick_check: " + problems.prefix(3).joined(separator: "; "))
        }
    }

    /// A file cut short is refused before SQLite opens it: SQLite takes a file shorter than its
    /// first page for a new, empty database, and the daemon would start its streams over at 1.
    /// Reads the 100-byte header only. Without a write-ahead log beside it, the file must also
    /// be as long as its header says (with one, a checkpoint may have been cut short; the log
    /// repairs that, and `quick_check` catches real damage).
    static func checkSize(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return } // absent: a new database
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        guard size > 0 else { return } // empty: SQLite's own "new database"
        try? handle.seek(toOffset: 0)
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else { return } // SQLite says "not a database"
        func be32(_ at: Int) -> UInt64 { header[at..<at + 4].reduce(0) { $0 << 8 | UInt64($1) } }
        let rawPageSize = UInt64(header[16]) << 8 | UInt64(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        guard size >= pageSize, size % pageSize == 0 else {
            throw DamagedFile(detail: "it is \(size) bytes, not a whole number of its \(pageSize)-byte pages: it was cut short")
        }
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let pages = be32(28)
        if walSize == 0, be32(24) == be32(92), pages > 0, size < pages * pageSize {
            throw DamagedFile(detail: "it is \(size) bytes but its header counts \(pages) pages of \(pageSize) bytes: it was cut short")
        }
    }

    struct DamagedFile: Error { let detail: String }

    static let remedy = "stop the daemon, move the file aside and restore the latest backup"

    /// Copies everything the write-ahead log holds into the database file and empties the log,
    /// so that after a clean stop the `.sqlite` file alone is the whole database (what a backup
    /// that copies only that file captures).
    public func checkpoint() throws {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Proves at start that the store takes a write, so a daemon never starts on a disk it cannot
    /// write: folds the write-ahead log into the file (what a clean stop could not do if the disk
    /// was full then), then rewrites one header field with its own value — a real commit of one
    /// page. On a full or read-only disk it throws an error naming the remedy; nothing was lost,
    /// and the `-wal` file, if any, still holds every act not yet in the file.
    public func checkpointAndProbeWrite() throws {
        let shownPath = URL(fileURLWithPath: path).standardizedFileURL.path
        let directory = URL(fileURLWithPath: shownPath).deletingLastPathComponent().path
        do {
            try checkpoint()
            try queue.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch let error as DatabaseError {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            let keep = wal > 0
                ? " Do not delete \(shownPath)-wal: its \(wal) bytes hold acts not yet copied into the database file; the daemon copies them once it can write."
                : ""
            switch Self.writeFailure(error) {
            case .diskFull?:
                throw StoreError(path: shownPath, problem: "the disk holding \(directory) is full, so the daemon cannot start (it could not write: \(error.message ?? "SQLITE_FULL")); free space on that filesystem (df -h \(directory)), then start it again.\(keep)")
            case .notWritable?:
                throw StoreError(path: shownPath, problem: "cannot be written (\(error.message ?? "read-only")), so the daemon cannot start: the filesystem holding \(directory) is read-only or failing; check it (mount, dmesg; after an error: umount, e2fsck, mount), then start it again.\(keep)")
            case nil:
                throw StoreError(path: shownPath, problem: Self.explain(error))
            }
        }
    }

    /// An in-memory database with the same schema, for unit tests.
    public init(inMemory name: String = "memory") throws {
        path = ":memory:"
        durability = .full
        queue = try DatabaseQueue(named: name)
        try Schema.migrator.migrate(queue)
    }

    /// A second connection to the database file, read-only, for reading beside this one's writes
    /// (a rebuild reads its log there: ``Projection/rebuild(_:readingLogFrom:progress:)``); nil for
    /// an in-memory database, which has no file to open again.
    public func logReader() throws -> DatabaseQueue? {
        guard path != ":memory:" else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Runs `body` in one write transaction; committed (and, with `.full`, on disk) when it returns.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        if synchronousLowered.load(ordering: .acquiring) {
            try queue.inDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            synchronousLowered.store(false, ordering: .releasing)
        }
        return try queue.write(body)
    }

    /// Runs `body` in one write transaction committed without waiting for the disk
    /// (`synchronous=NORMAL` for this transaction only). A crash of the daemon loses nothing of
    /// it; a power loss or a crash of the machine may lose it whole (never part of it: the
    /// write-ahead log's checksums end recovery at the last whole commit), and the next commit
    /// that syncs makes it durable with its own.
    ///
    /// Only for a write the protocol repeats if it is lost: recording that a peer acknowledged
    /// entries of the outbox (lost, they are sent again, and the peer, which applied them once,
    /// acknowledges them again). Never for an act, a cursor of what was applied, or anything this
    /// daemon acknowledges or tells an officer is done. On the officer's path it takes away half
    /// of an agency's `fdatasync`s: every act was one commit to record it and one to note the
    /// hub's acknowledgement (docs/PERFORMANCE.md).
    ///
    /// Setting `synchronous` does not expire the connection's prepared statements (unlike GRDB's
    /// `read`, above); a test holds that. With `.normal` durability it is ``write(_:)``.
    public func writeUnsynced<T>(_ body: (Database) throws -> T) throws -> T {
        guard durability == .full else { return try write(body) }
        // As GRDB's `write` (writeWithoutTransaction + the default transaction), with the pragma around it.
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer {
                do { try db.execute(sql: "PRAGMA synchronous = FULL") } catch { synchronousLowered.store(true, ordering: .releasing) }
            }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            unsyncedCommitCount.add(1, ordering: .relaxed)
            return result!
        }
    }

    /// ``write(_:)`` if `synced`, else ``writeUnsynced(_:)``.
    public func write<T>(synced: Bool, _ body: (Database) throws -> T) throws -> T {
        synced ? try write(body) : try writeUnsynced(body)
    }

    /// Runs `body` with a consistent view: one deferred transaction on the daemon's connection.
    ///
    /// Not GRDB's `read`, which sets `PRAGMA query_only` on before the body and off after it.
    /// Setting a flag pragma expires every prepared statement of the connection (SQLite's
    /// `OP_Expire`), so every cached statement of the next write — the log append, the
    /// projection, the outbox entries — was compiled again at its next use. A daemon reads its
    /// outbox for every send: on the officer's path that was a sixth of an agency's CPU
    /// (docs/PERFORMANCE.md).
    ///
    /// A body that changes rows is a bug, and is refused here in every build: its transaction is
    /// rolled back and the call throws (SQLite's count of changed rows, read before and after;
    /// a schema change is not counted, and no daemon makes one outside its migrations).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.inDatabase { db in
            let changes = db.totalChangesCount
            var result: T?
            var wrote = false
            try db.inTransaction(.deferred) {
                result = try body(db)
                wrote = db.totalChangesCount != changes
                return wrote ? .rollback : .commit
            }
            if wrote {
                throw StoreError(path: path, problem: "a read changed rows; the change was rolled back. This is a bug in PhoiHop: report it with the daemon's log")
            }
            return result!
        }
    }

    /// Why a write could not be made durable because of the disk rather than the data.
    public enum WriteFailure: String, Sendable, Codable {
        /// SQLITE_FULL: no space left.
        case diskFull = "disk-full"
        /// SQLITE_READONLY or SQLITE_IOERR: the filesystem turned read-only or the disk failed.
        case notWritable = "not-writable"

        /// What failed, in the daemon's log and the control channel's English fields.
        public var english: String {
            switch self {
            case .diskFull: "the disk is full"
            case .notWritable: "the database cannot be written (read-only filesystem or disk I/O error)"
            }
        }
    }

    /// The disk-level cause of a failed write, or nil for any other error. SQLite rolls the
    /// transaction back in each of these cases: nothing of it is in the file.
    public static func writeFailure(_ error: any Error) -> WriteFailure? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM: return .notWritable
        default: return nil
        }
    }

    static func explain(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            "the file is damaged or not a PhoiHop database (\(error.message ?? "corrupt")); \(remedy)"
        case .SQLITE_FULL:
            "the disk is full; free space, then retry"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            "cannot open for writing (\(error.message ?? "read-only")); check the directory's permissions and free space"
        default:
            "\(error.message ?? "\(error)")"
        }
    }
}

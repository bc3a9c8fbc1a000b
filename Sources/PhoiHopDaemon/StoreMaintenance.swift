import Foundation
import GRDB
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// What the IT staff run on a stopped daemon's database: `rebuild` replays the accepted-message
/// log into the aggregate tables (``Projection/rebuild(_:progress:)``); `rebuild --verify`
/// rebuilds a copy and compares it with the live tables, changing nothing.
///
/// Both refuse while the daemon runs: the daemon writes its tables on every act, so a rebuild
/// under it would race it, and a verification would compare a moving target.
public enum StoreMaintenance {
    /// Exit codes, from sysexits.h where one fits.
    public enum Exit {
        public static let success: Int32 = 0
        /// `--verify`: the rebuilt copy differs from the live tables.
        public static let differs: Int32 = 1
        public static let noInput: Int32 = 66 // EX_NOINPUT
        public static let software: Int32 = 70 // EX_SOFTWARE
        public static let tempFail: Int32 = 75 // EX_TEMPFAIL
        public static let noPermission: Int32 = 77 // EX_NOPERM
        public static let config: Int32 = 78 // EX_CONFIG
    }

    /// Runs `rebuild` (or `rebuild --verify`) for the daemon configured in `configFile`.
    /// Progress goes to stderr, the result to stdout; returns the process exit code.
    /// - Parameters:
    ///   - expectHub: whether the executable is `phoihop-hub`; a configuration for the other role is refused.
    public static func rebuild(configFile: String, verify: Bool, expectHub: Bool) -> Int32 {
        let config: DaemonConfig
        do { config = try DaemonConfig.load(file: configFile) } catch {
            complain("\(error)")
            return Exit.config
        }
        if expectHub != (config.role == .hub) {
            complain("configuration \(configFile) is for role '\(config.role.rawValue)'; rebuild it with \(expectHub ? "phoihop-agency" : "phoihop-hub") rebuild")
            return Exit.config
        }
        switch daemonState(config) {
        case .running:
            complain("the \(config.agency) daemon is running (its control socket \(config.controlSocket) answers); stop it first (systemctl stop \(expectHub ? "phoihop-hub" : "phoihop-agency@\(config.agency)")), then run rebuild again")
            return Exit.tempFail
        case .unknown(let why):
            complain("cannot tell whether the \(config.agency) daemon is running: \(why)")
            return Exit.noPermission
        case .stopped:
            break
        }
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            complain("no database at \(config.databasePath): nothing to rebuild (check state_directory in \(configFile))")
            return Exit.noInput
        }
        do {
            return verify ? try verifyProjection(config) : try rebuildProjection(config)
        } catch {
            complain("\(error)")
            return Exit.software
        }
    }

    enum DaemonState: Equatable {
        case running, stopped
        case unknown(String)
    }

    /// Running means its control socket answers `status`; a socket file left by a killed daemon
    /// does not answer, and does not count.
    static func daemonState(_ config: DaemonConfig) -> DaemonState {
        let path = config.controlSocket
        guard FileManager.default.fileExists(atPath: path) else { return .stopped }
        guard access(path, R_OK | W_OK) == 0 else {
            return .unknown("no permission on its control socket \(path); run as the daemon's user or a member of its group")
        }
        // A socket file nobody listens on refuses a connection at once: no need to wait for a reply.
        guard someoneListens(on: path) else { return .stopped }
        do {
            _ = try ControlClient(path: path, timeoutMilliseconds: 3000).call(ControlCommand(command: "status"), as: DaemonStatus.self)
            return .running
        } catch {
            return .stopped
        }
    }

    /// Whether a process accepts connections on the Unix-domain socket at `path`.
    static func someoneListens(on path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return true }  // cannot tell: ask the daemon instead
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return true }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in bytes.enumerated() { buffer[i] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return connected == 0 || errno != ECONNREFUSED
    }

    /// Rebuilds the live tables in one write transaction: either every table is the log's
    /// projection afterwards, or (on any failure) nothing changed.
    static func rebuildProjection(_ config: DaemonConfig) throws -> Int32 {
        let database = try PhoiHopDatabase(path: config.databasePath, durability: Durability(rawValue: config.durability) ?? .full)
        let started = ContinuousClock.now
        let (replayed, anomalies) = try rebuild(database, since: started) { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM anomalies") ?? 0
        }
        print("rebuilt \(config.databasePath): \(replayed) messages replayed, \(anomalies) anomalies, \(seconds(since: started)) s")
        return Exit.success
    }

    /// Copies the database to a temporary file, rebuilds the copy and compares its canonical
    /// dump with the live tables'. The live file is opened read-only.
    static func verifyProjection(_ config: DaemonConfig) throws -> Int32 {
        let started = ContinuousClock.now
        let copyPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("phoihop-verify-\(config.agency)-\(UUID().uuidString.prefix(8)).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: copyPath + suffix) }
        }
        var readOnly = Configuration()
        readOnly.readonly = true
        let live = try DatabaseQueue(path: config.databasePath, configuration: readOnly)
        let liveDump = try live.read(Projection.canonicalDump)
        try live.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copyPath]) }
        try live.close()

        let copy = try PhoiHopDatabase(path: copyPath, durability: .normal)
        let (replayed, rebuiltDump) = try rebuild(copy, since: started, label: " (copy)", then: Projection.canonicalDump)
        let differences = liveDump.differences(from: rebuiltDump)
        if differences.isEmpty {
            print("identical (\(liveDump.tables.count) tables, \(liveDump.rowCount) rows): the aggregate tables of \(config.databasePath) are the projection of its \(replayed) logged messages (\(seconds(since: started)) s)")
            return Exit.success
        }
        print("differs: \(differences.count) of \(liveDump.tables.count) tables of \(config.databasePath) are not the projection of its \(replayed) logged messages; `rebuild` (without --verify) replaces them with it")
        for difference in differences {
            print("table \(difference.table): \(difference.rowsOnlyHere) rows only in the live database, \(difference.rowsOnlyThere) only in the rebuilt copy")
            for row in difference.firstOnlyHere { print("  live:    \(row)") }
            for row in difference.firstOnlyThere { print("  rebuilt: \(row)") }
        }
        return Exit.differs
    }

    /// Replays `database`'s log into its tables in one write transaction, the log read on a second
    /// connection beside it, with a progress line per batch (ending in `label`); `then` reads what
    /// the caller needs in the same transaction. Returns the number replayed and what `then` read.
    private static func rebuild<T>(_ database: PhoiHopDatabase, since started: ContinuousClock.Instant, label: String = "",
                                   then: (Database) throws -> T) throws -> (Int, T) {
        let log = try database.logReader()
        return try database.write { db in
            let total = try MessageLog.count(db)
            let replayed = try Projection.rebuild(db, readingLogFrom: log) { done in
                complain(progressLine(done, of: total, since: started) + label, prefix: "")
            }
            return (replayed, try then(db))
        }
    }

    /// A line per batch of the replay: "rebuilt 20000/50000 messages (40%), 8512 messages/s".
    static func progressLine(_ done: Int, of total: Int, since start: ContinuousClock.Instant) -> String {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let percent = total > 0 ? done * 100 / total : 100
        let rate = seconds > 0 ? Int((Double(done) / seconds).rounded()) : done
        return "rebuilt \(done)/\(total) messages (\(percent)%), \(rate) messages/s"
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = start.duration(to: .now)
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        return String(format: "%.1f", Double(milliseconds) / 1000)
    }

    static func complain(_ message: String, prefix: String = "error: ") {
        FileHandle.standardError.write(Data("\(prefix)\(message)\n".utf8))
    }
}

import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Daemons whose starter dies: with `PHOIHOP_EXIT_WITH_PARENT=1` (what `Province.start` and the demo
/// set) a daemon stops by itself, cleanly, once the process that started it is gone; without it,
/// it runs on. The starter here is a `/bin/sh` that launches the daemons in the background and
/// waits, and is then killed with SIGKILL — as a test run killed by a CI timeout would be.
@Suite(.serialized)
struct OrphanTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// A shell, started by this test, that starts each of `daemons` in the background (with
    /// `PHOIHOP_EXIT_WITH_PARENT=1` where asked, the variable unset otherwise) and waits.
    struct Starter {
        let shell: Process
        let pids: [AgencyID: pid_t]
    }

    static func startThroughShell(_ province: Province, _ daemons: [(agency: AgencyID, exitWithParent: Bool)]) throws -> Starter {
        var script = "unset PHOIHOP_EXIT_WITH_PARENT\n"
        for (agency, exitWithParent) in daemons {
            let binary = "\(province.binDirectory)/\(agency == .hub ? "phoihop-hub" : "phoihop-agency")"
            let pidFile = "\(province.directory)/\(agency).pid"
            script += "\(exitWithParent ? "PHOIHOP_EXIT_WITH_PARENT=1 " : "")'\(binary)' --config '\(province.configFile(agency))' >>'\(province.logPath(agency))' 2>&1 &\n"
            script += "echo $! >'\(pidFile).tmp' && mv '\(pidFile).tmp' '\(pidFile)'\n"
        }
        script += "wait\n"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        shell.currentDirectoryURL = URL(fileURLWithPath: province.directory)
        try shell.run()
        var pids: [AgencyID: pid_t] = [:]
        do {
            for (agency, _) in daemons {
                let pidFile = "\(province.directory)/\(agency).pid"
                try province.waitUntil("the shell wrote \(agency)'s pid", timeout: 10) { FileManager.default.fileExists(atPath: pidFile) }
                let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let pid = pid_t(text) else { throw ProvinceError("the pid file of \(agency) holds '\(text)'") }
                pids[agency] = pid
                try province.waitUntil("\(agency) answers on its control channel", timeout: 30) {
                    guard !exited(pids[agency]!) else { throw ProvinceError("\(agency) exited at start: \(province.log(agency))") }
                    return (try? province.status(agency)) != nil
                }
            }
        } catch {
            for pid in pids.values { kill(pid, SIGKILL) }
            kill(shell.processIdentifier, SIGKILL)
            throw error
        }
        return Starter(shell: shell, pids: pids)
    }

    /// Whether `pid` has exited: no such process, or a zombie nobody reaped yet (an orphan's
    /// new parent, init here, reaps it when it will; the test cannot wait for it).
    static func exited(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    /// SIGKILL to the shell, and wait until it has died. Not `waitUntilExit()`: Foundation sees a
    /// child exit when a socket the child inherited closes, and the daemons inherited it from the
    /// shell, so Foundation reaps the shell only once they are gone too.
    static func killShell(_ province: Province, _ starter: Starter) throws {
        let shell = starter.shell.processIdentifier
        kill(shell, SIGKILL)
        try province.waitUntil("the shell is dead", timeout: 10) { exited(shell) }
    }

    @Test func aDaemonWhoseStarterIsKilledStopsByItselfCleanlyAndStartsAgainWithEverything() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        let starter = try Self.startThroughShell(province, [(Self.tanAn, true)])
        let pid = try #require(starter.pids[Self.tanAn])
        defer { if !Self.exited(pid) { kill(pid, SIGKILL) } }
        for i in 1...3 { try province.record(Self.tanAn, ProvinceTests.business("OR-\(i)", in: Self.tanAn)) }

        let killed = Date()
        try Self.killShell(province, starter)
        try province.waitUntil("the orphaned daemon exits by itself", timeout: 15) { Self.exited(pid) }
        let seconds = Date().timeIntervalSince(killed)
        print("orphan: the daemon stopped \(String(format: "%.2f", seconds)) s after its starter was killed")

        // It said why, and stopped the way SIGTERM stops it.
        let log = province.log(Self.tanAn)
        #expect(log.contains("the process that started this daemon exited; stopping"), "\(log)")
        #expect(log.contains("stopping: closing sockets") && log.contains("stopped"), "\(log)")
        // The store was checkpointed: nothing of the three acts is left in the -wal file alone.
        let wal = province.databasePath(Self.tanAn) + "-wal"
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walBytes == 0, "the -wal file holds \(walBytes) bytes: the daemon did not checkpoint on its way out")

        // The next start accepts the file (quick_check) and serves the three acts.
        try province.start(Self.tanAn)
        #expect(try province.status(Self.tanAn).totals.businesses == 3)
    }

    /// The same kill, two daemons under the one shell: the one with the variable is the witness
    /// that the watch had its chance (it stopped); the one without keeps answering for two full
    /// watch periods after the kill, and is stopped by the test.
    @Test func withoutTheVariableADaemonOutlivesItsStarter() throws {
        let province = try Province(districts: 2)
        defer { province.stopAll() }
        let (watched, unwatched) = (province.agencies.filter { $0.rawValue.hasPrefix("district-") }[0],
                                    province.agencies.filter { $0.rawValue.hasPrefix("district-") }[1])
        let starter = try Self.startThroughShell(province, [(watched, true), (unwatched, false)])
        let (watchedPid, unwatchedPid) = (try #require(starter.pids[watched]), try #require(starter.pids[unwatched]))
        defer {
            for pid in [watchedPid, unwatchedPid] where !Self.exited(pid) { kill(pid, SIGKILL) }
        }

        let killed = Date()
        try Self.killShell(province, starter)
        try province.waitUntil("the daemon with PHOIHOP_EXIT_WITH_PARENT=1 exits", timeout: 15) { Self.exited(watchedPid) }
        // Absence needs a window: two watch periods from the kill, asking the other daemon all along.
        try province.waitUntil("two watch periods have passed since the kill", timeout: 15) {
            guard !Self.exited(unwatchedPid), (try? province.status(unwatched)) != nil else {
                throw ProvinceError("\(unwatched), started without the variable, stopped: \(province.log(unwatched))")
            }
            return Date().timeIntervalSince(killed) >= 2.2
        }
        #expect(province.log(watched).contains("the process that started this daemon exited; stopping"))
        #expect(!province.log(unwatched).contains("the process that started this daemon exited"))

        kill(unwatchedPid, SIGTERM)
        try province.waitUntil("\(unwatched) stops on SIGTERM", timeout: 15) { Self.exited(unwatchedPid) }
        #expect(province.log(unwatched).contains("graceful shutdown requested"))
    }
}

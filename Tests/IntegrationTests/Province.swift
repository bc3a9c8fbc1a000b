import Foundation
import PhoiHopBus
import PhoiHopConsole
import PhoiHopProtocol
import Testing

/// A provisioned province in a temporary directory whose daemons run as real processes from the
/// package's build directory, on random loopback ports, with real keys, CURVE and SQLite files.
final class Province: @unchecked Sendable {
    // @unchecked: `processes` is mutated only from the test that owns the province, one call at a time.
    let directory: String
    let agencies: [AgencyID]
    let binDirectory: String
    var processes: [AgencyID: Process] = [:]
    /// The drill date every daemon counts deadlines from (`PHOIHOP_TODAY`), if fixed.
    let today: String?
    /// The network namespace a daemon is started in (`ip netns exec`); absent: the test's own.
    var namespaces: [AgencyID: String] = [:]

    /// - Parameters:
    ///   - districts: how many of Long An's districts get a daemon.
    ///   - today: a fixed "today" (YYYY-MM-DD) for every daemon, so deadline tests do not depend on the real date.
    ///   - hubAddress: the hub's IPv4 address (one other than loopback: see ``NamespacePair``).
    init(districts: Int, today: String? = nil, heartbeatMilliseconds: Int = 200, resendMilliseconds: Int = 200,
         hubAddress: String = "127.0.0.1") throws {
        self.today = today
        binDirectory = try Province.findBinDirectory()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-it-\(UUID().uuidString.prefix(8))").path
        let port = try Province.freePortPair()
        agencies = try ProvinceLayout.write(
            directory: directory, rulesDirectory: Province.repositoryRoot + "/config", provinceFile: "long-an.yaml", port: port,
            districtLimit: districts, heartbeatMilliseconds: heartbeatMilliseconds, resendMilliseconds: resendMilliseconds,
            durability: "full", hubAddress: hubAddress)
    }

    deinit {
        for process in processes.values where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        // A run leaves nothing behind in /tmp (a full `make test` writes ~1 GB of databases and
        // logs); PHOIHOP_KEEP_TEST_DIRS=1 keeps them to look at after a failure.
        if ProcessInfo.processInfo.environment["PHOIHOP_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The directory holding the built executables: next to the running test bundle.
    static func findBinDirectory() throws -> String {
        if let dir = ProcessInfo.processInfo.environment["PHOIHOP_BIN_DIR"] { return dir }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("phoihop-hub").path) { return url.path }
            url.deleteLastPathComponent()
        }
        throw ProvinceError("phoihop-hub not found near \(CommandLine.arguments[0]); run 'swift build' before 'swift test' (make test does)")
    }

    /// Two consecutive free TCP ports on 127.0.0.1 (ingest, publish).
    static func freePortPair() throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20000...60000)
            if portIsFree(port), portIsFree(port + 1) { return port }
        }
        throw ProvinceError("no free port pair found on 127.0.0.1")
    }

    static func portIsFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func configFile(_ agency: AgencyID) -> String {
        agency == .hub ? "\(directory)/hub.yaml" : "\(directory)/agencies/\(agency).yaml"
    }

    /// Control sockets configured elsewhere than the default (`controlSocket:`).
    var controlPaths: [AgencyID: String] = [:]

    func controlPath(_ agency: AgencyID) -> String { controlPaths[agency] ?? "\(directory)/state/\(agency)/control.sock" }

    func databasePath(_ agency: AgencyID) -> String { "\(directory)/state/\(agency)/\(agency).sqlite" }

    func logPath(_ agency: AgencyID) -> String { "\(directory)/logs/\(agency).log" }

    /// Starts a daemon and returns once its control channel answers.
    func start(_ agency: AgencyID) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(agency == .hub ? "phoihop-hub" : "phoihop-agency")")
        process.arguments = ["--config", configFile(agency)]
        if let namespace = namespaces[agency] {
            // `ip netns exec` execs the daemon in place: the process's pid stays the daemon's.
            process.arguments = ["netns", "exec", namespace, process.executableURL!.path] + process.arguments!
            process.executableURL = URL(fileURLWithPath: try NamespacePair.ipTool())
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        if let today { environment["PHOIHOP_TODAY"] = today }
        // If this test process dies (SIGKILL, a crash, a CI timeout), deinit never runs: the daemon stops by itself.
        environment["PHOIHOP_EXIT_WITH_PARENT"] = "1"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logPath(agency), contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath(agency)))
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        processes[agency] = process
        try waitUntil("\(agency) answers on its control channel", timeout: 30) {
            guard process.isRunning else { throw ProvinceError("\(agency) exited with \(process.terminationStatus): \(self.log(agency))") }
            return (try? self.status(agency)) != nil
        }
    }

    func startAll() throws {
        try start(.hub)
        for agency in agencies { try start(agency) }
        try waitUntil("every agency online at the hub", timeout: 30) {
            try self.status(.hub).peers.filter(\.online).count == self.agencies.count
        }
    }

    func kill9(_ agency: AgencyID) {
        guard let process = processes[agency] else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends `signal` (e.g. SIGSTOP, SIGCONT) to a running daemon.
    func signal(_ agency: AgencyID, _ signal: Int32) {
        guard let process = processes[agency], process.isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// Adds `lines` (e.g. "sendHighWaterMark: 2") to the `bus:` section of `agency`'s configuration.
    func tuneBus(_ agency: AgencyID, _ lines: [String]) throws {
        let file = configFile(agency)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let range = text.range(of: "\nbus:\n") else { throw ProvinceError("\(file) has no bus: section") }
        let added = lines.map { "  \($0)\n" }.joined()
        try text.replacingCharacters(in: range, with: "\nbus:\n\(added)").write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Runs `agency`'s daemon expecting it to refuse to start: returns its exit status and output
    /// and whether a signal ended it, once it exits, or kills it and throws if it is still running after `timeout`.
    func startExpectingFailure(_ agency: AgencyID, timeout: TimeInterval) throws -> (status: Int32, signalled: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(agency == .hub ? "phoihop-hub" : "phoihop-agency")")
        process.arguments = ["--config", configFile(agency)]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["PHOIHOP_EXIT_WITH_PARENT"] = "1" // a daemon that starts after all does not outlive this test process
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-out-\(UUID().uuidString.prefix(8))")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        do {
            try waitUntil("\(agency) exits", timeout: timeout) { !process.isRunning }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ProvinceError("\(error); output: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// SIGTERM and wait for the exit; returns the exit status.
    @discardableResult
    func stop(_ agency: AgencyID) -> Int32 {
        guard let process = processes[agency], process.isRunning else { return processes[agency]?.terminationStatus ?? 0 }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stopAll() {
        for agency in agencies + [.hub] { stop(agency) }
    }

    func status(_ agency: AgencyID) throws -> DaemonStatus {
        try ControlClient(path: controlPath(agency), timeoutMilliseconds: 5000).call(ControlCommand(command: "status"), as: DaemonStatus.self)
    }

    func report(_ agency: AgencyID) throws -> ProvinceReportData {
        try ControlClient(path: controlPath(agency), timeoutMilliseconds: 5000).call(ControlCommand(command: "report"), as: ProvinceReportData.self)
    }

    @discardableResult
    func record(_ agency: AgencyID, _ body: MessageBody) throws -> RecordReceipt {
        try ControlClient(path: controlPath(agency), timeoutMilliseconds: 10000).record(body)
    }

    /// Asks `agency`'s daemon a named console query.
    func query<R: Codable & Sendable>(_ agency: AgencyID, _ name: String, _ parameters: [String: String] = [:], as type: R.Type) throws -> R {
        try ControlClient(path: controlPath(agency), timeoutMilliseconds: 5000)
            .call(ControlCommand(command: "query", type: name, parameters: parameters), as: type)
    }

    func log(_ agency: AgencyID) -> String {
        (try? String(contentsOfFile: logPath(agency), encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
    }

    /// Polls `condition` until it holds. Across processes there is no event to await, so the
    /// test asks the daemon — bounded by `timeout`, failing with `what`.
    func waitUntil(_ what: String, timeout: TimeInterval, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return }
            guard Date() < deadline else { throw ProvinceError("timed out after \(Int(timeout)) s waiting until \(what)") }
            usleep(20_000)
        }
    }
}

struct ProvinceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

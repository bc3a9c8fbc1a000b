import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// The `phoihop` binary as scripts use it: `tail` following the log, the exit codes, and the
/// install script placing the binaries and their completions.
@Suite(.serialized)
struct ConsoleProcessTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// A running `phoihop` whose standard output and error go to a file the test reads.
    final class ConsoleRun {
        let process = Process()
        let output: String

        init(_ province: Province, _ arguments: [String]) throws {
            output = "\(province.directory)/console-\(UUID().uuidString.prefix(8)).out"
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            process.executableURL = URL(fileURLWithPath: "\(province.binDirectory)/phoihop")
            process.arguments = arguments
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var text: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

        /// Waits (bounded) for the process to end and returns its exit code.
        func exitCode(_ province: Province, timeout: TimeInterval = 60) throws -> Int32 {
            try province.waitUntil("phoihop \(process.arguments?.first ?? "") exited (output: \(text.suffix(400)))", timeout: timeout) { !process.isRunning }
            return process.terminationStatus
        }
    }

    static func head(_ province: Province, _ agency: AgencyID) throws -> Int64 {
        try province.query(agency, "acts.since", ["after": "\(Int64.max)", "limit": "1"], as: ActsSince.self).head
    }

    @Test func tailPrintsTheActsTheHubAcceptsAsJSONLinesAndStopsAfterCount() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        // From the log's present end (the default): the acts are recorded once tail says where it starts.
        let tail = try ConsoleRun(province, ["tail", "--count", "2", "--json", "--interval-milliseconds", "100",
                                             "--control", province.controlPath(.hub)])
        try province.waitUntil("tail found the log's end", timeout: 30) {
            tail.text.contains("theo dõi các hoạt động sau vị trí \(try Self.head(province, .hub)) ")
        }
        let first = try province.record(Self.tanAn, BackupTests.business("TA-T1"))
        let second = try province.record(Self.tanAn, BackupTests.business("TA-T2"))

        #expect(try tail.exitCode(province) == 0)
        let lines = tail.text.split(separator: "\n").filter { $0.hasPrefix("{") }
        try #require(lines.count == 2, "tail printed: \(tail.text)")
        let entries = try lines.map { try JSONDecoder().decode(ActEntry.self, from: Data($0.utf8)) }
        #expect(entries.map(\.id) == [first.id, second.id])
        #expect(entries.map(\.business) == ["TA-T1", "TA-T2"])
        #expect(entries.allSatisfy { $0.type == "business.registered" && $0.author == Self.tanAn.rawValue })
    }

    @Test func tailStopsWithExitZeroOnCtrlC() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, BackupTests.business("TA-C1"))
        let tail = try ConsoleRun(province, ["tail", "--from-start", "--agency", Self.tanAn.rawValue, "--interval-milliseconds", "100",
                                             "--control", province.controlPath(Self.tanAn)])
        try province.waitUntil("tail printed the recorded act", timeout: 30) { tail.text.contains("TA-C1") }
        kill(tail.process.processIdentifier, SIGINT)
        #expect(try tail.exitCode(province) == 0)
        #expect(tail.text.contains("Đăng ký") && tail.text.contains("#1"))
    }

    @Test func tailSaysTheDaemonWentAwayAndExitsOne() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, BackupTests.business("TA-G1"))
        let tail = try ConsoleRun(province, ["tail", "--from-start", "--interval-milliseconds", "100", "--control", province.controlPath(Self.tanAn)])
        try province.waitUntil("tail printed the recorded act", timeout: 30) { tail.text.contains("TA-G1") }
        _ = province.stop(Self.tanAn)
        #expect(try tail.exitCode(province) == 1)
        #expect(tail.text.contains("mất kết nối với daemon"))
    }

    @Test func tailWithRetryWaitsForTheDaemonAndGoesOnWhereItWas() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, BackupTests.business("TA-R1"))
        let tail = try ConsoleRun(province, ["tail", "--from-start", "--retry", "--count", "2", "--interval-milliseconds", "100",
                                             "--control", province.controlPath(Self.tanAn)])
        try province.waitUntil("tail printed the first act", timeout: 30) { tail.text.contains("TA-R1") }
        _ = province.stop(Self.tanAn)
        try province.waitUntil("tail said it lost the daemon", timeout: 30) { tail.text.contains("mất kết nối với daemon") }
        #expect(tail.process.isRunning)
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, BackupTests.business("TA-R2"))
        #expect(try tail.exitCode(province) == 0)
        #expect(tail.text.contains("đã kết nối lại"))
        let acts = tail.text.split(separator: "\n").filter { $0.contains("#") }
        #expect(acts.count == 2 && acts[0].contains("TA-R1") && acts[1].contains("TA-R2"), "\(tail.text)")
    }

    /// 0 done, 1 refused, 2 usage, 3 timed out: what PhoihopCommand's help promises scripts.
    @Test func theConsoleExitCodesAreTheDocumentedOnes() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        let control = ["--control", province.controlPath(.hub)]
        #expect(try ConsoleRun(province, ["agency", "list"] + control).exitCode(province) == 0)
        let refused = try ConsoleRun(province, ["agency", "show", "--id", "district-nowhere"] + control)
        #expect(try refused.exitCode(province) == 1)
        #expect(refused.text.contains("không có đơn vị district-nowhere"))
        #expect(try ConsoleRun(province, ["agency", "list", "--no-such-option"] + control).exitCode(province) == 2)
        #expect(try ConsoleRun(province, ["tail", "--from-start", "--after", "3"] + control).exitCode(province) == 2)
        let waiting = try ConsoleRun(province, ["status", "--wait-online", "5", "--timeout", "1"] + control)
        #expect(try waiting.exitCode(province) == 3)
    }

    /// scripts/install.sh (what `make install` runs) puts the three binaries and their bash, zsh
    /// and fish completions, the systemd units (their paths made the prefix's), the system user,
    /// the documentation, the example configuration and the legal tables under DESTDIR; uninstall
    /// removes every file it put, except a legal table the operator edited.
    @Test func installPutsEveryPartAndUninstallRemovesExactlyThoseButAnEditedTable() throws {
        let bin = try Province.findBinDirectory()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-install-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        func script(_ action: String) throws -> (Int32, String) {
            try Subprocess.run(Province.repositoryRoot + "/scripts/install.sh", [action],
                               environment: ["DESTDIR": root, "PREFIX": "/opt/phoihop", "BIN_DIR": bin])
        }
        let (installed, log) = try script("install")
        #expect(installed == 0, "\(log)")
        let prefix = root + "/opt/phoihop"
        for binary in ["phoihop", "phoihop-hub", "phoihop-agency"] {
            #expect(FileManager.default.isExecutableFile(atPath: "\(prefix)/bin/\(binary)"))
            let bash = try String(contentsOfFile: "\(prefix)/share/bash-completion/completions/\(binary)", encoding: .utf8)
            #expect(bash.contains("complete") && bash.contains(binary))
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/share/zsh/site-functions/_\(binary)"))
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/share/fish/vendor_completions.d/\(binary).fish"))
        }
        let zsh = try String(contentsOfFile: "\(prefix)/share/zsh/site-functions/_phoihop", encoding: .utf8)
        #expect(zsh.contains("tail") && zsh.contains("agency"))
        let hub = try String(contentsOfFile: "\(prefix)/lib/systemd/system/phoihop-hub.service", encoding: .utf8)
        #expect(hub.contains("ExecStart=/opt/phoihop/bin/phoihop-hub --config /etc/phoihop/hub.yaml"))
        #expect(!hub.contains("/usr/local/"), "a path the prefix did not replace")
        for file in ["lib/systemd/system/phoihop-agency@.service", "lib/systemd/system/phoihop.target",
                     "lib/systemd/system/phoihop-.service.d/hardening.conf", "lib/sysusers.d/phoihop.conf",
                     "share/doc/phoihop/DEPLOYMENT.md", "share/phoihop/config/hub.yaml",
                     "share/phoihop/config/agencies/cong-an.yaml"] {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) not installed")
        }
        let table = root + "/etc/phoihop/rules/holidays.yaml"
        #expect(FileManager.default.fileExists(atPath: table))
        let files = { (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { !((try? FileManager.default.attributesOfItem(atPath: "\(root)/\($0)")[.type] as? FileAttributeType) == .typeDirectory) }
            .sorted() }
        // Every file the script says it installed is there, and nothing else.
        let listed = log.split(separator: "\n").filter { $0.hasPrefix("installed ") }.map { String($0.dropFirst("installed ".count).dropFirst(root.count + 1)) }
        #expect(files() == listed.sorted())
        // An upgrade: a table as the previous release installed it (the same in /etc and in its
        // pristine copy) is replaced by this release's, not kept as if edited here.
        let pristine = prefix + "/share/phoihop/config/rules/holidays.yaml"
        let current = try String(contentsOfFile: table, encoding: .utf8)
        for file in [table, pristine] { try "# last year's holidays\n".write(toFile: file, atomically: true, encoding: .utf8) }
        let (upgraded, upgradeLog) = try script("install")
        #expect(upgraded == 0 && !upgradeLog.contains("kept"), "\(upgradeLog)")
        #expect(try String(contentsOfFile: table, encoding: .utf8) == current)
        // An operator adds a holiday: the table is theirs now.
        try (try String(contentsOfFile: table, encoding: .utf8) + "\n# edited on this server\n").write(toFile: table, atomically: true, encoding: .utf8)
        let (removed, removeLog) = try script("uninstall")
        #expect(removed == 0, "\(removeLog)")
        #expect(files() == ["etc/phoihop/rules/holidays.yaml"], "left behind: \(files())")
        #expect(removeLog.contains("kept (edited here) \(table)"))
    }
}

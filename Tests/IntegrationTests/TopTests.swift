import Foundation
import PhoiHopProtocol
import Testing

/// `phoihop top` as an operator uses it: the real binary in a real pseudo-terminal (a detached
/// tmux session on its own server socket in the province's directory) against a real hub and
/// district, read back with `capture-pane` and driven with `send-keys`.
@Suite(.serialized) struct TopTests {
    /// Starts a hub and one district, and `phoihop top` against the hub in a 120×40 tmux pane:
    /// a shell records the terminal's settings (`stty -g`) before and after it and its exit status.
    static func startTop(_ province: Province, extra: String = "") throws -> TmuxPane {
        try province.start(.hub)
        try province.start(district(province))
        let pane = try TmuxPane(directory: province.directory, width: 120, height: 40)
        let dir = province.directory
        try pane.start("""
            stty -g > '\(dir)/stty-before'; '\(province.binDirectory)/phoihop' top --control '\(province.controlPath(.hub))' \
            --interval 0.5 \(extra); echo $? > '\(dir)/top-status'; stty -g > '\(dir)/stty-after.part'; \
            mv '\(dir)/stty-after.part' '\(dir)/stty-after'
            """)
        return pane
    }

    /// The province's first district (its agencies start with the departments).
    static func district(_ province: Province) -> AgencyID {
        province.agencies.first { $0.rawValue.hasPrefix("district-") }!
    }

    static func file(_ province: Province, _ name: String) -> String? {
        (try? String(contentsOfFile: "\(province.directory)/\(name)", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theLiveViewShowsTheDistrictOnlineThenANewActAndQuitsOnQWithTheTerminalRestored() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let pane = try Self.startTop(province)
        defer { pane.kill() }
        let district = Self.district(province).rawValue

        try pane.waitUntil("the frame shows \(district) online", timeout: 30) { screen in
            screen.contains { $0.hasPrefix(district) && $0.contains("trực tuyến") && !$0.contains("NGOẠI TUYẾN") }
        }
        let screen = pane.capture()
        #expect(screen.first?.hasPrefix("PhoiHop top — so-tttt (Sở Thông tin và Truyền thông)") == true)
        #expect(screen.contains { $0.hasPrefix("ĐƠN VỊ — 1/\(province.agencies.count) trực tuyến") })
        #expect(screen.contains { $0.hasPrefix("THỜI HẠN — ngày 20/11/2026") })
        #expect(screen.last?.hasPrefix("q thoát · r làm mới") == true)
        #expect(pane.format("#{alternate_on} #{cursor_flag}") == "1 0")

        try province.record(Self.district(province), MessageBody(BusinessRegistered(
            businessID: "TOP-1", name: "Đại lý Internet Hòa Bình", kind: .internetAgent, district: Self.district(province),
            address: "12 Quốc lộ 1A", owner: "Lê Văn Hòa", machines: 20, registeredOn: try CivilDate(parsing: "2026-11-20"))))
        try pane.waitUntil("the act appears among the latest", timeout: 30) { screen in
            screen.contains { $0.contains(MessageType.businessRegistered.vietnameseName) && $0.hasSuffix("TOP-1") }
        }

        pane.sendKeys("q")
        try pane.waitUntilFinished()
        #expect(Self.file(province, "top-status") == "0")
        #expect(Self.file(province, "stty-after") == Self.file(province, "stty-before"))
        #expect(pane.format("#{alternate_on}") == "0")
        #expect(!pane.capture().contains { $0.contains("ĐƠN VỊ") })
    }

    @Test func sigtermRestoresTheTerminalBeforeTheLiveViewExits() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let pane = try Self.startTop(province)
        defer { pane.kill() }
        try pane.waitUntil("the frame is drawn", timeout: 30) { $0.contains { $0.hasPrefix("ĐƠN VỊ") } }

        let top = try pane.foregroundChild()
        kill(top, SIGTERM)
        try pane.waitUntilFinished()
        #expect(Self.file(province, "top-status") == "143")
        #expect(Self.file(province, "stty-after") == Self.file(province, "stty-before"))
        #expect(pane.format("#{alternate_on}") == "0")
    }

    @Test func tabShowsOnePaneAndAResizeRedrawsToTheNewSize() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let pane = try Self.startTop(province)
        defer { pane.kill() }
        try pane.waitUntil("the frame is drawn", timeout: 30) { $0.contains { $0.hasPrefix("ĐƠN VỊ") } }

        pane.sendKeys("Tab")
        try pane.waitUntil("only the agencies pane shows", timeout: 15) { screen in
            screen.last?.hasSuffix("đang xem: Đơn vị") == true && !screen.contains { $0.hasPrefix("THỜI HẠN") }
        }
        pane.resize(width: 60, height: 20)
        try pane.waitUntil("the frame is redrawn for 60×20", timeout: 15) { screen in
            screen.count == 20 && screen.allSatisfy { $0.count <= 60 } && screen[19].hasPrefix("q thoát")
        }
        pane.sendKeys("C-c")
        try pane.waitUntilFinished()
        #expect(Self.file(province, "top-status") == "0")
        #expect(Self.file(province, "stty-after") == Self.file(province, "stty-before"))
    }

    @Test func withoutATerminalItPrintsOneFrameAndExitsZero() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        let result = try BackupTests.console(province, ["top", "--control", province.controlPath(.hub)])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("PhoiHop top — so-tttt"))
        #expect(result.output.components(separatedBy: "PhoiHop top —").count == 2, "exactly one frame")
        #expect(result.output.contains("ĐƠN VỊ — 0/"))
        #expect(!result.output.contains("\u{1B}["))

        let json = try BackupTests.console(province, ["top", "--control", province.controlPath(.hub), "--json"])
        #expect(json.status == 0)
        #expect(json.output.contains("\"recentActs\""))
    }
}

/// A detached tmux session on a server of its own (`-S` socket in the test's directory, no
/// user configuration), kept after its command exits (`remain-on-exit`) so the test can read
/// the exit status and the screen left behind.
final class TmuxPane: @unchecked Sendable {
    // @unchecked: used by the one test that made it, one call at a time.
    let socket: String
    let configuration: String
    /// Where each tmux command's output goes.
    let output: String
    let width: Int, height: Int

    init(directory: String, width: Int, height: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw ProvinceError("tmux is not installed (apt-get install tmux): the live view is tested in a tmux pane")
        }
        socket = "\(directory)/tmux.sock"
        configuration = "\(directory)/tmux.conf"
        output = "\(directory)/tmux.out"
        self.width = width; self.height = height
        try "set -g remain-on-exit on\nset -g default-shell /bin/sh\nset -g status off\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    func start(_ command: String) throws {
        let result = tmux(["new-session", "-d", "-s", "top", "-x", "\(width)", "-y", "\(height)", command])
        guard result.status == 0 else { throw ProvinceError("tmux new-session failed (\(result.status)): \(result.output)") }
        server = pid_t(format("#{pid}"))
    }

    /// The pane's visible rows, trailing blanks removed.
    func capture() -> [String] {
        var lines = tmux(["capture-pane", "-p", "-t", "top"]).output.components(separatedBy: "\n")
        lines = lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    func format(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", "top", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sendKeys(_ keys: String) { _ = tmux(["send-keys", "-t", "top", keys]) }

    func resize(width: Int, height: Int) { _ = tmux(["resize-window", "-t", "top", "-x", "\(width)", "-y", "\(height)"]) }

    /// The pid of the process the pane's shell runs in the foreground (`phoihop top`).
    func foregroundChild() throws -> pid_t {
        let shell = format("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
            throw ProvinceError("the pane's shell \(shell) has no child process")
        }
        return pid
    }

    /// Polls the pane's screen until `condition` holds (across processes there is no event to
    /// await), failing with `what` and the last screen after `timeout`.
    func waitUntil(_ what: String, timeout: TimeInterval, _ condition: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let screen = capture()
            if condition(screen) { return }
            guard Date() < deadline else {
                throw ProvinceError("timed out after \(Int(timeout)) s waiting until \(what); the pane shows:\n\(screen.joined(separator: "\n"))")
            }
            usleep(100_000)
        }
    }

    /// Waits until the pane's command line has run to its end: `phoihop top` exited and the
    /// shell wrote its status and the terminal settings after it (`stty-after`, written last).
    /// Not tmux's `pane_dead`: under load the server was seen to leave the exited shell
    /// unreaped, a zombie, and never report the pane dead. On a time-out the error lists the
    /// pane's processes and what each waits on, so a hang says where it is.
    func waitUntilFinished(timeout: TimeInterval = 30) throws {
        let finished = "\(URL(fileURLWithPath: socket).deletingLastPathComponent().path)/stty-after"
        do {
            try waitUntil("the command line in the pane finished", timeout: timeout) { _ in
                FileManager.default.fileExists(atPath: finished)
            }
        } catch {
            let shell = format("#{pane_pid}")
            let pids = [shell] + (server.map { ["\($0)"] } ?? [])
            let processes = ((try? Subprocess.run("/bin/ps", ["-o", "pid,ppid,stat,wchan:24,args", "--ppid", shell, "-p", pids.joined(separator: ",")])) ?? (0, "")).output
            throw ProvinceError("\(error)\nthe pane's processes:\n\(processes)")
        }
    }

    /// The tmux server's pid, once started.
    var server: pid_t?

    /// Ends the tmux server (and with it the pane's processes) started for this test — by its
    /// pid if it does not answer on its socket.
    func kill() {
        guard tmux(["kill-server"]).status != 0, let server else { return }
        Glibc.kill(server, SIGKILL)
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        // posix_spawn and waitpid rather than Foundation's Process: the server `new-session` forks
        // keeps every descriptor of the client, among them the one Process watches to learn that
        // its child exited (and a pipe's end), so Process would wait for the server to exit.
        let argv = ["/usr/bin/tmux", "-S", socket, "-f", configuration] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // An empty signal mask and default handlers: the test's thread may block signals, and a
        // server that inherited a blocked SIGCHLD would never learn its pane's exit status.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { return (-1, "posix_spawn tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        return (exitStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}

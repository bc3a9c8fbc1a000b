import Foundation
import Synchronization

/// A real systemd booted for one test as PID 1 of private pid, mount, uts, ipc and cgroup
/// namespaces, so PhoiHop's unit files run under the service manager they ship for — on a
/// machine whose own PID 1 is not systemd — while the host stays exactly as it was.
///
/// Confinement, in three steps (the team's systemd-harness recipe):
/// 1. the launcher joins fresh `phoihop-sd-<pid>-<n>` cgroups below this process's own in
///    every hierarchy, so the cgroup namespace — everything systemd sees and writes — is rooted
///    there, never at the host's cgroup roots;
/// 2. `script` gives the instance a pty (bound over its /dev/console, logged to
///    `console.log`), `unshare` the namespaces; `setpriv --pdeathsig KILL` before each of them
///    ties the instance's life to this test process;
/// 3. `private-systemd-init.sh`, as PID 1, makes /run, /tmp, /var/tmp, /dev/shm private, puts
///    copy-on-write overlays on /etc, /var and /usr/local, makes the rest of /, /proc/sys and
///    /sys read-only, rebuilds /sys/fs/cgroup, masks the units that act on the host, and only
///    then execs systemd.
///
/// So a test installs what it runs below /etc, /var or /usr/local (`copy(directory:to:)`);
/// a write anywhere else in / fails with "Read-only file system" instead of reaching the host.
///
/// The network namespace is the host's: daemons inside bind 127.0.0.1 ports the test chooses.
/// Commands run through `nsenter` as root, with a clean environment; they see the instance's
/// file system, not the test's (the test's /tmp is not visible inside).
///
/// Not `Sendable`: one test owns an instance, from `init` to `shutdown()` (or `deinit`).
final class PrivateSystemd {
    /// The name the test gave; part of the work directory's name.
    let name: String
    /// Where the artifacts stay after the test: `console.log` (systemd's status lines and
    /// the init script's), `journal.txt` (the whole journal, saved by `shutdown()`),
    /// `launcher.log`, and the init script as run.
    let workDirectory: URL
    /// The host pid of the instance's PID 1.
    private(set) var initPID: pid_t = 0
    /// What `systemctl is-system-running` said when the boot ended: "running" or "degraded".
    private(set) var bootState = ""
    /// From starting the launcher to a running system.
    private(set) var bootDuration: Duration = .zero
    /// The `phoihop-sd-*` cgroups made for the launcher, one per hierarchy.
    let cgroups: [URL]

    private let launcher: NamespaceLauncher
    private var scratchCount = 0
    private var isShutDown = false

    private static let counter = Mutex(0)
    private static let systemdBinary = "/lib/systemd/systemd"
    private static let searchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    private static let requiredTools = ["unshare", "nsenter", "script", "setpriv", "tar"]
    private static let initScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("private-systemd-init.sh")

    /// Nil when a private systemd can run here; otherwise a sentence saying what is missing,
    /// for a suite's `.enabled(if:)` comment.
    static var unavailableReason: String? {
        if getuid() != 0 {
            return "not root: a private systemd needs uid 0 for its namespaces, mounts and cgroups"
        }
        let missing = requiredTools.filter { tool(named: $0) == nil }
        if !missing.isEmpty {
            return "missing \(missing.joined(separator: ", ")) (util-linux, tar) in \(searchPath)"
        }
        if !FileManager.default.isExecutableFile(atPath: systemdBinary) {
            return "no \(systemdBinary): install the systemd package (its PID 1 is not needed)"
        }
        return nil
    }

    private static func tool(named name: String) -> String? {
        searchPath.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Boots a private systemd to `multi-user.target` and returns once `systemctl
    /// is-system-running` says running or degraded.
    ///
    /// - Parameter name: a short word for the work directory's name (letters, digits, dashes).
    /// - Throws: `PrivateSystemdError` when a tool is missing, the instance died during boot,
    ///   or it did not come up within `bootTimeout`; the message ends with the console's tail.
    init(name: String, bootTimeout: Duration = .seconds(60)) throws {
        if let reason = Self.unavailableReason { throw PrivateSystemdError("cannot boot a private systemd: \(reason)") }
        self.name = name
        CgroupHierarchy.sweepStale()
        let number = Self.counter.withLock { value in
            value += 1
            return value
        }
        let tag = "\(CgroupHierarchy.namePrefix)\(getpid())-\(number)"
        workDirectory = Self.makeWorkDirectory(named: "\(name)-\(getpid())-\(number)")
        let hierarchies = try CgroupHierarchy.discover()
        cgroups = try CgroupHierarchy.makeChildren(tag, in: hierarchies)

        let script = workDirectory.appendingPathComponent("private-systemd-init.sh")
        let console = workDirectory.appendingPathComponent("console.log")
        // `unshare` (util-linux 2.38) blocks SIGHUP while it waits for its child, so the pty's
        // hang-up when `script` dies does not end it: it gets a parent-death signal of its own.
        let namespaces = "setpriv --pdeathsig KILL -- "
            + "unshare --pid --fork --kill-child --mount-proc --mount --uts --ipc --cgroup --propagation private"
        let joinThenLaunch = """
            set -e
            for procs in "$@"; do echo $$ > "$procs"; done
            exec setpriv --pdeathsig KILL -- script -qefc "$PHOIHOP_SD_COMMAND" "$PHOIHOP_SD_CONSOLE"
            """
        do {
            try FileManager.default.copyItem(at: Self.initScript, to: script)
            launcher = try NamespaceLauncher(
                arguments: ["-c", joinThenLaunch, "phoihop-sd-launcher"] + cgroups.map { $0.appendingPathComponent("cgroup.procs").path },
                environment: [
                    "PATH": Self.searchPath, "SHELL": "/bin/bash", "LANG": "C.UTF-8",
                    "PHOIHOP_SD_COMMAND": "\(namespaces) -- /bin/bash \(Self.shellQuoted(script.path))",
                    "PHOIHOP_SD_CONSOLE": console.path,
                    "PHOIHOP_SD_CGROUPS": hierarchies.map(\.specification).joined(separator: " "),
                    "PHOIHOP_SD_CGROUP_LINKS": CgroupHierarchy.links().joined(separator: " "),
                ],
                errorLog: workDirectory.appendingPathComponent("launcher.log"))
        } catch {
            for cgroup in cgroups { CgroupHierarchy.removeTree(cgroup) }
            throw error
        }
        do {
            try waitForBoot(timeout: bootTimeout)
        } catch {
            shutdown()
            throw error
        }
    }

    deinit { shutdown() }

    // MARK: Commands inside

    /// Runs `arguments` inside the instance as root (`nsenter` into its namespaces, `env -i`
    /// with PATH, LANG=C.UTF-8, SYSTEMD_PAGER=cat), standard input from `input`, and returns
    /// its exit status and its standard output and error, interleaved.
    /// - Throws: `PrivateSystemdError` if the instance is down or the command outlives
    ///   `timeout` (then it and its children are killed).
    func run(_ arguments: [String], input: Data? = nil, timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String) {
        var inputFile: URL?
        if let input {
            let file = nextScratch("in")
            try input.write(to: file)
            inputFile = file
        }
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        return try run(arguments, inputFile: inputFile, timeout: timeout)
    }

    /// Runs `script` with `bash -euo pipefail -c` inside and returns what it printed.
    /// - Throws: `PrivateSystemdCommandFailed` with the status and the output when it fails.
    @discardableResult
    func shell(_ script: String, timeout: Duration = .seconds(60)) throws -> String {
        let result = try run(["bash", "-euo", "pipefail", "-c", script], timeout: timeout)
        guard result.status == 0 else { throw PrivateSystemdCommandFailed(command: script, status: result.status, output: result.output) }
        return result.output
    }

    /// Copies the contents of the host's `directory` into `path` inside (made if missing):
    /// files and symlinks with their modes, owned by root; directories missing inside are made
    /// with their modes, directories that exist keep theirs.
    ///
    /// The archive holds no directory entries: extracting one onto an existing directory makes
    /// tar chmod it (even with `--no-overwrite-dir`, which narrows it to the owner's bits while
    /// it works) — copying a staging root onto "/" would change the modes of / and /usr.
    func copy(directory: URL, to path: String) throws {
        var directories: [(path: String, mode: Int)] = []
        var files: [String] = []
        let fileManager = FileManager.default
        guard let walker = fileManager.enumerator(atPath: directory.path) else {
            throw PrivateSystemdError("cannot read \(directory.path)")
        }
        while let relative = walker.nextObject() as? String {
            let attributes = try fileManager.attributesOfItem(atPath: directory.path + "/" + relative)
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                directories.append((relative, (attributes[.posixPermissions] as? Int) ?? 0o755))
            } else {
                files.append("./" + relative)
            }
        }
        let makeDirectories = directories.map { entry in
            let target = Self.shellQuoted(path + "/" + entry.path)
            return "[ -d \(target) ] || install -d -m \(String(entry.mode, radix: 8)) \(target)"
        }
        var script = ["set -e", "mkdir -p \(Self.shellQuoted(path))"] + makeDirectories
        var archive: URL?
        if !files.isEmpty {
            let list = nextScratch("list"), packed = nextScratch("tar")
            archive = packed
            defer { try? fileManager.removeItem(at: list) }
            try Data(files.joined(separator: "\0").utf8).write(to: list)
            let tar = try BoundedCommand.run(Self.tool(named: "tar") ?? "/usr/bin/tar",
                                             ["-C", directory.path, "-cf", packed.path, "--no-recursion", "--null", "-T", list.path],
                                             environment: ["PATH": Self.searchPath], input: nil, scratch: nextScratch("out"),
                                             timeout: .seconds(60))
            guard tar.status == 0 else { throw PrivateSystemdError("tar of \(directory.path) failed (\(tar.status)): \(tar.output)") }
            script.append("tar --no-same-owner -C \(Self.shellQuoted(path)) -xf -")
        }
        defer { if let archive { try? fileManager.removeItem(at: archive) } }
        let copied = try run(["sh", "-c", script.joined(separator: "\n")], inputFile: archive, timeout: .seconds(60))
        guard copied.status == 0 else {
            throw PrivateSystemdCommandFailed(command: "copy \(directory.path) to \(path)", status: copied.status, output: copied.output)
        }
    }

    /// The journal (`journalctl -o short-monotonic`), all of it or one unit's.
    func journal(unit: String? = nil) throws -> String {
        try shell("journalctl --no-pager -o short-monotonic" + (unit.map { " -u " + Self.shellQuoted($0) } ?? ""))
    }

    /// The journal's records (`journalctl -o json`), oldest first, each field as text (a field
    /// journald stored as bytes is decoded as UTF-8), e.g. `MESSAGE`, `_SYSTEMD_UNIT`,
    /// `__MONOTONIC_TIMESTAMP` (µs).
    func journalRecords(unit: String? = nil) throws -> [[String: String]] {
        let lines = try shell("journalctl --no-pager -o json" + (unit.map { " -u " + Self.shellQuoted($0) } ?? ""))
        return lines.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object.compactMapValues { value -> String? in
                if let text = value as? String { return text }
                if let bytes = value as? [Int] { return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
                return nil
            }
        }
    }

    // MARK: Shutdown

    /// Saves the journal into the work directory, powers the instance off (SIGRTMIN+4 to its
    /// PID 1 — systemd ignores SIGTERM as PID 1), SIGKILLs it after 30 s, waits for the
    /// launcher, and removes the `phoihop-sd-*` cgroups. Idempotent.
    func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        let clock = ContinuousClock()
        let began = clock.now
        defer { record("shutdown \((clock.now - began).secondsText)") }
        if launcher.isRunning, initPID > 0 {
            if let journal = try? run(["journalctl", "--no-pager", "-o", "short-monotonic"], inputFile: nil, timeout: .seconds(30)) {
                try? journal.output.write(to: workDirectory.appendingPathComponent("journal.txt"), atomically: true, encoding: .utf8)
            }
            kill(initPID, __libc_current_sigrtmin() + 4)
            if !launcher.waitForExit(seconds: 30) {
                note("no clean poweroff within 30 s; SIGKILL to PID 1 (host pid \(initPID))")
                kill(initPID, SIGKILL)
            }
        } else if launcher.isRunning {
            kill(launcher.pid, SIGKILL)   // systemd never started: nothing to save
        }
        if !launcher.waitForExit(seconds: 10) {
            note("the launcher (pid \(launcher.pid)) did not exit; SIGKILL")
            kill(launcher.pid, SIGKILL)
            _ = launcher.waitForExit(seconds: 10)
        }
        launcher.release()
        for cgroup in cgroups where !CgroupHierarchy.removeTree(cgroup) {
            note("could not remove cgroup \(cgroup.path)")
        }
    }

    // MARK: Internals

    private func waitForBoot(timeout: Duration) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + timeout
        var lastState = "no PID 1 yet"
        while true {
            guard launcher.isRunning else {
                throw PrivateSystemdError("the private systemd exited during boot (launcher status \(launcher.exitStatus ?? -1)); \(consoleTail())")
            }
            guard clock.now < deadline else {
                throw PrivateSystemdError("the private systemd was not running after \(timeout) (last state: \(lastState)); \(consoleTail())")
            }
            if initPID == 0, let found = Self.namespaceInit(below: launcher.pid) { initPID = found }
            // Only ask systemctl once PID 1 is systemd: before, it is the init script, still mounting.
            if initPID > 0, (try? String(contentsOfFile: "/proc/\(initPID)/comm", encoding: .utf8))?.hasPrefix("systemd") == true {
                let answer = try run(["systemctl", "is-system-running"], inputFile: nil, timeout: .seconds(10))
                lastState = answer.output.trimmingCharacters(in: .whitespacesAndNewlines)
                switch lastState {
                case "running", "degraded":
                    bootState = lastState
                    bootDuration = clock.now - start
                    record("boot \(bootDuration.secondsText) \(bootState)")
                    return
                case "maintenance", "stopping":
                    throw PrivateSystemdError("the private systemd went to \(lastState) during boot; \(consoleTail())")
                default:
                    break
                }
            }
            usleep(20_000)
        }
    }

    private func run(_ arguments: [String], inputFile: URL?, timeout: Duration) throws -> (status: Int32, output: String) {
        guard launcher.isRunning, initPID > 0 else {
            throw PrivateSystemdError("the private systemd '\(name)' is not running; \(consoleTail())")
        }
        let inside = ["-t", String(initPID), "-m", "-u", "-i", "-p", "-C", "--",
                      "/usr/bin/env", "-i", "PATH=\(Self.searchPath)", "LANG=C.UTF-8", "TERM=dumb",
                      "SYSTEMD_PAGER=cat", "SYSTEMD_COLORS=0"] + arguments
        return try BoundedCommand.run(Self.tool(named: "nsenter") ?? "/usr/bin/nsenter", inside,
                                      environment: ["PATH": Self.searchPath], input: inputFile,
                                      scratch: nextScratch("out"), timeout: timeout)
    }

    private func nextScratch(_ kind: String) -> URL {
        scratchCount += 1
        return workDirectory.appendingPathComponent(".scratch-\(scratchCount).\(kind)")
    }

    /// The last lines of the console log (where systemd and the init script write), for errors.
    func consoleTail(lines: Int = 25) -> String {
        let text = (try? String(contentsOf: workDirectory.appendingPathComponent("console.log"), encoding: .utf8)) ?? ""
        let launcherErrors = (try? String(contentsOf: workDirectory.appendingPathComponent("launcher.log"), encoding: .utf8)) ?? ""
        let tail = text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").suffix(lines).joined(separator: "\n")
        return "console (\(workDirectory.path)/console.log) ends:\n\(tail)" + (launcherErrors.isEmpty ? "" : "\nlauncher: \(launcherErrors)")
    }

    /// Appends a line to the work directory's timings.txt.
    private func record(_ line: String) {
        let file = workDirectory.appendingPathComponent("timings.txt")
        let text = ((try? String(contentsOf: file, encoding: .utf8)) ?? "") + line + "\n"
        try? text.write(to: file, atomically: true, encoding: .utf8)
    }

    private func note(_ message: String) {
        let line = "phoihop-sd: \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
        if let log = try? FileHandle(forWritingTo: workDirectory.appendingPathComponent("launcher.log")) {
            _ = try? log.seekToEnd()
            try? log.write(contentsOf: Data(line.utf8))
            try? log.close()
        }
    }

    /// The process below `ancestor` that is PID 1 of its own pid namespace (its `NSpid:`
    /// line ends in 1): the init script, then systemd (which it execs).
    private static func namespaceInit(below ancestor: pid_t) -> pid_t? {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // pid (comm) state ppid …; comm may hold spaces and parentheses.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(pid) }
        }
        var queue = children[ancestor] ?? []
        while !queue.isEmpty {
            let pid = queue.removeFirst()
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("NSpid:") }) {
                let ids = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst()
                if ids.count >= 2, ids.last == "1" { return pid }
            }
            queue += children[pid] ?? []
        }
        return nil
    }

    /// /var/tmp/phoihop-sd/<name>: outside /tmp, so the artifacts survive the test process's
    /// private /tmp (if any) and the host's tmp cleaning. Directories of dead test processes
    /// older than a day are removed.
    private static func makeWorkDirectory(named name: String) -> URL {
        let base = URL(fileURLWithPath: "/var/tmp/phoihop-sd", isDirectory: true)
        let fileManager = FileManager.default
        for entry in (try? fileManager.contentsOfDirectory(atPath: base.path)) ?? [] {
            let old = base.appendingPathComponent(entry)
            let parts = entry.split(separator: "-")
            guard parts.count >= 3, let owner = pid_t(parts[parts.count - 2]), owner != getpid(), kill(owner, 0) != 0,
                  let modified = (try? fileManager.attributesOfItem(atPath: old.path))?[.modificationDate] as? Date,
                  modified < Date(timeIntervalSinceNow: -86_400) else { continue }
            try? fileManager.removeItem(at: old)
        }
        let directory = base.appendingPathComponent(name, isDirectory: true)
        try? fileManager.removeItem(at: directory)
        try? fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

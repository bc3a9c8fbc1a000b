import Foundation
import Synchronization

/// What went wrong with a private systemd: boot, a command's time limit, the tools it needs.
struct PrivateSystemdError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A command run inside a private systemd that exited non-zero: its status and everything it
/// printed, so a test's failure message shows what went wrong.
struct PrivateSystemdCommandFailed: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let output: String
    var description: String { "`\(command)` exited \(status) inside the private systemd:\n\(output)" }
}

/// The process that becomes the private systemd's namespaces: `bash -c` joins the
/// `phoihop-sd-*` cgroups (step 1) and execs `setpriv --pdeathsig KILL -- script … unshare …`.
///
/// It is started from a thread of its own that stays parked until `release()`: the kernel's
/// parent-death signal fires when the *thread* that forked the process ends, not the process,
/// and a test's cooperative-pool thread may be retired while the instance is still in use. So
/// the instance dies when the test process dies, and never earlier: the thread ends → SIGKILL
/// to `script` → SIGKILL to `unshare` (its own `setpriv --pdeathsig`: it blocks the pty's
/// SIGHUP) → `--kill-child` SIGKILLs PID 1 → the kernel kills the whole pid namespace.
final class NamespaceLauncher: Sendable {
    let pid: pid_t
    private let state: LauncherState

    init(arguments: [String], environment: [String: String], errorLog: URL) throws {
        let state = LauncherState()
        let started = DispatchSemaphore(value: 0)
        let parent = Thread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = arguments
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
            let errors = try? FileHandle(forWritingTo: errorLog)
            process.standardError = errors ?? FileHandle.nullDevice
            process.terminationHandler = { finished in state.exited(with: finished.terminationStatus) }
            do {
                try process.run()
                state.spawned(.success(process.processIdentifier))
            } catch {
                state.spawned(.failure(PrivateSystemdError("cannot start the launcher: \(error)")))
            }
            try? errors?.close()   // the launcher has its own copy
            started.signal()
            state.parkUntilReleased()
        }
        parent.name = "phoihop-sd-launcher"
        parent.start()
        started.wait()
        pid = try state.spawnOutcome().get()
        self.state = state
    }

    deinit { state.release() }

    var isRunning: Bool { state.exitStatus == nil }
    var exitStatus: Int32? { state.exitStatus }

    /// Waits up to `seconds` for the launcher to exit; whether it has.
    func waitForExit(seconds: Double) -> Bool { state.waitForExit(seconds: seconds) }

    /// Lets the parked parent thread end (after the launcher exited, or to kill it through
    /// its parent-death signal).
    func release() { state.release() }
}

/// What the launcher's parent thread and its termination handler share with the test.
private final class LauncherState: Sendable {
    private let outcome = Mutex<Result<pid_t, PrivateSystemdError>?>(nil)
    private let status = Mutex<Int32?>(nil)
    private let exitSignal = DispatchSemaphore(value: 0)
    private let releaseSignal = DispatchSemaphore(value: 0)
    private let released = Mutex(false)

    func spawned(_ result: Result<pid_t, PrivateSystemdError>) { outcome.withLock { $0 = result } }
    func spawnOutcome() -> Result<pid_t, PrivateSystemdError> {
        outcome.withLock { $0 } ?? .failure(PrivateSystemdError("the launcher thread reported nothing"))
    }

    func exited(with code: Int32) {
        status.withLock { $0 = code }
        exitSignal.signal()
    }
    var exitStatus: Int32? { status.withLock { $0 } }

    func waitForExit(seconds: Double) -> Bool {
        if exitStatus != nil { return true }
        guard exitSignal.wait(timeout: .now() + seconds) == .success else { return false }
        exitSignal.signal()   // every later waiter passes too
        return true
    }

    func parkUntilReleased() { releaseSignal.wait() }
    func release() {
        let first = released.withLock { wasReleased in
            defer { wasReleased = true }
            return !wasReleased
        }
        if first { releaseSignal.signal() }
    }
}

/// Runs a program to its end within a time limit, its standard output and error in one file.
///
/// Foundation starts every child in a process group of its own, so a timeout kills the group:
/// `nsenter` and the command it forked inside the namespaces, and that command's children.
/// Output goes to a file, not a pipe, so a grandchild that keeps the descriptor open (a daemon
/// started in the background) cannot hold the reader forever.
enum BoundedCommand {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    input: URL?, scratch: URL, timeout: Duration) throws -> (status: Int32, output: String) {
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try FileHandle(forWritingTo: scratch)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let inputHandle = try input.map { try FileHandle(forReadingFrom: $0) }
        defer { try? inputHandle?.close() }
        process.standardInput = inputHandle ?? FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let limit = timeout.inSeconds
        if finished.wait(timeout: .now() + limit) == .timedOut {
            kill(-process.processIdentifier, SIGKILL)
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            let printed = (try? String(contentsOf: scratch, encoding: .utf8)) ?? ""
            throw PrivateSystemdError("`\(arguments.joined(separator: " "))` did not finish within \(limit) s and was killed; it printed:\n\(printed)")
        }
        let printed = String(decoding: (try? Data(contentsOf: scratch)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, printed)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// "0.42 s" (two decimals).
    var secondsText: String { String(format: "%.2f s", inSeconds) }
}

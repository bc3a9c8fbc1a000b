import Foundation
import Logging
import ServiceLifecycle

/// Stops the daemon once the process that started it has exited (`PHOIHOP_EXIT_WITH_PARENT=1`).
///
/// A test run or the demo starts daemons as its children and stops them on its way out; if it is
/// killed (SIGKILL, a crash, a CI timeout) it cannot, and the daemons would run on, orphaned. An
/// orphan is adopted by init or a subreaper, so its parent pid changes: once a second this service
/// compares `getppid()` with the parent recorded at start and, when it differs, returns — which
/// (run with `successTerminationBehavior: .gracefullyShutdownGroup`) shuts the daemon down exactly
/// as SIGTERM does: the socket loop stops, peer records are persisted, the store is checkpointed.
/// Under systemd the variable is not set: the service manager owns the daemon's life.
struct ParentWatch: Service {
    /// The parent pid when the daemon started.
    let parent: pid_t
    let logger: Logger
    static let period: Duration = .seconds(1)

    func run() async throws {
        let gone: Bool
        do {
            gone = try await cancelWhenGracefulShutdown { [parent] in
                while true {
                    try await Task.sleep(for: ParentWatch.period)
                    if getppid() != parent { return true }
                }
            }
        } catch {
            // Cancelled: the daemon is stopping for another reason (SIGTERM, a failure).
            return
        }
        guard gone else { return }
        logger.warning("the process that started this daemon exited; stopping", metadata: [
            "parent": "\(parent)", "now": "\(getppid())",
            "why": "PHOIHOP_EXIT_WITH_PARENT=1 is set (test harness, demo); unset it to keep the daemon running on its own",
        ])
    }
}

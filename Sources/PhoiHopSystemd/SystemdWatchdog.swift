#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The watchdog systemd keeps on this process (`WatchdogSec=`), as sd_watchdog_enabled(3) reads
/// it: `WATCHDOG_USEC` is the time after which systemd acts if no `WATCHDOG=1` arrived, and
/// `WATCHDOG_PID`, when set, names the process it is meant for (a child started by the daemon
/// inherits the variables but is not watched).
public struct SystemdWatchdog: Sendable, Equatable {
    /// How long systemd waits for a ping.
    public let timeout: Duration

    /// Nil when no watchdog is asked of this process: the variable is absent, not a positive
    /// number, or meant for another process.
    public init?(environment: [String: String], processID: Int32 = getpid()) {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0,
              microseconds <= UInt64(Int64.max / 1000) else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != processID { return nil }
        timeout = .microseconds(Int64(microseconds))
    }

    /// How often to ping: half the timeout, as systemd recommends, so one late ping is not fatal.
    public var pingInterval: Duration { timeout / 2 }
}

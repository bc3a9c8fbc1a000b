import Foundation

/// A start step that may outlast `TimeoutStartSec=`: checking a store of years of history reads
/// every page of it once (tens of seconds for gigabytes on a cold disk), and systemd would kill
/// the daemon half-way and start it again — for ever. While `body` runs, systemd is told every
/// `interval` that start-up goes on (`EXTEND_TIMEOUT_USEC=`, which moves the start timeout to that
/// much later) and what it is doing (`STATUS=`). Once `body` returns or throws the asking stops,
/// so a daemon that hangs after the step still meets the start timeout. (A step that hangs itself
/// would be asked for time without end: give this only steps that finish, as SQLite's check,
/// which reads each page once, does.)
///
/// Outside systemd this runs `body` and nothing else.
extension SystemdNotifier {
    public func extendingStart<T>(
        status: String, interval: Duration = .seconds(10), extension: Duration = .seconds(30), _ body: () throws -> T
    ) rethrows -> T {
        guard isEnabled else { return try body() }
        let microseconds = UInt64(`extension` / .microseconds(1))
        let notifier = self
        let asking = Asking()
        // A thread of its own: the step may block every thread of Swift's cooperative pool.
        let thread = Thread {
            asking.condition.lock()
            defer { asking.condition.unlock() }
            while !asking.over {
                // A failed send is not fatal: at worst systemd's own timeout applies, as before.
                try? notifier.notify(.extendTimeout(microseconds: microseconds), .status(status))
                _ = asking.condition.wait(until: Date(timeIntervalSinceNow: interval / .seconds(1)))
            }
        }
        thread.start()
        // Set under the lock the sends are made under: once it is set, no extension is sent, so
        // none can reach systemd after this step's caller has gone on to say READY=1.
        defer {
            asking.condition.lock()
            asking.over = true
            asking.condition.signal()
            asking.condition.unlock()
        }
        return try body()
    }
}

/// The asking thread's state, guarded by its condition's lock.
private final class Asking: @unchecked Sendable {
    let condition = NSCondition()
    var over = false
}

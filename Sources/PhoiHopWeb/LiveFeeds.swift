import Synchronization

/// The live feeds open now: how many browsers follow the log, and the switch that ends every
/// stream when the daemon stops (a stream would otherwise hold the server's graceful shutdown
/// until its client left).
public final class LiveFeeds: Sendable {
    private struct State {
        var open = 0
        var closed = false
    }

    private let state = Mutex(State())

    /// No feed open, none closed.
    public init() {}

    /// The feeds streaming now.
    public var subscribers: Int { state.withLock { $0.open } }

    /// Whether ``closeAll()`` was called: every stream ends at its next look.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Counts a stream in; false when the feeds are closed (the stream must not start).
    func enter() -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.open += 1
            return true
        }
    }

    func leave() { state.withLock { $0.open -= 1 } }

    /// Ends every stream at its next look and refuses new ones.
    public func closeAll() { state.withLock { $0.closed = true } }
}

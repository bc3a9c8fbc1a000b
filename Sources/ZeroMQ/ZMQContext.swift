import CZeroMQ
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one libzmq context: the I/O threads and the `inproc://` namespace its sockets share.
///
/// Thread-safe, as libzmq contexts are. ``terminate()`` must only be called after every socket of
/// the context is closed (libzmq's `zmq_ctx_term` waits for them); since every ``ZMQSocket`` keeps
/// its context alive, `deinit` only runs once no socket refers to it, and terminates then.
// @unchecked Sendable: `handle` is immutable and libzmq documents contexts as thread-safe;
// the only mutable state, `state`, is behind a Mutex.
public final class ZMQContext: @unchecked Sendable {
    private enum State { case running, terminating, terminated }

    /// The `void *` context for `zmq_socket`; valid until terminate() runs.
    let handle: UnsafeMutableRawPointer
    private let state = Mutex(State.running)

    /// Creates a context with `ioThreads` I/O threads.
    ///
    /// New sockets default to linger 0 (`ZMQ_BLOCKY` off) so termination never waits for
    /// undelivered messages; ``ZMQSocket`` additionally sets linger 0 itself.
    public init(ioThreads: Int32 = 1) throws {
        guard let handle = zmq_ctx_new() else {
            throw ZMQError.last("create context")
        }
        for (option, value, name) in [(ZMQ_IO_THREADS, ioThreads, "ZMQ_IO_THREADS"), (ZMQ_BLOCKY, 0, "ZMQ_BLOCKY")]
        where zmq_ctx_set(handle, option, value) != 0 {
            let error = ZMQError.last("set context option \(name)=\(value)")
            zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
    }

    /// True once ``terminate()`` has started; no new socket can be created then.
    public var isTerminated: Bool {
        state.withLock { $0 != .running }
    }

    /// Terminates the context (`zmq_ctx_term`), retrying on `EINTR`.
    ///
    /// Returns once libzmq has released the context. Idempotent: later or concurrent calls
    /// return immediately. Blocks for as long as a socket of this context stays open, so close
    /// every socket first (sockets use linger 0, so closed sockets never delay it).
    public func terminate() {
        let shouldTerminate = state.withLock { state in
            guard state == .running else { return false }
            state = .terminating
            return true
        }
        guard shouldTerminate else { return }
        while zmq_ctx_term(handle) != 0, zmq_errno() == EINTR {}
        state.withLock { $0 = .terminated }
    }

    deinit {
        terminate()
    }
}

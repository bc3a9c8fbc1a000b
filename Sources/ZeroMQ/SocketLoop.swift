import CZeroMQ
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Identifies a timer scheduled with ``SocketLoop/schedule(every:_:)``; unique per loop.
public struct TimerID: Hashable, Sendable {
    let raw: UInt64
}

/// Thrown by ``SocketLoop/submit(_:)`` when the loop has already shut down, so the work can
/// never run.
public struct SocketLoopStoppedError: Error, Sendable, CustomStringConvertible {
    /// The loop's name.
    public let loopName: String
    /// `"socket loop <name> has stopped"`.
    public var description: String { "socket loop \(loopName) has stopped" }
}

/// A dedicated thread that owns sockets and runs a `zmq_poll` loop: the bridge between libzmq's
/// single-owner sockets and Swift concurrency (like a NIO EventLoop).
///
/// Work is submitted from any thread; socket handlers, timers and stop handlers run on the loop
/// thread only, one at a time, in submission order for submitted work. ``submit(_:)`` suspends
/// with a continuation and never blocks the cooperative pool. The loop keeps itself alive until
/// ``stop()``: a loop that is never stopped is never freed.
// @unchecked Sendable, because:
// - `registrations`, `timers`, `stopHandlers` and the counters are loop-confined: only the loop
//   thread touches them (run() and the methods that precondition(inLoop));
// - everything other threads touch is either immutable (`name`, the wake fds), atomic
//   (`loopThread`) or behind the `shared` Mutex;
// - the wake pipe is written only under the Mutex while `accepting` is true, and closed by the
//   loop only after it set `accepting` false under the same Mutex, so no write hits a closed
//   (or reused) fd.
public final class SocketLoop: @unchecked Sendable {
    /// The loop's name, also given to its thread (Foundation `Thread.name`).
    public let name: String

    private struct Shared {
        var queue: [@Sendable () -> Void] = []
        var accepting = true
        var stopRequested = false
        var exited = false
        var asyncWaiters: [CheckedContinuation<Void, Never>] = []
        var blockingWaiters: [DispatchSemaphore] = []
    }

    private struct Registration {
        let socket: ZMQSocket
        let token: UInt64
        let handler: () -> Void
    }

    private struct LoopTimer {
        let interval: Duration
        var deadline: ContinuousClock.Instant
        let handler: () -> Void
    }

    private let shared = Mutex(Shared())
    /// A non-blocking pipe; its read end is in the poll set, so writing a byte wakes zmq_poll.
    /// (A pipe rather than an eventfd because Swift's Glibc module does not export eventfd.)
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    /// The loop thread's pthread_t, 0 before it starts and after it exits.
    private let loopThread = Atomic<UInt>(0)
    private let clock = ContinuousClock()

    // Loop-confined state (see the Sendable note above).
    private var registrations: [ObjectIdentifier: Registration] = [:]
    private var timers: [TimerID: LoopTimer] = [:]
    private var stopHandlers: [() -> Void] = []
    private var nextToken: UInt64 = 0

    /// Creates the loop and starts its thread.
    public init(name: String) throws {
        self.name = name
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw ZMQError(errno: errno, operation: "create wake-up pipe for socket loop \(name)")
        }
        // Non-blocking on both ends: the loop drains the read end until EAGAIN, and a full pipe
        // must never block a submitter that holds the Mutex.
        for fd in fds where fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 {
            let error = ZMQError(errno: errno, operation: "configure wake-up pipe for socket loop \(name)")
            Glibc.close(fds[0])
            Glibc.close(fds[1])
            throw error
        }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
        // The thread's closure holds the loop strongly: a running loop must not be freed.
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// True when called on this loop's thread.
    public var inLoop: Bool {
        let current = loopThread.load(ordering: .acquiring)
        return current != 0 && pthread_equal(current, pthread_self()) != 0
    }

    // MARK: - Submitting work (any thread)

    /// Runs `work` on the loop thread soon; callable from any thread, including the loop.
    ///
    /// Work runs in the order it was submitted. After the loop has shut down, `work` is dropped.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        _ = enqueue(work)
    }

    /// Runs `work` on the loop thread and returns its result (or rethrows its error).
    ///
    /// Suspends without blocking a thread. Throws ``SocketLoopStoppedError`` if the loop has
    /// already shut down. Cancelling the calling task does not cancel `work`.
    public func submit<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = enqueue {
                continuation.resume(with: Result { try work() })
            }
            if !accepted {
                continuation.resume(throwing: SocketLoopStoppedError(loopName: name))
            }
        }
    }

    /// Queues `work` and wakes the loop; false once the loop has shut down.
    private func enqueue(_ work: @escaping @Sendable () -> Void) -> Bool {
        shared.withLock { shared in
            guard shared.accepting else { return false }
            // The loop drains the whole queue after draining the wake pipe, so one wake-up per
            // transition from empty suffices.
            if shared.queue.isEmpty { wake() }
            shared.queue.append(work)
            return true
        }
    }

    /// Call only with the Mutex held and `accepting` true (see the Sendable note).
    private func wake() {
        var byte: UInt8 = 1
        // EAGAIN means the pipe is full, i.e. already readable: no wake-up is lost.
        _ = write(wakeWriteFD, &byte, 1)
    }

    // MARK: - Sockets and timers (loop thread only)

    /// Calls `onReadable` on the loop thread whenever `socket` is readable (`ZMQ_POLLIN`).
    ///
    /// Level-triggered: if the handler leaves messages queued, it is called again on the next
    /// iteration. Registering a socket again replaces its handler. The loop holds the socket
    /// until ``unregister(_:)``; a socket closed while registered is dropped automatically.
    /// Handlers may register, unregister and close sockets, including their own.
    public func register(_ socket: ZMQSocket, onReadable: @escaping () -> Void) {
        precondition(inLoop, "SocketLoop.register must be called on the loop thread")
        nextToken += 1
        registrations[ObjectIdentifier(socket)] = Registration(socket: socket, token: nextToken, handler: onReadable)
    }

    /// Stops watching `socket`; its handler is not called afterwards, even within the current
    /// iteration. Unknown sockets are ignored.
    public func unregister(_ socket: ZMQSocket) {
        precondition(inLoop, "SocketLoop.unregister must be called on the loop thread")
        registrations[ObjectIdentifier(socket)] = nil
    }

    /// Calls `handler` on the loop thread every `interval` (> 0) until ``cancel(_:)``; the first
    /// call is one interval from now. A late loop skips missed ticks rather than bursting.
    @discardableResult
    public func schedule(every interval: Duration, _ handler: @escaping () -> Void) -> TimerID {
        precondition(inLoop, "SocketLoop.schedule must be called on the loop thread")
        precondition(interval > .zero, "SocketLoop.schedule needs a positive interval")
        nextToken += 1
        let id = TimerID(raw: nextToken)
        timers[id] = LoopTimer(interval: interval, deadline: clock.now + interval, handler: handler)
        return id
    }

    /// Cancels a timer; it does not fire afterwards. Unknown or cancelled ids are ignored.
    public func cancel(_ timer: TimerID) {
        precondition(inLoop, "SocketLoop.cancel must be called on the loop thread")
        timers[timer] = nil
    }

    // MARK: - Stopping

    /// Stops the loop: work queued before the call still runs, then the stop handlers run (on
    /// the loop thread, in the order added), then any work they or others queued meanwhile, and
    /// the thread exits. Socket handlers and timers stop firing. Safe from any thread, also the
    /// loop itself; idempotent.
    public func stop() {
        shared.withLock { shared in
            guard shared.accepting, !shared.stopRequested else { return }
            shared.stopRequested = true
            wake()
        }
    }

    /// Adds a closure to run on the loop thread when it stops — where owners close their sockets.
    public func addStopHandler(_ handler: @escaping () -> Void) {
        precondition(inLoop, "SocketLoop.addStopHandler must be called on the loop thread")
        stopHandlers.append(handler)
    }

    /// Returns once the loop thread has finished (immediately if it already has); suspends
    /// without blocking a thread.
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = shared.withLock { shared in
                if shared.exited { return true }
                shared.asyncWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Blocks the calling thread until the loop thread has finished. Not from the loop thread
    /// (it would wait for itself) and not from async code (use ``waitUntilStopped()``).
    public func joinBlocking() {
        precondition(!inLoop, "SocketLoop.joinBlocking called on its own loop thread")
        let semaphore: DispatchSemaphore? = shared.withLock { shared in
            if shared.exited { return nil }
            let semaphore = DispatchSemaphore(value: 0)
            shared.blockingWaiters.append(semaphore)
            return semaphore
        }
        semaphore?.wait()
    }

    /// True once the loop thread has finished.
    public var isStopped: Bool {
        shared.withLock { $0.exited }
    }

    // MARK: - The loop

    private func run() {
        loopThread.store(pthread_self(), ordering: .releasing)
        while true {
            let (work, stopping) = shared.withLock { shared in
                let work = shared.queue
                shared.queue.removeAll()
                return (work, shared.stopRequested)
            }
            for item in work { item() }
            if stopping { break }
            pollOnce()
        }
        shutDown()
    }

    /// One zmq_poll over the wake fd and a snapshot of the registrations, then the handlers
    /// of ready sockets and the due timers.
    private func pollOnce() {
        // A closed socket's handle is freed by libzmq; it must never reach zmq_poll.
        registrations = registrations.filter { !$0.value.socket.isClosed }
        let snapshot = Array(registrations)
        var items = [zmq_pollitem_t(socket: nil, fd: wakeReadFD, events: Int16(ZMQ_POLLIN), revents: 0)]
        items += snapshot.map { zmq_pollitem_t(socket: $0.value.socket.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }

        let rc = zmq_poll(&items, Int32(items.count), pollTimeout())
        if rc < 0 {
            let code = zmq_errno()
            if code != EINTR { dropBrokenRegistrations() }
            return
        }
        if items[0].revents & Int16(ZMQ_POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(wakeReadFD, &buffer, buffer.count) > 0 {}
        }
        for (index, (key, registration)) in snapshot.enumerated() where items[index + 1].revents & Int16(ZMQ_POLLIN) != 0 {
            // An earlier handler in this iteration may have unregistered, replaced or closed it.
            guard let current = registrations[key], current.token == registration.token, !current.socket.isClosed else {
                continue
            }
            current.handler()
        }
        fireDueTimers()
    }

    /// Milliseconds until the next timer is due (rounded up so we never wake early), -1 if none.
    private func pollTimeout() -> Int {
        guard let next = timers.values.map(\.deadline).min() else { return -1 }
        let left = clock.now.duration(to: next)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(min(ms, Int64(Int32.max)))
    }

    private func fireDueTimers() {
        let now = clock.now
        let due = timers.filter { $0.value.deadline <= now }.sorted { $0.value.deadline < $1.value.deadline }
        for (id, _) in due {
            // An earlier timer's handler may have cancelled this one.
            guard var timer = timers[id] else { continue }
            timer.deadline += timer.interval
            if timer.deadline <= now { timer.deadline = now + timer.interval }
            timers[id] = timer
            timer.handler()
        }
    }

    /// zmq_poll failed for a reason other than a signal — in practice ETERM after a context was
    /// terminated under an open socket. Drop the sockets that no longer answer, so the loop keeps
    /// serving work and timers instead of spinning on the same error.
    private func dropBrokenRegistrations() {
        let broken = registrations.filter { (try? $0.value.socket.getInt32(ZMQ_EVENTS, "ZMQ_EVENTS")) == nil }
        if broken.isEmpty {
            registrations.removeAll()
        } else {
            for key in broken.keys { registrations[key] = nil }
        }
    }

    private func shutDown() {
        // Stop handlers may add further stop handlers; run those too.
        var index = 0
        while index < stopHandlers.count {
            stopHandlers[index]()
            index += 1
        }
        stopHandlers.removeAll()
        registrations.removeAll()
        timers.removeAll()
        // Run what was queued meanwhile; stop accepting in the same critical section that finds
        // the queue empty, so no accepted work (and no submit continuation) is ever lost.
        while true {
            let work = shared.withLock { shared in
                if shared.queue.isEmpty { shared.accepting = false }
                let work = shared.queue
                shared.queue.removeAll()
                return work
            }
            if work.isEmpty { break }
            for item in work { item() }
        }
        Glibc.close(wakeReadFD)
        Glibc.close(wakeWriteFD)
        loopThread.store(0, ordering: .releasing)
        let (asyncWaiters, blockingWaiters) = shared.withLock { shared in
            shared.exited = true
            defer {
                shared.asyncWaiters.removeAll()
                shared.blockingWaiters.removeAll()
            }
            return (shared.asyncWaiters, shared.blockingWaiters)
        }
        for waiter in asyncWaiters { waiter.resume() }
        for waiter in blockingWaiters { waiter.signal() }
    }
}

import Dispatch
import Foundation
import Synchronization
import Testing
import ZeroMQ

/// Bounds for every wait in these tests: long enough for a loaded CI machine, short enough that
/// a regression fails instead of hanging the suite.
enum Limits {
    static let waitMilliseconds = 10_000
    static let wait: Duration = .seconds(10)
}

/// A thread-safe list, for observing from the test what ran on a loop or libzmq thread.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    func append(_ element: Element) {
        items.withLock { $0.append(element) }
    }

    var all: [Element] {
        items.withLock { $0 }
    }
}

extension Frame {
    /// The UTF-8 bytes of `text`, for readable test frames.
    static func text(_ text: String) -> Frame { Array(text.utf8) }
}

/// Waits (bounded) until `socket` has a message and returns it; nil on timeout.
func receive(_ socket: ZMQSocket, withinMilliseconds timeout: Int = Limits.waitMilliseconds) throws -> ReceivedMessage? {
    guard try socket.waitUntilReadable(timeoutMilliseconds: timeout) else { return nil }
    return try socket.receive(dontWait: true)
}

/// Runs `work` on a fresh thread and reports whether it finished within `seconds`; a hang makes
/// the test fail instead of blocking the suite (the stuck thread is abandoned).
func finishes(within seconds: Double = 10, _ work: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread {
        work()
        done.signal()
    }.start()
    return done.wait(timeout: .now() + seconds) == .success
}

/// The first element of `stream` satisfying `predicate`, or nil if none arrives within `timeout`.
func first<T: Sendable>(
    _ stream: AsyncStream<T>,
    within timeout: Duration = Limits.wait,
    where predicate: @escaping @Sendable (T) -> Bool = { _ in true }
) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask {
            for await value in stream where predicate(value) { return value }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let result = await group.next() ?? nil
        group.cancelAll()
        return result
    }
}

/// Awaits `loop`'s exit, or gives up after `timeout`; true if it exited.
func stops(_ loop: SocketLoop, within timeout: Duration = Limits.wait) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            await loop.waitUntilStopped()
            return true
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return false
        }
        let result = await group.next() ?? false
        group.cancelAll()
        return result
    }
}

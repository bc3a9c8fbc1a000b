import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map`, with the elements split across the machine's cores; the results in order.
    ///
    /// For pure, CPU-bound work on many elements — decoding, signature checks — done between a
    /// daemon's database transactions: receiving a drain of the bus, replaying the log. Fewer than
    /// `threshold` elements (or one core) are mapped on the calling thread: handing them to other
    /// threads would cost more than it saves.
    package func concurrentMap<T: Sendable>(threshold: Int = 8, _ transform: @Sendable (Element) -> T) -> [T] {
        let cores = activeProcessorCount
        guard count >= threshold, cores > 1 else { return map(transform) }
        let slots = Slots<T>(count: count)
        let chunks = Swift.min(cores * 2, count)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedSendable(transform)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // Chunk k maps elements k, k + chunks, k + 2·chunks …: each slot written once, by one thread.
                for index in stride(from: chunk, to: count, by: chunks) { slots.set(index, work.value(self[index])) }
            }
        }
        return slots.values()
    }
}

/// The cores this process may run on, read once: Foundation reads the cgroup's files for it on
/// every call, which the bus did at every drain.
private let activeProcessorCount = ProcessInfo.processInfo.activeProcessorCount

/// A non-escaping closure carried into `concurrentPerform`, which returns only when every
/// iteration has (so the closure does not outlive the call).
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Slots written concurrently, each by exactly one thread, read after every writer is done.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ index: Int, _ value: T) { slots[index] = value }
    func values() -> [T] { slots.map { $0! } }
}

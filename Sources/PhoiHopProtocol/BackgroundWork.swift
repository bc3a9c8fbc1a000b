import Dispatch

/// A value computed on another thread while the caller goes on with something else; ``value()``
/// waits for it. For pipelining pure work with a database writer: the log's next batch is decoded
/// while the one before it is applied (``Projection``'s rebuild), a bus drain prepared while the
/// one before it commits (`BusNode.handleReadable`).
package final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before it signals `done`; read only after waiting on it.
    private var result: T?

    package init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The result, once the work is done (at once if it already is). May be called again.
    package func value() -> T {
        done.wait()
        defer { done.signal() }
        return result!
    }
}

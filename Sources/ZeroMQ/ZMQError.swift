import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq (or libzmq-adjacent) operation.
///
/// Carries the errno libzmq reported, its `zmq_strerror` text, and what was being done, so a log
/// line alone says what failed and why. Validation failures of this layer (bad Z85 text, wrong key
/// length, malformed monitor frames) use the closest errno (`EINVAL`, `EPROTO`) and put the detail
/// in ``operation``.
public struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The errno value (a POSIX errno or one of libzmq's, e.g. `ETERM`, `EFSM`).
    public let errno: Int32
    /// What was being done, e.g. `"bind tcp://127.0.0.1:7701"`.
    public let operation: String

    /// Creates an error for `operation` that failed with `errno`.
    public init(errno: Int32, operation: String) {
        self.errno = errno
        self.operation = operation
    }

    /// The `zmq_strerror` text for ``errno``, e.g. `"Address already in use"`.
    public var message: String {
        String(cString: zmq_strerror(errno))
    }

    /// `"<operation>: <zmq_strerror text> (errno <n>)"`.
    public var description: String {
        "\(operation): \(message) (errno \(errno))"
    }

    /// True for `EAGAIN`: a non-blocking call had nothing to do, or a send/receive timeout expired.
    public var isWouldBlock: Bool { errno == EAGAIN }

    /// True for `ETERM`: the socket's context is being terminated; the socket must be closed.
    public var isContextTerminated: Bool { errno == ETERM }

    /// Captures `zmq_errno()` right after a failed libzmq call.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        // Read errno before evaluating the operation text, which may allocate and clobber it.
        let code = zmq_errno()
        return ZMQError(errno: code, operation: operation())
    }

    /// An argument this layer rejected before calling libzmq.
    static func invalid(_ operation: String) -> ZMQError {
        ZMQError(errno: EINVAL, operation: operation)
    }
}

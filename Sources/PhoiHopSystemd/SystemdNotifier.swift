#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a service tells systemd about itself (sd_notify(3)), without libsystemd: one datagram of
/// newline-separated `KEY=value` assignments to the AF_UNIX socket named by `$NOTIFY_SOCKET`.
///
/// Outside systemd (no `$NOTIFY_SOCKET`) every call does nothing, so a daemon started by hand or
/// by a test behaves exactly as before. A name beginning with `@` is an abstract socket (its
/// first byte on the wire is NUL), as systemd documents.
public struct SystemdNotifier: Sendable {
    /// One assignment of the notification protocol.
    public enum State: Sendable, Equatable {
        /// Start-up is finished: for `Type=notify`, the unit becomes active now, not before.
        case ready
        /// A reload has begun; `ready` ends it.
        case reloading
        /// Shutdown has begun.
        case stopping
        /// The main loop is alive (`WatchdogSec=`).
        case watchdog
        /// A one-line state shown by `systemctl status`; line breaks become spaces.
        case status(String)
        /// Asks for more time before the start, reload or stop timeout fires.
        case extendTimeout(microseconds: UInt64)

        var assignment: String {
            switch self {
            case .ready: "READY=1"
            case .reloading: "RELOADING=1"
            case .stopping: "STOPPING=1"
            case .watchdog: "WATCHDOG=1"
            case let .status(text):
                "STATUS=" + String(text.map { $0.isNewline ? " " : $0 })
            case let .extendTimeout(microseconds): "EXTEND_TIMEOUT_USEC=\(microseconds)"
            }
        }
    }

    /// Why a notification could not be sent.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The socket systemd listens on, as given (`@name` for an abstract socket); nil outside systemd.
    public let socketPath: String?

    /// Reads `NOTIFY_SOCKET` from `environment`. An empty value counts as absent.
    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
    }

    /// Whether notifications go anywhere.
    public var isEnabled: Bool { socketPath != nil }

    /// The datagram for `states`, one assignment per line.
    public static func datagram(_ states: [State]) -> String {
        states.map(\.assignment).joined(separator: "\n") + "\n"
    }

    /// Sends `states` as one datagram. Does nothing outside systemd.
    /// - Throws: ``Failure`` when the socket name is unusable or the send fails (systemd gone).
    public func notify(_ states: State...) throws(Failure) {
        try notify(states)
    }

    /// Sends `states` as one datagram. Does nothing outside systemd.
    public func notify(_ states: [State]) throws(Failure) {
        guard let socketPath else { return }
        guard let address = UnixSocketAddress(socketPath) else {
            throw Failure(description: "NOTIFY_SOCKET '\(socketPath)' is not a usable socket name")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "cannot open a datagram socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard address.send(Array(Self.datagram(states).utf8), from: descriptor, flags: Int32(MSG_NOSIGNAL)) else {
            throw Failure(description: "cannot notify systemd at \(socketPath): \(String(cString: strerror(errno)))")
        }
    }
}

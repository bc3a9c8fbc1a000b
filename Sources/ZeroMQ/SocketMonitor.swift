import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One decoded `zmq_socket_monitor` event.
///
/// libzmq sends it as two frames: frame 1 is 6 bytes, a `uint16` event number then a `uint32`
/// value, both in the host's byte order; frame 2 is the affected endpoint.
public struct MonitorEvent: Sendable, Hashable, CustomStringConvertible {
    /// The event (one bit of ``MonitorEvents``).
    public var event: MonitorEvents
    /// The event's value: an fd, an errno, a retry interval or a ZAP status code, per event.
    public var value: UInt32
    /// The endpoint the event concerns, e.g. `"tcp://127.0.0.1:5555"`.
    public var endpoint: String

    /// Creates an event value.
    public init(event: MonitorEvents, value: UInt32, endpoint: String) {
        self.event = event
        self.value = value
        self.endpoint = endpoint
    }

    /// Decodes the two monitor frames; throws `EPROTO` for anything else.
    public init(frames: [Frame]) throws {
        guard frames.count == 2, frames[0].count == 6 else {
            let sizes = frames.map { String($0.count) }.joined(separator: ",")
            throw ZMQError(errno: EPROTO, operation: "decode monitor event (frame sizes [\(sizes)], expected [6,n])")
        }
        let header = frames[0]
        let number = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        value = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        event = MonitorEvents(rawValue: Int32(number))
        endpoint = String(decoding: frames[1], as: UTF8.self)
    }

    /// E.g. `"[handshakeFailedAuth] value=400 tcp://127.0.0.1:5555"`.
    public var description: String {
        "\(event) value=\(value) \(endpoint)"
    }
}

/// A PAIR socket connected to a monitor endpoint (see ``ZMQSocket/monitor(endpoint:events:)``);
/// ``receive(dontWait:)`` decodes the events. Not thread-safe, like the socket it wraps.
public final class SocketMonitor {
    /// The PAIR socket; register it with a ``SocketLoop`` to be told when events are waiting.
    public let socket: ZMQSocket

    /// Connects a PAIR socket to the monitor `endpoint` (an `inproc://` name in `context`).
    /// May be created before or after the monitored socket's `monitor(endpoint:events:)` call.
    public init(context: ZMQContext, endpoint: String) throws {
        socket = try ZMQSocket(context: context, type: .pair)
        do {
            try socket.connect(endpoint)
        } catch {
            socket.close()
            throw error
        }
    }

    /// The next event, or nil if `dontWait` and none is queued. Malformed frames throw `EPROTO`.
    public func receive(dontWait: Bool = false) throws -> MonitorEvent? {
        guard let message = try socket.receive(dontWait: dontWait) else { return nil }
        return try MonitorEvent(frames: message.frames)
    }

    /// Blocks until an event in `events` arrives, skipping others, for at most
    /// `timeoutMilliseconds` in total; nil on timeout. For owners without a ``SocketLoop``.
    public func wait(for events: MonitorEvents, timeoutMilliseconds: Int) throws -> MonitorEvent? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        while true {
            while let next = try receive(dontWait: true) {
                if !next.event.isDisjoint(with: events) { return next }
            }
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { return nil }
            let ms = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1
            _ = try socket.waitUntilReadable(timeoutMilliseconds: ms)
        }
    }

    /// Closes the PAIR socket. Idempotent.
    public func close() {
        socket.close()
    }
}

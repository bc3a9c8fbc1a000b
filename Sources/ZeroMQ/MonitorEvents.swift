import CZeroMQ

/// The `zmq_socket_monitor` event bits (version 1 events, stable API).
///
/// Used both as a filter (``ZMQSocket/monitor(endpoint:events:)``) and, with exactly one bit
/// set, as the kind of a decoded ``MonitorEvent``.
public struct MonitorEvents: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The `ZMQ_EVENT_*` bit mask.
    public let rawValue: Int32

    /// Wraps a `ZMQ_EVENT_*` bit mask; unknown bits are kept.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `ZMQ_EVENT_CONNECTED`: a connect succeeded (value: fd).
    public static let connected = MonitorEvents(rawValue: ZMQ_EVENT_CONNECTED)
    /// `ZMQ_EVENT_CONNECT_DELAYED`: a connect is pending (value: errno).
    public static let connectDelayed = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_DELAYED)
    /// `ZMQ_EVENT_CONNECT_RETRIED`: a reconnect was scheduled (value: interval in ms).
    public static let connectRetried = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_RETRIED)
    /// `ZMQ_EVENT_LISTENING`: a bind succeeded (value: fd).
    public static let listening = MonitorEvents(rawValue: ZMQ_EVENT_LISTENING)
    /// `ZMQ_EVENT_BIND_FAILED`: a bind failed (value: errno).
    public static let bindFailed = MonitorEvents(rawValue: ZMQ_EVENT_BIND_FAILED)
    /// `ZMQ_EVENT_ACCEPTED`: a connection was accepted (value: fd).
    public static let accepted = MonitorEvents(rawValue: ZMQ_EVENT_ACCEPTED)
    /// `ZMQ_EVENT_ACCEPT_FAILED`: accepting a connection failed (value: errno).
    public static let acceptFailed = MonitorEvents(rawValue: ZMQ_EVENT_ACCEPT_FAILED)
    /// `ZMQ_EVENT_CLOSED`: a connection's fd was closed (value: fd).
    public static let closed = MonitorEvents(rawValue: ZMQ_EVENT_CLOSED)
    /// `ZMQ_EVENT_CLOSE_FAILED`: closing an fd failed (value: errno).
    public static let closeFailed = MonitorEvents(rawValue: ZMQ_EVENT_CLOSE_FAILED)
    /// `ZMQ_EVENT_DISCONNECTED`: an established session broke, e.g. peer gone or oversized message (value: fd).
    public static let disconnected = MonitorEvents(rawValue: ZMQ_EVENT_DISCONNECTED)
    /// `ZMQ_EVENT_MONITOR_STOPPED`: the monitor was stopped; no further events follow.
    public static let monitorStopped = MonitorEvents(rawValue: ZMQ_EVENT_MONITOR_STOPPED)
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL`: the ZMTP handshake failed, reason unknown (value: errno).
    public static let handshakeFailedNoDetail = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
    /// `ZMQ_EVENT_HANDSHAKE_SUCCEEDED`: the ZMTP handshake, including CURVE/ZAP, completed.
    public static let handshakeSucceeded = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL`: the peer broke the ZMTP/mechanism protocol (value: `ZMQ_PROTOCOL_ERROR_*`).
    public static let handshakeFailedProtocol = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL)
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_AUTH`: authentication was refused (value: the ZAP status code, e.g. 400).
    public static let handshakeFailedAuth = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
    /// `ZMQ_EVENT_ALL`: every event.
    public static let all = MonitorEvents(rawValue: ZMQ_EVENT_ALL)

    private static let names: [(MonitorEvents, String)] = [
        (.connected, "connected"), (.connectDelayed, "connectDelayed"), (.connectRetried, "connectRetried"),
        (.listening, "listening"), (.bindFailed, "bindFailed"), (.accepted, "accepted"),
        (.acceptFailed, "acceptFailed"), (.closed, "closed"), (.closeFailed, "closeFailed"),
        (.disconnected, "disconnected"), (.monitorStopped, "monitorStopped"),
        (.handshakeFailedNoDetail, "handshakeFailedNoDetail"), (.handshakeSucceeded, "handshakeSucceeded"),
        (.handshakeFailedProtocol, "handshakeFailedProtocol"), (.handshakeFailedAuth, "handshakeFailedAuth"),
    ]

    /// The names of the set bits, e.g. `"[handshakeSucceeded]"`; unknown bits as hex.
    public var description: String {
        var rest = rawValue
        var parts: [String] = []
        for (event, name) in Self.names where contains(event) {
            parts.append(name)
            rest &= ~event.rawValue
        }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}

/// One ZAP (RFC 27) authentication request, as handed to a ``ZAPHandler``'s decide closure.
public struct ZAPRequest: Sendable, Hashable {
    /// The server socket's ZAP domain (``ZMQSocket/setZAPDomain(_:)``), possibly empty.
    public var domain: String
    /// The client's IP address as libzmq saw it, e.g. `"127.0.0.1"`.
    public var address: String
    /// The routing id of the connecting peer (usually empty).
    public var routingID: [UInt8]
    /// The security mechanism: `"CURVE"`, `"NULL"` or `"PLAIN"`. Decide closures that only
    /// mean to admit CURVE clients should deny anything whose ``clientKey`` is nil.
    public var mechanism: String
    /// The client's long-term CURVE public key; nil for other mechanisms.
    public var clientKey: CurveKey?

    /// Creates a request value, e.g. to unit-test a decide closure.
    public init(domain: String, address: String, routingID: [UInt8], mechanism: String, clientKey: CurveKey?) {
        self.domain = domain
        self.address = address
        self.routingID = routingID
        self.mechanism = mechanism
        self.clientKey = clientKey
    }
}

/// What a ``ZAPHandler`` replies to a ``ZAPRequest``.
public enum ZAPDecision: Sendable, Hashable {
    /// Admit the connection (ZAP status 200); every message from it carries `userID`
    /// as ``ReceivedMessage/userID``.
    case allow(userID: String)
    /// Refuse the connection (ZAP status 400); `reason` is sent to libzmq as the status text.
    case deny(reason: String)
}

import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Socket options. Each setter throws a ``ZMQError`` naming the option and value when libzmq
/// rejects it (e.g. `EINVAL` for an out-of-range value), and takes effect as libzmq documents in
/// `zmq_setsockopt(3)` — most options only affect connections made after they are set.
extension ZMQSocket {
    /// `ZMQ_LINGER`: how long pending outgoing messages are kept after ``close()`` (-1: until
    /// delivered, which can block context termination; this layer's default is 0).
    public func setLinger(milliseconds: Int32) throws {
        try setInt32(ZMQ_LINGER, milliseconds, "ZMQ_LINGER")
    }

    /// `ZMQ_SNDHWM`: maximum queued outgoing messages per peer (0: unlimited).
    public func setSendHighWaterMark(_ n: Int32) throws {
        try setInt32(ZMQ_SNDHWM, n, "ZMQ_SNDHWM")
    }

    /// `ZMQ_RCVHWM`: maximum queued incoming messages per peer (0: unlimited).
    public func setReceiveHighWaterMark(_ n: Int32) throws {
        try setInt32(ZMQ_RCVHWM, n, "ZMQ_RCVHWM")
    }

    /// `ZMQ_MAXMSGSIZE`: a peer sending a larger message (in bytes) is disconnected and the
    /// message is never delivered (-1: no limit).
    public func setMaxMessageSize(_ bytes: Int64) throws {
        try setOption(ZMQ_MAXMSGSIZE, bytes, "ZMQ_MAXMSGSIZE=\(bytes)")
    }

    /// ZMTP heartbeats, all in milliseconds: send a PING every `interval` (`ZMQ_HEARTBEAT_IVL`),
    /// drop the connection if nothing arrives within `timeout` of it (`ZMQ_HEARTBEAT_TIMEOUT`),
    /// and ask the peer to drop it after `ttl` of silence from us (`ZMQ_HEARTBEAT_TTL`, rounded
    /// to deciseconds by libzmq). 0 disables each.
    public func setHeartbeat(interval: Int32, timeout: Int32, ttl: Int32) throws {
        try setInt32(ZMQ_HEARTBEAT_IVL, interval, "ZMQ_HEARTBEAT_IVL")
        try setInt32(ZMQ_HEARTBEAT_TIMEOUT, timeout, "ZMQ_HEARTBEAT_TIMEOUT")
        try setInt32(ZMQ_HEARTBEAT_TTL, ttl, "ZMQ_HEARTBEAT_TTL")
    }

    /// `ZMQ_RECONNECT_IVL` / `ZMQ_RECONNECT_IVL_MAX`: first reconnect delay and the cap of its
    /// exponential back-off (0 for `max`: no back-off), in milliseconds.
    public func setReconnectInterval(_ ms: Int32, max: Int32) throws {
        try setInt32(ZMQ_RECONNECT_IVL, ms, "ZMQ_RECONNECT_IVL")
        try setInt32(ZMQ_RECONNECT_IVL_MAX, max, "ZMQ_RECONNECT_IVL_MAX")
    }

    /// `ZMQ_IMMEDIATE`: queue messages only to completed connections, so a send with no peer
    /// blocks (or fails with dontWait) instead of piling up for a peer that may never come.
    public func setImmediate(_ on: Bool) throws {
        try setInt32(ZMQ_IMMEDIATE, on ? 1 : 0, "ZMQ_IMMEDIATE")
    }

    /// `ZMQ_XPUB_VERBOSE`: an XPUB hands over every subscription message it receives, not only
    /// the first for a prefix, so a peer that reconnects is seen subscribing again.
    public func setXPubVerbose(_ on: Bool) throws {
        try setInt32(ZMQ_XPUB_VERBOSE, on ? 1 : 0, "ZMQ_XPUB_VERBOSE")
    }

    /// `ZMQ_XPUB_MANUAL`: an XPUB applies no subscription by itself; each subscription message
    /// is handed over, and only a ``subscribe(_:)`` made right after receiving it (before the
    /// next receive) applies it, to the connection it came from. So a server can refuse a
    /// subscriber the topics it must not read.
    public func setXPubManual(_ on: Bool) throws {
        try setInt32(ZMQ_XPUB_MANUAL, on ? 1 : 0, "ZMQ_XPUB_MANUAL")
    }

    /// `ZMQ_SNDTIMEO`: a blocking ``send(_:dontWait:)`` gives up (returns false) after this many
    /// milliseconds (-1: wait forever, 0: never wait).
    public func setSendTimeout(_ ms: Int32) throws {
        try setInt32(ZMQ_SNDTIMEO, ms, "ZMQ_SNDTIMEO")
    }

    /// `ZMQ_RCVTIMEO`: a blocking ``receive(dontWait:)`` gives up (returns nil) after this many
    /// milliseconds (-1: wait forever, 0: never wait).
    public func setReceiveTimeout(_ ms: Int32) throws {
        try setInt32(ZMQ_RCVTIMEO, ms, "ZMQ_RCVTIMEO")
    }

    /// `ZMQ_ROUTING_ID`: the identity a ROUTER peer sees for this socket (1...255 bytes, not
    /// starting with a zero byte). Set before connecting.
    public func setRoutingID(_ id: [UInt8]) throws {
        try setBytes(ZMQ_ROUTING_ID, id, "ZMQ_ROUTING_ID")
    }

    /// `ZMQ_ZAP_DOMAIN`: the domain passed to the ZAP handler for connections to this socket.
    public func setZAPDomain(_ domain: String) throws {
        try setBytes(ZMQ_ZAP_DOMAIN, Array(domain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// `ZMQ_IPV6`: accept and resolve IPv6 as well as IPv4 addresses.
    public func setIPv6(_ on: Bool) throws {
        try setInt32(ZMQ_IPV6, on ? 1 : 0, "ZMQ_IPV6")
    }

    /// Makes this socket a CURVE server (`ZMQ_CURVE_SERVER`=1) with the given long-term secret key
    /// (`ZMQ_CURVE_SECRETKEY`). Set before bind; every connection then must complete a CURVE
    /// handshake, and is authorised by the context's ZAP handler if one is bound.
    public func setCurveServer(secretKey: CurveKey) throws {
        try setInt32(ZMQ_CURVE_SERVER, 1, "ZMQ_CURVE_SERVER")
        try setBytes(ZMQ_CURVE_SECRETKEY, secretKey.bytes, "ZMQ_CURVE_SECRETKEY", showValue: false)
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`
    /// (`ZMQ_CURVE_SERVERKEY`), authenticating with `keyPair` (`ZMQ_CURVE_PUBLICKEY`/`SECRETKEY`).
    /// Set before connect.
    public func setCurveClient(serverKey: CurveKey, keyPair: CurveKeyPair) throws {
        try setBytes(ZMQ_CURVE_SERVERKEY, serverKey.bytes, "ZMQ_CURVE_SERVERKEY")
        try setBytes(ZMQ_CURVE_PUBLICKEY, keyPair.publicKey.bytes, "ZMQ_CURVE_PUBLICKEY")
        try setBytes(ZMQ_CURVE_SECRETKEY, keyPair.secretKey.bytes, "ZMQ_CURVE_SECRETKEY", showValue: false)
    }

    /// `ZMQ_SUBSCRIBE` (SUB/XSUB): receive messages whose first frame starts with `prefix`
    /// (empty: everything).
    public func subscribe(_ prefix: [UInt8]) throws {
        try setBytes(ZMQ_SUBSCRIBE, prefix, "ZMQ_SUBSCRIBE")
    }

    /// `ZMQ_SUBSCRIBE` with the UTF-8 bytes of `prefix`.
    public func subscribe(_ prefix: String) throws {
        try subscribe(Array(prefix.utf8))
    }

    /// `ZMQ_UNSUBSCRIBE`: removes one earlier subscription to exactly `prefix`.
    public func unsubscribe(_ prefix: [UInt8]) throws {
        try setBytes(ZMQ_UNSUBSCRIBE, prefix, "ZMQ_UNSUBSCRIBE")
    }

    /// `ZMQ_UNSUBSCRIBE` with the UTF-8 bytes of `prefix`.
    public func unsubscribe(_ prefix: String) throws {
        try unsubscribe(Array(prefix.utf8))
    }

    // MARK: - Raw access

    func setInt32(_ option: Int32, _ value: Int32, _ name: String) throws {
        try setOption(option, value, "\(name)=\(value)")
    }

    func getInt32(_ option: Int32, _ name: String) throws -> Int32 {
        let handle = try liveHandle("get \(name)")
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        // ZMQ_EVENTS processes pending commands first and may be interrupted by a signal.
        while zmq_getsockopt(handle, option, &value, &size) != 0 {
            if zmq_errno() != EINTR { throw ZMQError.last("get \(name)") }
        }
        return value
    }

    private func setBytes(_ option: Int32, _ bytes: [UInt8], _ name: String, showValue: Bool = true) throws {
        // Never echo key material into an error message.
        let what = showValue ? "\(name) (\(bytes.count) bytes)" : name
        let handle = try liveHandle("set \(what)")
        while bytes.withUnsafeBytes({ zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }) != 0 {
            if zmq_errno() != EINTR { throw ZMQError.last("set \(what)") }
        }
    }

    private func setOption<T: FixedWidthInteger>(_ option: Int32, _ value: T, _ what: String) throws {
        let handle = try liveHandle("set \(what)")
        var value = value
        while zmq_setsockopt(handle, option, &value, MemoryLayout<T>.size) != 0 {
            if zmq_errno() != EINTR { throw ZMQError.last("set \(what)") }
        }
    }
}

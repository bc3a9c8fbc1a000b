/// # ZeroMQ
///
/// A small, safe Swift layer over libzmq 4.3 (stable API only, CURVE enabled).
///
/// What it guarantees, and why it exists instead of calling libzmq directly:
/// * Multipart messages go out and come in whole: ``ZMQSocket/send(_:dontWait:)`` queues every
///   frame or none, ``ZMQSocket/receive(dontWait:)`` returns all frames of one message, each copied
///   exactly `zmq_msg_size` bytes, with the connection metadata (ZAP user id, peer address).
/// * Every failure is a ``ZMQError`` value carrying errno, `zmq_strerror` text and the operation;
///   nothing received from the network can crash the process.
/// * Shutdown never hangs: sockets default to linger 0, `close()` is idempotent, and
///   ``ZMQContext/terminate()`` returns once the sockets are closed.
/// * CURVE keys (``CurveKey``, ``CurveKeyPair``, ``Z85``) are validated values, and
///   ``ZAPHandler`` implements RFC 27 authentication with a Swift decision closure.
/// * ``SocketLoop`` owns sockets on one dedicated thread running `zmq_poll`, bridging libzmq's
///   single-owner sockets to Swift concurrency without blocking the cooperative pool.
/// * ``SocketMonitor`` decodes `zmq_socket_monitor` events (handshake success/failure, connects).
///
/// Threading model: ``ZMQContext`` and ``SocketLoop`` are `Sendable`; ``ZMQSocket`` and everything
/// wrapping one (``ZAPHandler``, ``SocketMonitor``) is not, and must be used by one owner at a time.

import CZeroMQ

/// One frame of a multipart message: its bytes, exactly as sent (may be empty, may contain zeros).
public typealias Frame = [UInt8]

/// The libzmq socket patterns this layer supports (the stable, non-draft ones).
public enum SocketType: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case pub, sub, xpub, xsub, push, pull, pair, req, rep, dealer, router

    /// The `ZMQ_*` socket type constant passed to `zmq_socket`.
    public var rawValue: Int32 {
        switch self {
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        }
    }

    /// The libzmq name of the pattern, e.g. `"PUB"`; used in error messages.
    public var description: String {
        switch self {
        case .pub: "PUB"
        case .sub: "SUB"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        case .push: "PUSH"
        case .pull: "PULL"
        case .pair: "PAIR"
        case .req: "REQ"
        case .rep: "REP"
        case .dealer: "DEALER"
        case .router: "ROUTER"
        }
    }
}

/// The text in a C character buffer up to its first NUL (or its end, if libzmq wrote none).
func string(fromCBuffer buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

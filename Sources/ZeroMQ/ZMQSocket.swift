import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libzmq socket.
///
/// NOT `Sendable` and NOT thread-safe: exactly one owner (one thread at a time, e.g. a
/// ``SocketLoop``) uses it. Linger defaults to 0 so closing never blocks shutdown (see
/// ``setLinger(milliseconds:)``). Every operation on a closed socket throws `ENOTSOCK` instead
/// of touching freed libzmq state. Options live in `ZMQSocket+Options.swift`.
public final class ZMQSocket {
    /// The context this socket belongs to; kept alive for as long as the socket object exists.
    public let context: ZMQContext
    /// The socket's pattern.
    public let type: SocketType
    /// The libzmq `void *`, nil once closed. Internal so ``SocketLoop`` can put it in a poll set.
    private(set) var handle: UnsafeMutableRawPointer?

    /// Creates a socket of `type` in `context`, with linger 0.
    ///
    /// Throws `ETERM` if the context is already terminated.
    public init(context: ZMQContext, type: SocketType) throws {
        // zmq_ctx_term frees the context; zmq_socket on it afterwards would be a use-after-free.
        guard !context.isTerminated else {
            throw ZMQError(errno: ETERM, operation: "create \(type) socket")
        }
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("create \(type) socket")
        }
        self.context = context
        self.type = type
        self.handle = handle
        do {
            try setLinger(milliseconds: 0)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// True once ``close()`` ran.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket (`zmq_close`). Idempotent; also done by `deinit`.
    ///
    /// With the default linger 0, pending outgoing messages are discarded, so the context can
    /// terminate immediately afterwards.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    // MARK: - Endpoints

    /// Binds to `endpoint` (e.g. `"tcp://127.0.0.1:*"`, `"inproc://name"`).
    public func bind(_ endpoint: String) throws {
        try endpointCall("bind", endpoint, zmq_bind)
    }

    /// Connects to `endpoint`; for tcp, libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws {
        try endpointCall("connect", endpoint, zmq_connect)
    }

    /// Stops listening on a bound `endpoint` (use ``lastEndpoint`` for wildcard binds).
    public func unbind(_ endpoint: String) throws {
        try endpointCall("unbind", endpoint, zmq_unbind)
    }

    /// Drops the connection to a connected `endpoint`.
    public func disconnect(_ endpoint: String) throws {
        try endpointCall("disconnect", endpoint, zmq_disconnect)
    }

    /// `ZMQ_LAST_ENDPOINT`: the endpoint last bound or connected, with wildcards resolved — after
    /// `bind("tcp://127.0.0.1:*")` it names the real port. Empty if nothing was bound yet.
    public var lastEndpoint: String {
        get throws {
            let handle = try liveHandle("get ZMQ_LAST_ENDPOINT")
            var buffer = [CChar](repeating: 0, count: 1024)
            var size = buffer.count
            let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, $0.baseAddress, &size) }
            guard rc == 0 else { throw ZMQError.last("get ZMQ_LAST_ENDPOINT") }
            return string(fromCBuffer: Array(buffer.prefix(size)))
        }
    }

    // MARK: - Messages

    /// Sends `frames` as one multipart message (`ZMQ_SNDMORE` on all but the last).
    ///
    /// Atomic: either all frames are queued or none is. With `dontWait`, returns false (nothing
    /// sent) when the socket would block, e.g. a PUSH at its high-water mark or with no peer; a PUB
    /// never blocks (it drops instead). A blocking send also returns false when the send timeout
    /// (``setSendTimeout(_:)``) expires before the message could be queued. Empty frames are valid;
    /// an empty `frames` array is rejected with `EINVAL`.
    @discardableResult
    public func send(_ frames: [Frame], dontWait: Bool = false) throws -> Bool {
        let handle = try liveHandle("send")
        guard !frames.isEmpty else {
            throw ZMQError.invalid("send: a message needs at least one frame")
        }
        for (index, frame) in frames.enumerated() {
            let isLast = index == frames.count - 1
            // Only the first frame may be refused: libzmq checks the high-water mark per message,
            // so once the first frame is in, the rest of the message cannot block. Sending the rest
            // without DONTWAIT keeps that promise even if a pipe dies mid-message, where libzmq then
            // silently drops the remainder rather than leaving half a message queued.
            var flags: Int32 = isLast ? 0 : ZMQ_SNDMORE
            if index == 0, dontWait { flags |= ZMQ_DONTWAIT }
            while true {
                let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                let code = zmq_errno()
                if code == EINTR { continue }
                if code == EAGAIN {
                    if index == 0 { return false }
                    // libzmq is dropping this message (see above); feed it the remaining frames so
                    // the socket's multipart state ends at a message boundary.
                    break
                }
                throw ZMQError(errno: code, operation: "send frame \(index + 1) of \(frames.count)")
            }
        }
        return true
    }

    /// Receives one whole multipart message, or nil if nothing is there: with `dontWait` and an
    /// empty queue, or when the receive timeout (``setReceiveTimeout(_:)``) expires.
    ///
    /// Each frame is copied exactly `zmq_msg_size` bytes — never truncated, never over-read — and
    /// every `zmq_msg_t` is closed, also on error. ``ReceivedMessage/userID`` and
    /// ``ReceivedMessage/peerAddress`` come from the first frame's metadata and are nil when absent.
    public func receive(dontWait: Bool = false) throws -> ReceivedMessage? {
        let handle = try liveHandle("receive")
        var message = ReceivedMessage(frames: [])
        var msg = zmq_msg_t()
        while true {
            zmq_msg_init(&msg)  // cannot fail: it only zeroes the struct
            defer { zmq_msg_close(&msg) }
            // libzmq delivers multipart messages atomically, so later frames are already there.
            let flags: Int32 = message.frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
            var rc: Int32
            repeat {
                rc = zmq_msg_recv(&msg, handle, flags)
            } while rc < 0 && zmq_errno() == EINTR
            if rc < 0 {
                let code = zmq_errno()
                if code == EAGAIN, message.frames.isEmpty { return nil }
                let what = message.frames.isEmpty ? "receive" : "receive frame \(message.frames.count + 1)"
                throw ZMQError(errno: code, operation: what)
            }
            let size = zmq_msg_size(&msg)
            let frame: Frame = size == 0 ? [] : Array(UnsafeRawBufferPointer(start: zmq_msg_data(&msg), count: size))
            if message.frames.isEmpty {
                message.userID = Self.metadata(of: &msg, "User-Id")
                message.peerAddress = Self.metadata(of: &msg, "Peer-Address")
            }
            message.frames.append(frame)
            if zmq_msg_more(&msg) == 0 { return message }
        }
    }

    /// `zmq_msg_gets`; nil when the connection carries no such property (libzmq returns NULL).
    private static func metadata(of msg: inout zmq_msg_t, _ property: String) -> String? {
        guard let value = zmq_msg_gets(&msg, property) else { return nil }
        return String(cString: value)
    }

    // MARK: - Readiness

    /// `ZMQ_EVENTS` contains `ZMQ_POLLIN`: a whole message can be received without blocking.
    public var isReadable: Bool {
        get throws { try events() & ZMQ_POLLIN != 0 }
    }

    /// `ZMQ_EVENTS` contains `ZMQ_POLLOUT`: a message can be sent without blocking.
    public var isWritable: Bool {
        get throws { try events() & ZMQ_POLLOUT != 0 }
    }

    /// Blocks up to `timeoutMilliseconds` (-1: forever) until a message can be received.
    ///
    /// Returns false on timeout. Meant for owners without a ``SocketLoop`` (tools, tests); a
    /// signal interrupting the wait restarts it with the full timeout.
    public func waitUntilReadable(timeoutMilliseconds: Int) throws -> Bool {
        let handle = try liveHandle("poll")
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        while true {
            let rc = zmq_poll(&item, 1, timeoutMilliseconds)
            if rc >= 0 { return item.revents & Int16(ZMQ_POLLIN) != 0 }
            if zmq_errno() != EINTR { throw ZMQError.last("poll") }
        }
    }

    private func events() throws -> Int32 {
        try getInt32(ZMQ_EVENTS, "ZMQ_EVENTS")
    }

    // MARK: - Monitoring

    /// Starts a monitor (`zmq_socket_monitor`) publishing `events` on the `inproc://` `endpoint`;
    /// read them with a ``SocketMonitor`` connected to that endpoint.
    public func monitor(endpoint: String, events: MonitorEvents) throws {
        let handle = try liveHandle("monitor \(endpoint)")
        try Self.rejectNUL(endpoint, "monitor")
        guard zmq_socket_monitor(handle, endpoint, events.rawValue) == 0 else {
            throw ZMQError.last("monitor \(endpoint)")
        }
    }

    /// Stops a monitor started with ``monitor(endpoint:events:)``.
    public func stopMonitor() throws {
        let handle = try liveHandle("stop monitor")
        guard zmq_socket_monitor(handle, nil, 0) == 0 else {
            throw ZMQError.last("stop monitor")
        }
    }

    // MARK: - Helpers

    /// The open handle, or `ENOTSOCK` naming `operation` if the socket is closed.
    func liveHandle(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
        guard let handle else {
            throw ZMQError(errno: ENOTSOCK, operation: "\(operation()) (socket is closed)")
        }
        return handle
    }

    private func endpointCall(
        _ verb: String,
        _ endpoint: String,
        _ call: (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    ) throws {
        let handle = try liveHandle("\(verb) \(endpoint)")
        try Self.rejectNUL(endpoint, verb)
        var rc: Int32
        repeat {
            rc = call(handle, endpoint)
        } while rc != 0 && zmq_errno() == EINTR
        guard rc == 0 else { throw ZMQError.last("\(verb) \(endpoint)") }
    }

    /// C sees a Swift string only up to its first NUL; refuse rather than act on a truncated name.
    static func rejectNUL(_ text: String, _ verb: String) throws {
        if text.utf8.contains(0) {
            throw ZMQError.invalid("\(verb): endpoint contains a NUL character")
        }
    }
}

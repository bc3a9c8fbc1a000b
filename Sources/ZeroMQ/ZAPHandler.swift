/// A ZAP (RFC 27) authentication handler for one context.
///
/// Binds a REP socket on `inproc://zeromq.zap.01` in the given context. It must be created
/// before any CURVE server socket of that context accepts a connection: until a handler is bound,
/// libzmq admits CURVE clients without asking. Call ``handleOne()`` when ``socket`` is readable,
/// e.g. from a ``SocketLoop`` registration. For each request it calls `decide` and replies
/// "200" with the user id on ``ZAPDecision/allow(userID:)``, "400" on
/// ``ZAPDecision/deny(reason:)``. Malformed requests are answered "500" without calling `decide`
/// and never crash. Not thread-safe: used by the thread that owns its socket.
public final class ZAPHandler {
    /// The endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"
    /// Upper bound on requests handled per ``handleOne()`` call, so a burst of connections
    /// cannot monopolise the thread; level-triggered polling calls again for the rest.
    public static let maxRequestsPerCall = 64

    /// The bound REP socket; poll it for readability.
    public let socket: ZMQSocket
    private let decide: (ZAPRequest) -> ZAPDecision

    /// Binds the handler's REP socket in `context`; throws `EADDRINUSE` if the context already
    /// has a ZAP handler. `decide` runs on the thread calling ``handleOne()``, during the
    /// client's handshake, so it should be quick.
    public init(context: ZMQContext, decide: @escaping (ZAPRequest) -> ZAPDecision) throws {
        socket = try ZMQSocket(context: context, type: .rep)
        self.decide = decide
        do {
            try socket.bind(Self.endpoint)
        } catch {
            socket.close()
            throw error
        }
    }

    /// Non-blocking: answers the requests already queued — up to ``maxRequestsPerCall`` of them —
    /// and returns; returns at once if none is waiting. Throws only socket failures (e.g. `ETERM`),
    /// never for a malformed request.
    public func handleOne() throws {
        for _ in 0..<Self.maxRequestsPerCall {
            guard let request = try socket.receive(dontWait: true) else { return }
            // REP routes the reply to the requesting session and drops it if that session is gone,
            // so this send cannot block and always completes the REP request/reply cycle.
            try socket.send(reply(to: request.frames))
        }
    }

    /// Closes the handler's socket; libzmq then admits CURVE clients without asking, so close it
    /// only together with the server sockets. Idempotent.
    public func close() {
        socket.close()
    }

    /// The reply frames for one request (after REP stripped the envelope):
    /// version, request id, status code, status text, user id, metadata.
    func reply(to frames: [Frame]) -> [Frame] {
        let requestID = frames.count > 1 ? frames[1] : []
        func answer(_ code: String, _ text: String, userID: String = "") -> [Frame] {
            [Array("1.0".utf8), requestID, Array(code.utf8), Array(text.utf8), Array(userID.utf8), []]
        }
        switch Self.parse(frames) {
        case .failure(let problem):
            return answer("500", problem.reason)
        case .success(let request):
            switch decide(request) {
            case .allow(let userID): return answer("200", "OK", userID: userID)
            case .deny(let reason): return answer("400", reason)
            }
        }
    }

    struct MalformedRequest: Error {
        let reason: String
    }

    /// Validates the RFC 27 request layout; any deviation is a `MalformedRequest`.
    static func parse(_ frames: [Frame]) -> Result<ZAPRequest, MalformedRequest> {
        guard frames.count >= 6 else {
            return .failure(MalformedRequest(reason: "malformed ZAP request: \(frames.count) frames, expected at least 6"))
        }
        guard frames[0] == Array("1.0".utf8) else {
            return .failure(MalformedRequest(reason: "unsupported ZAP version"))
        }
        func text(_ frame: Frame) -> String { String(decoding: frame, as: UTF8.self) }
        let mechanism = text(frames[5])
        let credentials = frames[6...]
        var clientKey: CurveKey?
        switch mechanism {
        case "CURVE":
            guard credentials.count == 1, let key = try? CurveKey(bytes: credentials[credentials.startIndex]) else {
                return .failure(MalformedRequest(reason: "malformed CURVE credentials"))
            }
            clientKey = key
        case "NULL":
            guard credentials.isEmpty else {
                return .failure(MalformedRequest(reason: "unexpected NULL credentials"))
            }
        case "PLAIN":
            guard credentials.count == 2 else {
                return .failure(MalformedRequest(reason: "malformed PLAIN credentials"))
            }
        default:
            return .failure(MalformedRequest(reason: "unsupported mechanism"))
        }
        return .success(ZAPRequest(
            domain: text(frames[2]),
            address: text(frames[3]),
            routingID: frames[4],
            mechanism: mechanism,
            clientKey: clientKey
        ))
    }
}

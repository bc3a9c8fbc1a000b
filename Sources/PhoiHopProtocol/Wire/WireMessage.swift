/// One unit on the wire, as ZeroMQ frames (docs/PROTOCOL.md, "Frames"):
///
///     frame 0  topic   "@<recipient>/"                      ASCII, ≤ 80 bytes
///     frame 1  header  {"kind":…,"v":1,…}                    JSON, ≤ 4 KiB
///     frame 2  body    {…} typed by header.type              JSON, ≤ 256 KiB  (kind "msg" only)
///
/// Subscribers filter by topic prefix, so `"@district-ben-luc/"` reaches only that daemon.
public enum WireMessage: Sendable, Equatable {
    case message(Envelope, body: [UInt8])
    case ack(Ack)
    case resend(ResendRequest)
    case heartbeat(Heartbeat)

    public static let maxTopicBytes = 80
    public static let maxHeaderBytes = 4 * 1024
    public static let maxBodyBytes = 256 * 1024
    /// The largest frame any daemon accepts from a socket (ZMQ_MAXMSGSIZE): larger never reaches decoding.
    public static let maxFrameBytes: Int64 = 1 << 20

    /// The topic that routes to `recipient`: subscribe to exactly this prefix.
    public static func topic(for recipient: AgencyID) -> [UInt8] { Array("@\(recipient.rawValue)/".utf8) }

    public var origin: AgencyID {
        switch self {
        case let .message(envelope, _): envelope.origin
        case let .ack(ack): ack.origin
        case let .resend(request): request.origin
        case let .heartbeat(beat): beat.origin
        }
    }

    public var recipient: AgencyID {
        switch self {
        case let .message(envelope, _): envelope.to
        case let .ack(ack): ack.to
        case let .resend(request): request.to
        case let .heartbeat(beat): beat.to
        }
    }

    /// The frames to send.
    public func frames() -> [[UInt8]] {
        let topic = WireMessage.topic(for: recipient)
        switch self {
        case let .message(envelope, body): return [topic, envelope.header, body]
        case let .ack(ack): return [topic, WireMessage.header("ack", ack)]
        case let .resend(request): return [topic, WireMessage.header("resend", request)]
        case let .heartbeat(beat): return [topic, WireMessage.header("heartbeat", beat)]
        }
    }

    /// Decodes frames received from a socket. For a `msg`, the body is checked for size only;
    /// ``MessageBody/decode(type:schema:bytes:)`` types and validates it.
    public static func decode(frames: [[UInt8]]) throws(ProtocolError) -> WireMessage {
        try decode(frames: frames, readingCanonicalHeaders: true)
    }

    /// ``decode(frames:)``, with the hand reading of canonical headers on or off: tests hold the
    /// two to the same result.
    static func decode(frames: [[UInt8]], readingCanonicalHeaders: Bool) throws(ProtocolError) -> WireMessage {
        guard frames.count == 2 || frames.count == 3 else {
            throw .wrongFrameCount(got: frames.count, expected: "3 for msg, 2 for ack/resend/heartbeat")
        }
        let (topic, header) = (frames[0], frames[1])
        guard topic.count <= maxTopicBytes else { throw .frameTooLarge(frame: "topic", bytes: topic.count, limit: maxTopicBytes) }
        guard header.count <= maxHeaderBytes else { throw .frameTooLarge(frame: "header", bytes: header.count, limit: maxHeaderBytes) }
        // A header in the form every daemon writes is read by hand (``CanonicalHeader``); any
        // other, with one JSON parse: the probe decodes the message its kind names from the same
        // decoder, and keeps that decoding's error until the version, kind and type are checked.
        let probe: HeaderProbe
        if readingCanonicalHeaders, let canonical = CanonicalHeader.probe(header) {
            probe = canonical
        } else {
            probe = try WireJSON.decode(header, frame: "header")
        }
        guard let version = probe.v else { throw .malformedJSON(frame: "header", detail: "missing key 'v'") }
        guard version == PhoiHopProtocolInfo.wireVersion else { throw .unsupportedWireVersion(version) }
        guard let kind = probe.kind else { throw .malformedJSON(frame: "header", detail: "missing key 'kind'") }
        func parsed() throws(ProtocolError) -> HeaderProbe.Parsed {
            switch probe.parsed {
            case let .success(parsed)?: return parsed
            case let .failure(error as DecodingError)?: throw .malformedJSON(frame: "header", detail: WireJSON.describe(error))
            case let .failure(error)?: throw .malformedJSON(frame: "header", detail: "\(error)")
            case nil: throw .unknownKind(kind)
            }
        }

        let message: WireMessage
        switch kind {
        case "msg":
            guard frames.count == 3 else { throw .wrongFrameCount(got: frames.count, expected: "3 for msg") }
            guard frames[2].count <= maxBodyBytes else {
                throw .frameTooLarge(frame: "body", bytes: frames[2].count, limit: maxBodyBytes)
            }
            if let type = probe.type, MessageType(rawValue: type) == nil { throw .unknownType(type) }
            guard case let .envelope(envelope) = try parsed() else { throw .unknownKind(kind) }
            try envelope.validate()
            message = .message(envelope, body: frames[2])
        case "ack", "resend", "heartbeat":
            guard frames.count == 2 else { throw .wrongFrameCount(got: frames.count, expected: "2 for \(kind)") }
            switch try parsed() {
            case let .ack(ack): message = .ack(ack)
            case let .resend(request): message = .resend(request)
            case let .heartbeat(beat): message = .heartbeat(beat)
            case .envelope: throw .unknownKind(kind)
            }
        default:
            throw .unknownKind(kind)
        }
        let expectedTopic = WireMessage.topic(for: message.recipient)
        guard topic == expectedTopic else {
            throw .topicMismatch(topic: String(decoding: topic, as: UTF8.self), recipient: message.recipient.rawValue)
        }
        return message
    }

    /// Where a `msg` sits in its stream, read leniently from a header whose message could not be
    /// decoded (an oversized body, a missing or extra frame, a malformed field). Lets the receiver
    /// consume that seq — so one bad message does not stall the stream behind it. (Version skew
    /// is never consumed: see ``ProtocolError/isVersionSkew``.)
    public static func streamPosition(frames: [[UInt8]]) -> (origin: AgencyID, to: AgencyID, seq: UInt64, id: String)? {
        guard frames.count >= 2, frames[1].count <= maxHeaderBytes,
              let position = try? WireJSON.decode(frames[1], as: StreamPositionProbe.self, frame: "header"),
              position.kind == "msg", position.v == PhoiHopProtocolInfo.wireVersion, position.seq >= 1,
              let origin = AgencyID(rawValue: position.origin), let to = AgencyID(rawValue: position.to)
        else { return nil }
        return (origin, to, position.seq, position.id)
    }

    /// `{"kind":K,"v":1,` + the fields of `value`: the two routing keys first, so a reader of
    /// a capture sees the kind at once.
    static func header(_ kind: String, _ value: some Encodable) -> [UInt8] {
        let fields = WireJSON.encode(value)
        var out = Array("{\"kind\":\"\(kind)\",\"v\":\(PhoiHopProtocolInfo.wireVersion),".utf8)
        out.append(contentsOf: fields.dropFirst())
        return out
    }
}

private struct StreamPositionProbe: Decodable {
    var v: Int
    var kind: String
    var origin: String
    var to: String
    var seq: UInt64
    var id: String
}

struct HeaderProbe: Decodable {
    var v: Int?
    var kind: String?
    var type: String?
    /// The message the kind names, decoded from the same parse; nil for an unknown kind.
    var parsed: Result<Parsed, any Error>?

    enum Parsed {
        case envelope(Envelope)
        case ack(Ack)
        case resend(ResendRequest)
        case heartbeat(Heartbeat)
    }

    private enum CodingKeys: String, CodingKey { case v, kind, type }

    init(v: Int?, kind: String?, type: String?, parsed: Result<Parsed, any Error>?) {
        self.v = v; self.kind = kind; self.type = type; self.parsed = parsed
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        v = try container.decodeIfPresent(Int.self, forKey: .v)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        switch kind {
        case "msg": parsed = Result { .envelope(try Envelope(from: decoder)) }
        case "ack": parsed = Result { .ack(try Ack(from: decoder)) }
        case "resend": parsed = Result { .resend(try ResendRequest(from: decoder)) }
        case "heartbeat": parsed = Result { .heartbeat(try Heartbeat(from: decoder)) }
        default: parsed = nil
        }
    }
}

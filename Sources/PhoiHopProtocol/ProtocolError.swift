/// Why an input was refused. Every case says what was wrong; ``reason`` is a stable short code
/// for counters and logs, ``description`` a sentence for people.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongFrameCount(got: Int, expected: String)
    case frameTooLarge(frame: String, bytes: Int, limit: Int)
    case malformedJSON(frame: String, detail: String)
    case unsupportedWireVersion(Int)
    case unknownKind(String)
    case unknownType(String)
    case unsupportedSchema(type: String, got: Int, supported: Int)
    case invalidField(String, String)
    case topicMismatch(topic: String, recipient: String)

    /// The sender is newer than this receiver: the message may be good, it just cannot be read
    /// here yet. Such a message is never consumed — its stream waits for the upgrade, losing nothing.
    public var isVersionSkew: Bool {
        switch self {
        case let .unsupportedWireVersion(version): version > PhoiHopProtocolInfo.wireVersion
        case let .unsupportedSchema(_, got, supported): got > supported
        case .unknownType: true
        default: false
        }
    }

    /// A stable, short code: the label counters and the rejection log use.
    public var reason: String {
        switch self {
        case .wrongFrameCount: "frame-count"
        case .frameTooLarge: "oversized"
        case .malformedJSON: "malformed"
        case .unsupportedWireVersion: "wire-version"
        case .unknownKind: "unknown-kind"
        case .unknownType: "unknown-type"
        case .unsupportedSchema: "schema-version"
        case .invalidField: "invalid-field"
        case .topicMismatch: "topic-mismatch"
        }
    }

    public var description: String {
        switch self {
        case let .wrongFrameCount(got, expected):
            "message has \(got) frames; expected \(expected) (see docs/PROTOCOL.md, 'Frames')"
        case let .frameTooLarge(frame, bytes, limit):
            "\(frame) frame is \(bytes) bytes; the limit is \(limit)"
        case let .malformedJSON(frame, detail):
            "\(frame) frame is not valid JSON for its kind: \(detail)"
        case let .unsupportedWireVersion(version):
            "wire version \(version) is not supported (this daemon speaks v\(PhoiHopProtocolInfo.wireVersion)); upgrade the older side"
        case let .unknownKind(kind):
            "unknown frame kind '\(kind.prefix(40))'; expected msg, ack, resend or heartbeat"
        case let .unknownType(type):
            "unknown message type '\(type.prefix(60))'; the catalog is in docs/PROTOCOL.md"
        case let .unsupportedSchema(type, got, supported):
            "\(type) schema version \(got) is not supported (this daemon knows version \(supported))"
        case let .invalidField(field, problem):
            "\(field): \(problem)"
        case let .topicMismatch(topic, recipient):
            "topic '\(topic.prefix(80))' does not match recipient '\(recipient)'"
        }
    }
}

import Foundation

/// A decoded, validated body of any catalog type.
///
/// Wraps one ``CatalogBody`` struct; its ``type`` is the struct's ``CatalogBody/messageType``.
/// Code that needs the fields asks for the struct: `body.as(CertificateRevoked.self)`.
public struct MessageBody: Sendable, Equatable {
    public let value: any CatalogBody

    public init(_ value: some CatalogBody) { self.value = value }

    public var type: MessageType { Swift.type(of: value).messageType }

    /// The body as `T`, or nil when it is another type.
    public func `as`<T: CatalogBody>(_: T.Type) -> T? { value as? T }

    public static func == (a: MessageBody, b: MessageBody) -> Bool {
        a.type == b.type && a.encoded() == b.encoded()
    }

    /// Decodes and validates the body bytes of a message of `type`.
    public static func decode(type: MessageType, schema: Int, bytes: [UInt8]) throws(ProtocolError) -> MessageBody {
        try decode(type: type, schema: schema, bytes: bytes, readingByHand: true)
    }

    /// ``decode(type:schema:bytes:)``; `readingByHand: false` decodes with `JSONDecoder` alone
    /// (the reference ``BodyReader`` is tested against).
    static func decode(type: MessageType, schema: Int, bytes: [UInt8], readingByHand: Bool) throws(ProtocolError) -> MessageBody {
        guard bytes.count <= WireMessage.maxBodyBytes else {
            throw .frameTooLarge(frame: "body", bytes: bytes.count, limit: WireMessage.maxBodyBytes)
        }
        guard schema == type.schemaVersion else {
            throw .unsupportedSchema(type: type.rawValue, got: schema, supported: type.schemaVersion)
        }
        let body = try decodeBody(type.bodyType, bytes, readingByHand: readingByHand)
        try body.value.validate()
        return body
    }

    private static func decodeBody<T: CatalogBody>(_: T.Type, _ bytes: [UInt8], readingByHand: Bool) throws(ProtocolError) -> MessageBody {
        if let problem = WireJSON.encodingProblem(bytes) { throw .malformedJSON(frame: "body", detail: problem) }
        if readingByHand, let value = BodyReader.decode(bytes, as: T.self) { return MessageBody(value) }
        return MessageBody(try WireJSON.decodeUTF8(bytes, as: T.self, frame: "body"))
    }

    /// The canonical JSON bytes of the body (sorted keys), as they travel and are logged.
    public func encoded() -> [UInt8] { WireJSON.encode(value) }
}

/// The JSON conventions of the wire: UTF-8, sorted keys, no escaped slashes.
public enum WireJSON {
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every wire type is a struct of strings, integers, enums and arrays: encoding cannot fail.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    public static func decode<T: Decodable>(_ bytes: [UInt8], as _: T.Type = T.self, frame: String) throws(ProtocolError) -> T {
        if let problem = encodingProblem(bytes) { throw .malformedJSON(frame: frame, detail: problem) }
        return try decodeUTF8(bytes, as: T.self, frame: frame)
    }

    /// ``decode(_:as:frame:)`` of bytes ``encodingProblem(_:)`` has found no problem with.
    static func decodeUTF8<T: Decodable>(_ bytes: [UInt8], as _: T.Type, frame: String) throws(ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedJSON(frame: frame, detail: describe(error))
        } catch {
            throw .malformedJSON(frame: frame, detail: "\(error)")
        }
    }

    /// Why `bytes` are not UTF-8 JSON text, or nil. Foundation's decoder also reads UTF-16 and
    /// UTF-32 (guessed from NUL bytes) and skips a byte-order mark; the wire is UTF-8 only
    /// (RFC 8259 §8.1), because the log keeps the bytes as received and every reader of the log,
    /// and every agency a relay reaches, reads them as UTF-8. A NUL byte is never valid in JSON
    /// text (outside strings it is not whitespace; inside, control characters must be escaped).
    static func encodingProblem(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "starts with a byte-order mark; send UTF-8 JSON without one" }
        if bytes.contains(0) { return "contains a NUL byte: not UTF-8 JSON (UTF-16 or UTF-32?); send UTF-8" }
        if String(validating: bytes, as: UTF8.self) == nil { return "is not valid UTF-8" }
        return nil
    }

    /// Names the key path and the problem, so the sender can fix the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "(top level)" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): return "missing key '\(path(context.codingPath + [key]))'"
        case let .typeMismatch(type, context): return "'\(path(context.codingPath))' should be \(type)"
        case let .valueNotFound(type, context): return "'\(path(context.codingPath))' is null; expected \(type)"
        case let .dataCorrupted(context): return "'\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

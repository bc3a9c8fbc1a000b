import Foundation

/// A decoded, validated body of any catalog type.
public enum MessageBody: Sendable, Equatable {
    case businessRegistered(BusinessRegistered)
    case certificateIssued(CertificateIssued)
    case certificateRevoked(CertificateRevoked)
    case inspectionRecorded(InspectionRecorded)
    case violationRecorded(ViolationRecorded)
    case incidentReported(IncidentReported)
    case inspectionPlanned(InspectionPlanned)

    public var type: MessageType {
        switch self {
        case .businessRegistered: .businessRegistered
        case .certificateIssued: .certificateIssued
        case .certificateRevoked: .certificateRevoked
        case .inspectionRecorded: .inspectionRecorded
        case .violationRecorded: .violationRecorded
        case .incidentReported: .incidentReported
        case .inspectionPlanned: .inspectionPlanned
        }
    }

    /// The body as its protocol value, for generic code (validation, district scope).
    public var value: any CatalogBody {
        switch self {
        case let .businessRegistered(b): b
        case let .certificateIssued(b): b
        case let .certificateRevoked(b): b
        case let .inspectionRecorded(b): b
        case let .violationRecorded(b): b
        case let .incidentReported(b): b
        case let .inspectionPlanned(b): b
        }
    }

    /// Decodes and validates the body bytes of a message of `type`.
    public static func decode(type: MessageType, schema: Int, bytes: [UInt8]) throws(ProtocolError) -> MessageBody {
        guard bytes.count <= WireMessage.maxBodyBytes else {
            throw .frameTooLarge(frame: "body", bytes: bytes.count, limit: WireMessage.maxBodyBytes)
        }
        guard schema == type.schemaVersion else {
            throw .unsupportedSchema(type: type.rawValue, got: schema, supported: type.schemaVersion)
        }
        let body: MessageBody
        switch type {
        case .businessRegistered: body = .businessRegistered(try WireJSON.decode(bytes, frame: "body"))
        case .certificateIssued: body = .certificateIssued(try WireJSON.decode(bytes, frame: "body"))
        case .certificateRevoked: body = .certificateRevoked(try WireJSON.decode(bytes, frame: "body"))
        case .inspectionRecorded: body = .inspectionRecorded(try WireJSON.decode(bytes, frame: "body"))
        case .violationRecorded: body = .violationRecorded(try WireJSON.decode(bytes, frame: "body"))
        case .incidentReported: body = .incidentReported(try WireJSON.decode(bytes, frame: "body"))
        case .inspectionPlanned: body = .inspectionPlanned(try WireJSON.decode(bytes, frame: "body"))
        }
        try body.value.validate()
        return body
    }

    /// The canonical JSON bytes of the body (sorted keys), as they travel and are logged.
    public func encoded() -> [UInt8] {
        switch self {
        case let .businessRegistered(b): WireJSON.encode(b)
        case let .certificateIssued(b): WireJSON.encode(b)
        case let .certificateRevoked(b): WireJSON.encode(b)
        case let .inspectionRecorded(b): WireJSON.encode(b)
        case let .violationRecorded(b): WireJSON.encode(b)
        case let .incidentReported(b): WireJSON.encode(b)
        case let .inspectionPlanned(b): WireJSON.encode(b)
        }
    }
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
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedJSON(frame: frame, detail: describe(error))
        } catch {
            throw .malformedJSON(frame: frame, detail: "\(error)")
        }
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

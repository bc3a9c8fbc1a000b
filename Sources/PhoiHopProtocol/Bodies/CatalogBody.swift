import Foundation

/// A typed message body: one struct per ``MessageType``.
public protocol CatalogBody: Codable, Sendable, Equatable {
    static var messageType: MessageType { get }
    /// Checks what JSON decoding cannot: non-empty texts, ranges, date order. Pure.
    func validate() throws(ProtocolError)
    /// The district the act concerns, when it has one: a district may only speak of its own.
    var concernedDistrict: AgencyID? { get }
}

extension CatalogBody {
    public var concernedDistrict: AgencyID? { nil }
}

/// Validation helpers shared by the bodies.
enum Check {
    static func text(_ value: String, _ field: String, max: Int = 500) throws(ProtocolError) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field, "must not be empty") }
        guard value.count <= max else { throw .invalidField(field, "is \(value.count) characters; at most \(max)") }
    }

    static func identifier(_ value: String, _ field: String) throws(ProtocolError) {
        guard (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x2F })
        else { throw .invalidField(field, "'\(value.prefix(64))' must be 1–64 printable ASCII characters without spaces or '/'") }
    }

    static func order(_ first: CivilDate, _ second: CivilDate, _ fields: String) throws(ProtocolError) {
        guard first <= second else { throw .invalidField(fields, "\(first) is after \(second)") }
    }
}


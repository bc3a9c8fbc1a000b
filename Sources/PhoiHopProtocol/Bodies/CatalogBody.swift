import Foundation

/// A typed message body: one struct per ``MessageType``.
public protocol CatalogBody: Codable, Sendable, Equatable {
    static var messageType: MessageType { get }
    /// Checks what JSON decoding cannot: non-empty texts, ranges, date order. Pure.
    func validate() throws(ProtocolError)
    /// The district the act concerns, when it has one: a district may only speak of its own.
    var concernedDistrict: AgencyID? { get }
    /// The business the act concerns, when it has one: its history lists the act.
    var concernedBusiness: String? { get }
    /// The day the act took effect (Catalog/ActDate.swift); nil only for a report of a school year.
    var actDate: CivilDate? { get }
}

extension CatalogBody {
    public var concernedDistrict: AgencyID? { nil }
    public var concernedBusiness: String? { nil }
}

/// Validation helpers shared by the bodies.
enum Check {
    static func text(_ value: String, _ field: String, max: Int = 500) throws(ProtocolError) {
        guard !isBlank(value) else { throw .invalidField(field, "must not be empty") }
        // A text has no more characters than UTF-8 bytes: only a long one needs its characters counted.
        guard value.utf8.count <= max || value.count <= max else { throw .invalidField(field, "is \(value.count) characters; at most \(max)") }
    }

    /// Whether `value` is empty or white space only, as `CharacterSet.whitespacesAndNewlines`
    /// has it (Unicode's White_Space, and U+200B ZERO WIDTH SPACE), without Foundation's trimming:
    /// a visible share of the hub's CPU per act when every text field of every act went through it.
    static func isBlank(_ value: String) -> Bool {
        if value.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return value.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{200B}" }
    }

    static func identifier(_ value: String, _ field: String) throws(ProtocolError) {
        guard (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x2F })
        else { throw .invalidField(field, "'\(value.prefix(64))' must be 1–64 printable ASCII characters without spaces or '/'") }
    }

    static func optionalText(_ value: String?, _ field: String, max: Int = 500) throws(ProtocolError) {
        if let value { try text(value, field, max: max) }
    }

    static func identifiers(_ values: [String], _ field: String, min: Int = 1, max: Int = 1000) throws(ProtocolError) {
        guard (min...max).contains(values.count) else { throw .invalidField(field, "must list \(min)–\(max) entries; has \(values.count)") }
        for value in values { try identifier(value, field) }
        guard Set(values).count == values.count else { throw .invalidField(field, "lists an entry twice") }
    }

    static func agencies(_ values: [AgencyID], _ field: String, min: Int = 1, max: Int = 256) throws(ProtocolError) {
        guard (min...max).contains(values.count) else { throw .invalidField(field, "must name \(min)–\(max) agencies; has \(values.count)") }
        guard Set(values).count == values.count else { throw .invalidField(field, "names an agency twice") }
    }

    static func amount(_ value: Int64, _ field: String, max: Int64 = 1_000_000_000_000) throws(ProtocolError) {
        guard (0...max).contains(value) else { throw .invalidField(field, "\(value) VND is outside 0…\(max)") }
    }

    static func count(_ value: Int, _ field: String, max: Int = 100_000_000) throws(ProtocolError) {
        guard (0...max).contains(value) else { throw .invalidField(field, "\(value) is outside 0…\(max)") }
    }

    static func order(_ first: CivilDate, _ second: CivilDate, _ fields: String) throws(ProtocolError) {
        guard first <= second else { throw .invalidField(fields, "\(first) is after \(second)") }
    }
}


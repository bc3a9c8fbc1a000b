/// The identifier of an agency daemon on the bus, e.g. `so-tttt`, `cong-an`, `district-ben-luc`.
///
/// Lower-case ASCII letters, digits and hyphens, 1–63 characters, starting with a letter or digit:
/// safe in topics, file names, systemd instance names and SQL without quoting.
public struct AgencyID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Returns nil unless `rawValue` is a well-formed agency id.
    public init?(rawValue: String) {
        guard AgencyID.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Throws ``ProtocolError/invalidField(_:_:)`` naming `field` when `text` is not a well-formed id.
    public init(validating text: String, field: String = "agency id") throws(ProtocolError) {
        guard let id = AgencyID(rawValue: text) else {
            throw .invalidField(field, "'\(text.prefix(80))' is not an agency id (lower-case letters, digits and '-', 1–63 characters)")
        }
        self = id
    }

    /// The coordinating department's hub (Sở TT&TT, Điều 3).
    public static let hub = AgencyID(rawValue: "so-tttt")!

    public var description: String { rawValue }

    public static func < (lhs: AgencyID, rhs: AgencyID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = AgencyID(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text.prefix(80))' is not an agency id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        for (index, byte) in bytes.enumerated() {
            let isAlnum = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if !(isAlnum || (byte == 0x2D && index > 0)) { return false }
        }
        return true
    }
}

/// An envelope's header frame, written by hand.
///
/// The hub writes one header per relay recipient, and every agency one per act. With
/// `JSONEncoder` that was about a tenth of the hub's CPU per act (docs/PERFORMANCE.md). This
/// writer produces the same bytes as ``WireMessage/header(_:_:)`` over the `Codable` conformance:
/// `{"kind":"msg","v":1,` then the fields in sorted-key order, absent optionals left out, and
/// strings escaped as `JSONEncoder` escapes them (`"`, `\`, control characters; `/` not
/// escaped). A test holds the two to the same bytes.
extension Envelope {
    /// The header frame of a `msg` carrying this envelope.
    public var header: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(sig == nil ? 200 : 300)
        out.append(contentsOf: #"{"kind":"msg","v":"#.utf8)
        out.append(contentsOf: String(PhoiHopProtocolInfo.wireVersion).utf8)
        // Sorted keys: author, handover, id, origin, schema, seq, sig, to, ts, type.
        if let author { Self.field("author", string: author.rawValue, into: &out) }
        if let handover { Self.field("handover", raw: handover ? "true" : "false", into: &out) }
        Self.field("id", string: id, into: &out)
        Self.field("origin", string: origin.rawValue, into: &out)
        Self.field("schema", raw: String(schema), into: &out)
        Self.field("seq", raw: String(seq), into: &out)
        if let sig { Self.field("sig", string: sig, into: &out) }
        Self.field("to", string: to.rawValue, into: &out)
        Self.field("ts", raw: String(ts), into: &out)
        Self.field("type", string: type.rawValue, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func field(_ key: String, raw: String, into out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(key)\":".utf8)
        out.append(contentsOf: raw.utf8)
    }

    private static func field(_ key: String, string: String, into out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(key)\":\"".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

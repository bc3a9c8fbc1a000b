/// A header frame in the one form this system's writers produce, read without `JSONDecoder`.
///
/// Every daemon writes its headers the same way (``Envelope/header``, ``WireMessage/header(_:_:)``):
/// one flat JSON object, no whitespace, each key once, and every value a string of printable ASCII
/// needing no escape, an integer in plain digits, or `true`/`false`. Reading that form by hand
/// costs a small fraction of what `JSONDecoder` costs; decoding headers was about a sixth of the
/// hub's CPU per act (docs/PERFORMANCE.md), for every act, relay, acknowledgement and heartbeat.
///
/// It is a fast path over a subset of JSON on which it and the decoder agree, never a second
/// reading of the protocol. Anything outside the form — whitespace, an escape, a byte outside
/// printable ASCII, `null`, a key unknown to the kind or repeated, a required key missing, a
/// number with a sign it may not have, a fraction, an exponent, a leading zero or more digits
/// than its type holds, an agency id, role or message type that does not validate — is not read
/// here: ``probe(_:)`` returns nil and ``WireMessage/decode(frames:)`` decodes the frame with
/// `JSONDecoder`, which accepts or refuses it with its usual error. A test holds both readings to
/// the same result over generated headers and over thousands of mutations of them.
enum CanonicalHeader {
    /// The header's version, kind, type and message, when `bytes` are in the canonical form and
    /// name a known kind; nil otherwise (decode with `JSONDecoder`).
    static func probe(_ bytes: [UInt8]) -> HeaderProbe? {
        guard let fields = Fields(bytes), case let .integer(version)? = fields["v"], case let .text(kind)? = fields["kind"] else {
            return nil
        }
        let parsed: HeaderProbe.Parsed
        switch kind {
        case "msg":
            guard let envelope = envelope(fields) else { return nil }
            parsed = .envelope(envelope)
        case "ack":
            guard fields.only(Keys.ack), let origin = fields.agency("origin"),
                  let to = fields.agency("to"), let applied = fields.unsigned("applied") else { return nil }
            parsed = .ack(Ack(origin: origin, to: to, applied: applied))
        case "resend":
            guard fields.only(Keys.resend), let origin = fields.agency("origin"),
                  let to = fields.agency("to"), let from = fields.unsigned("from") else { return nil }
            parsed = .resend(ResendRequest(origin: origin, to: to, from: from))
        case "heartbeat":
            guard let beat = heartbeat(fields) else { return nil }
            parsed = .heartbeat(beat)
        default:
            return nil
        }
        guard let v = Int(exactly: version) else { return nil }
        // Only a `msg` may have a `type` (the other kinds' keys are checked above).
        return HeaderProbe(v: v, kind: kind, type: fields.text("type"), parsed: .success(parsed))
    }

    /// The keys each kind may have (its type's coding keys, with `kind` and `v`).
    private enum Keys {
        static let msg: Set<String> = ["kind", "v", "author", "handover", "id", "origin", "schema", "seq", "sig", "to", "ts", "type"]
        static let ack: Set<String> = ["kind", "v", "applied", "origin", "to"]
        static let resend: Set<String> = ["kind", "v", "from", "origin", "to"]
        static let heartbeat: Set<String> = ["kind", "v", "applied", "lastSeq", "lost", "origin", "pending", "rejected", "role", "to", "ts", "version"]
    }

    private static func envelope(_ fields: Fields) -> Envelope? {
        guard fields.only(Keys.msg),
              case let .text(typeName)? = fields["type"], let type = MessageType(rawValue: typeName),
              let schema = fields.signed("schema").flatMap({ Int(exactly: $0) }), let id = fields.text("id"),
              let origin = fields.agency("origin"), let to = fields.agency("to"), let seq = fields.unsigned("seq"),
              let ts = fields.signed("ts")
        else { return nil }
        var envelope = Envelope(type: type, id: id, origin: origin, to: to, seq: seq, ts: ts)
        envelope.schema = schema
        if fields["author"] != nil {
            guard let author = fields.agency("author") else { return nil }
            envelope.author = author
        }
        if let handover = fields["handover"] {
            guard case let .flag(flag) = handover else { return nil }
            envelope.handover = flag
        }
        if fields["sig"] != nil {
            guard let sig = fields.text("sig") else { return nil }
            envelope.sig = sig
        }
        return envelope
    }

    private static func heartbeat(_ fields: Fields) -> Heartbeat? {
        guard fields.only(Keys.heartbeat),
              let origin = fields.agency("origin"), let to = fields.agency("to"),
              let role = fields.text("role").flatMap(Role.init(rawValue:)), let version = fields.text("version"),
              let ts = fields.signed("ts"), let lastSeq = fields.unsigned("lastSeq"), let applied = fields.unsigned("applied"),
              let pending = fields.unsigned("pending"), let rejected = fields.unsigned("rejected")
        else { return nil }
        var lost: Bool?
        if let value = fields["lost"] {
            guard case let .flag(flag) = value else { return nil }
            lost = flag
        }
        return Heartbeat(origin: origin, to: to, role: role, version: version, ts: ts, lastSeq: lastSeq,
                         applied: applied, pending: pending, rejected: rejected, lost: lost)
    }

    /// A value of the canonical form.
    enum Value: Equatable {
        case text(String)
        /// Plain digits, with a `-` if negative; never `-0`, never a leading zero.
        case integer(Int64)
        /// Plain digits above `Int64.max` (only a `UInt64` field can hold it).
        case large(UInt64)
        case flag(Bool)
    }

    /// The keys and values of a flat object in the canonical form, in order.
    struct Fields {
        private var entries: [(key: String, value: Value)] = []

        init?(_ bytes: [UInt8]) {
            let n = bytes.count
            guard n >= 2, bytes[0] == UInt8(ascii: "{"), bytes[n - 1] == UInt8(ascii: "}") else { return nil }
            var i = 1
            if n == 2 { return }
            while true {
                guard let key = Self.string(bytes, &i), i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard i < n else { return nil }
                let value: Value
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let text = Self.string(bytes, &i) else { return nil }
                    value = .text(text)
                case UInt8(ascii: "t"):
                    guard bytes[i...].starts(with: "true".utf8) else { return nil }
                    i += 4
                    value = .flag(true)
                case UInt8(ascii: "f"):
                    guard bytes[i...].starts(with: "false".utf8) else { return nil }
                    i += 5
                    value = .flag(false)
                default:
                    guard let number = Self.number(bytes, &i) else { return nil }
                    value = number
                }
                guard !entries.contains(where: { $0.key == key }) else { return nil }
                entries.append((key, value))
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: "}") {
                    guard i == n - 1 else { return nil }
                    return
                }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }

        /// A string of printable ASCII other than `"` and `\` (so no escape), from the opening quote.
        private static func string(_ bytes: [UInt8], _ i: inout Int) -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var end = start
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "\\") else { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            i = end + 1
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// An integer in plain digits: an optional `-`, then `0` alone or digits not starting with `0`.
        private static func number(_ bytes: [UInt8], _ i: inout Int) -> Value? {
            var j = i
            let negative = bytes[j] == UInt8(ascii: "-")
            if negative { j += 1 }
            let start = j
            var magnitude: UInt64 = 0
            while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[j] - 0x30))
                guard !o1, !o2 else { return nil }
                magnitude = sum
                j += 1
            }
            let digits = j - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            // A fraction or exponent is not the canonical form.
            if j < bytes.count, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E") {
                return nil
            }
            i = j
            if negative {
                guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
            }
            return magnitude <= UInt64(Int64.max) ? .integer(Int64(magnitude)) : .large(magnitude)
        }

        subscript(key: String) -> Value? { entries.first(where: { $0.key == key })?.value }

        /// Every key is one of `allowed`.
        func only(_ allowed: Set<String>) -> Bool { entries.allSatisfy { allowed.contains($0.key) } }

        func text(_ key: String) -> String? {
            guard case let .text(text)? = self[key] else { return nil }
            return text
        }

        func agency(_ key: String) -> AgencyID? { text(key).flatMap(AgencyID.init(rawValue:)) }

        func signed(_ key: String) -> Int64? {
            guard case let .integer(value)? = self[key] else { return nil }
            return value
        }

        func unsigned(_ key: String) -> UInt64? {
            switch self[key] {
            case let .integer(value)? where value >= 0: UInt64(value)
            case let .large(value)?: value
            default: nil
            }
        }
    }
}

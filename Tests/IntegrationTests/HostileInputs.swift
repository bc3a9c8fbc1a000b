import Foundation
import PhoiHopProtocol
import Sodium

/// The kinds of bad input of issue 5, as a client written from docs/PROTOCOL.md can send them.
enum HostileClass: String, CaseIterable, Comparable {
    case truncated, garbage, frameCount = "frame-count", oversized, encoding = "invalid-encoding"
    case unknownVersion = "unknown-type-or-version", outOfRole = "out-of-role", outOfScope = "out-of-scope"
    case foreignOrigin = "foreign-origin", replayed, sequenceJump = "sequence-jump", futureTimestamp = "future-timestamp"
    case forgedSignature = "forged-signature", wrongAgencySignature = "wrong-agency-signature"
    case good

    static func < (a: HostileClass, b: HostileClass) -> Bool { a.rawValue < b.rawValue }
}

/// What the receiver must do with an input, per docs/PROTOCOL.md §3.4, §6.2, §6.6–6.8, §7.
enum HostileOutcome: Equatable {
    /// Rejected and counted under `reason`; `consumed`: the stream's seq moves past it (§6.6).
    case rejected(String, consumed: Bool)
    /// `seq` below the next expected: re-acknowledged, not a rejection (§6.2).
    case duplicate
    /// `seq` above the next expected: dropped, a resend asked for (§6.4).
    case gap
    /// Never reaches the daemon: libzmq filters or drops it (the reason says why).
    case unseen(String)
    /// A frame over ZMQ_MAXMSGSIZE: the receiver's libzmq closes the connection (§2.5).
    case connectionDropped
    /// A good act: applied exactly once.
    case applied
}

struct HostileInput {
    let inputClass: HostileClass
    let variant: String
    let frames: [[UInt8]]
    let outcome: HostileOutcome
    /// The act id the input carries, if it is a fresh one (a bad act's id must never be in the log).
    let freshID: String?
}

/// Who the raw client is and whom it attacks.
struct HostileTarget {
    /// The daemon under attack: the hub, or an agency.
    let receiver: AgencyID
    /// The identity the raw client authenticates as: a district's key at the hub, the hub's key at an agency.
    let sender: AgencyID
    /// An allow-listed agency that is not the sender (impersonated at the hub, relayed for at an agency).
    let otherAgency: AgencyID
    /// A district of the province that is not the sender.
    let otherDistrict: AgencyID
    /// The Ed25519 signing keys of the agencies involved (the sender, the authors it relays, and
    /// one more for signatures by the wrong agency), read from the province's key files.
    let signingKeys: [AgencyID: SigningKeyPair]
    /// An agency whose real key signs what another agency authored.
    let wrongSigner: AgencyID
    var senderIsHub: Bool { sender == .hub }
}

/// Generates hostile inputs against one stream, keeping the receiver's next expected seq as the
/// protocol says it moves, so every input's outcome is known before it is sent.
struct HostileInputs {
    let target: HostileTarget
    var random: SplitMix64
    /// The next seq the receiver expects on the sender's stream to it.
    private(set) var next: UInt64 = 1
    /// Good acts applied so far: their ids and frames, for replays.
    private(set) var applied: [(id: String, frames: [[UInt8]])] = []
    var serial = 0
    /// How many frames over ZMQ_MAXMSGSIZE to generate at most: each costs a reconnection.
    var maxOversizedFrames = Int.max
    var oversizedFrames = 0

    init(target: HostileTarget, seed: UInt64) {
        self.target = target
        random = SplitMix64(seed: seed)
    }

    static let nowhere = AgencyID(rawValue: "district-nowhere")!
    static let attackClasses = HostileClass.allCases.filter { $0 != .good }

    /// One input: a good act about one time in eleven, else a bad input of a random class.
    mutating func nextInput() -> HostileInput {
        if Int.random(in: 0..<11, using: &random) == 0 { return good() }
        return make(Self.attackClasses.randomElement(using: &random)!)
    }

    /// A well-formed act at the next seq: applied.
    mutating func good() -> HostileInput {
        let id = freshID()
        let frames = message(id: id, body: business(in: actDistrict))
        return record(.good, "well-formed act", frames, .applied, id: id)
    }

    // MARK: The classes

    mutating func make(_ inputClass: HostileClass) -> HostileInput {
        let id = freshID()
        let body = business(in: actDistrict)
        let topic = WireMessage.topic(for: target.receiver)
        let pick = { (n: Int, random: inout SplitMix64) in Int.random(in: 0..<n, using: &random) }
        switch inputClass {
        case .truncated:
            switch pick(3, &random) {
            case 0:
                let header = self.header(id: id)
                let cut = Int.random(in: 0..<header.count, using: &random)
                return record(inputClass, "header cut short", [topic, Array(header.prefix(cut)), body], .rejected("malformed", consumed: false), id: id)
            case 1:
                let cut = Int.random(in: 0..<body.count, using: &random)
                return record(inputClass, "body cut short", message(id: id, body: Array(body.prefix(cut))), .rejected("body-malformed", consumed: true), id: id)
            default:
                var frames = message(id: id, body: body)
                frames[0] = Array(frames[0].dropLast())
                return record(inputClass, "topic cut short", frames, .unseen("its topic no longer matches the receiver's subscription: libzmq's PUB filters it"), id: id)
            }
        case .garbage:
            switch pick(4, &random) {
            case 0:
                let frames = [topic, randomBytes(1...300, notStartingWith: Array("{ \t\r\n".utf8))] + (pick(2, &random) == 0 ? [] : [randomBytes(0...300)])
                return record(inputClass, "random bytes", frames, .rejected("malformed", consumed: false), id: nil)
            case 1:
                let json = ["[]", "null", "42", "\"msg\"", "true", "{}", "{\"v\":1}", "{\"v\":1,\"kind\":\"msg\"}"].randomElement(using: &random)!
                return record(inputClass, "JSON that is no header", [topic, Array(json.utf8), body], .rejected("malformed", consumed: false), id: nil)
            case 2:
                var frames = message(id: id, body: body)
                frames[0] += randomBytes(1...20)
                return record(inputClass, "garbage after the topic", frames, .rejected("topic-mismatch", consumed: true), id: id)
            default:
                let frames = [Array("#".utf8) + randomBytes(0...40), randomBytes(1...300)]
                return record(inputClass, "garbage topic", frames, .unseen("its topic matches no subscription: libzmq's PUB filters it"), id: nil)
            }
        case .frameCount:
            switch pick(5, &random) {
            case 0:
                return record(inputClass, "topic alone", [topic], .rejected("frame-count", consumed: false), id: nil)
            case 1:
                return record(inputClass, "msg without its body", [topic, header(id: id)], .rejected("frame-count", consumed: true), id: id)
            case 2:
                let extra = (0..<Int.random(in: 1...5, using: &random)).map { _ in randomBytes(0...50) }
                return record(inputClass, "msg with extra frames", message(id: id, body: body) + extra, .rejected("frame-count", consumed: true), id: id)
            case 3:
                return record(inputClass, "ack with a body", [topic, ack(), body], .rejected("frame-count", consumed: false), id: nil)
            default:
                return record(inputClass, "everything in one frame", [topic + header(id: id) + body], .rejected("frame-count", consumed: false), id: id)
            }
        case .oversized:
            switch pick(oversizedFrames < maxOversizedFrames ? 4 : 3, &random) {
            case 0:
                var frames = message(id: id, body: body)
                frames[0] += Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 72...200, using: &random))
                return record(inputClass, "topic over 80 bytes", frames, .rejected("oversized", consumed: true), id: id)
            case 1:
                let pad = String(repeating: "x", count: Int.random(in: 4100...9000, using: &random))
                return record(inputClass, "header over 4 KiB", [topic, header(id: id, extra: [("pad", "\"\(pad)\"")]), body],
                              .rejected("oversized", consumed: false), id: id)
            case 2:
                let big = Array("{\"pad\":\"".utf8) + Array(repeating: UInt8(ascii: "y"), count: WireMessage.maxBodyBytes + Int.random(in: 0...40_000, using: &random)) + Array("\"}".utf8)
                return record(inputClass, "body over 256 KiB", message(id: id, body: big), .rejected("oversized", consumed: true), id: id)
            default:
                oversizedFrames += 1
                let huge = [UInt8](repeating: 0x7B, count: Int(WireMessage.maxFrameBytes) + Int.random(in: 1...4096, using: &random))
                return record(inputClass, "frame over ZMQ_MAXMSGSIZE (1 MiB)", [topic, header(id: id), huge], .connectionDropped, id: id)
            }
        case .encoding:
            return encoding(id: id, body: body)
        case .unknownVersion:
            switch pick(5, &random) {
            case 0:
                let type = ["business.sold", "certificate.burned", "x.y", "business.registered.v2"].randomElement(using: &random)!
                return record(inputClass, "unknown type", message(id: id, body: body, replacing: ["type": "\"\(type)\""]), .rejected("unknown-type", consumed: false), id: id)
            case 1:
                let kind = ["nack", "MSG", "", "msg2"].randomElement(using: &random)!
                return record(inputClass, "unknown kind", message(id: id, body: body, replacing: ["kind": "\"\(kind)\""]), .rejected("unknown-kind", consumed: false), id: id)
            case 2:
                let v = Int.random(in: 2...1000, using: &random)
                return record(inputClass, "future wire version", message(id: id, body: body, replacing: ["v": "\(v)"]), .rejected("wire-version", consumed: false), id: id)
            case 3:
                let v = [0, -1, Int(Int32.min)].randomElement(using: &random)!
                return record(inputClass, "past wire version", message(id: id, body: body, replacing: ["v": "\(v)"]), .rejected("wire-version", consumed: false), id: id)
            default:
                if pick(2, &random) == 0 {
                    let schema = Int.random(in: 2...99, using: &random)
                    return record(inputClass, "future body schema", message(id: id, body: body, replacing: ["schema": "\(schema)"]), .rejected("schema-version", consumed: false), id: id)
                }
                return record(inputClass, "past body schema", message(id: id, body: body, replacing: ["schema": "0"]), .rejected("body-schema-version", consumed: true), id: id)
            }
        case .outOfRole:
            return outOfRole(id: id, body: body)
        case .outOfScope:
            return outOfScope(id: id)
        case .foreignOrigin:
            switch pick(3, &random) {
            case 0 where !target.senderIsHub:
                return record(inputClass, "another agency's origin", message(id: id, body: body, replacing: ["origin": "\"\(target.otherAgency)\""]),
                              .rejected("impersonation", consumed: false), id: id)
            case 0, 1:
                return record(inputClass, "origin not on the allow-list", message(id: id, body: body, replacing: ["origin": "\"\(Self.nowhere)\""]),
                              .rejected("unknown-origin", consumed: false), id: id)
            default:
                // The topic routes it here; the header addresses someone else.
                return record(inputClass, "addressed to another agency", message(id: id, body: body, replacing: ["to": "\"\(target.otherAgency)\""]),
                              .rejected("topic-mismatch", consumed: false), id: id)
            }
        case .replayed:
            let earlier = applied.randomElement(using: &random)!
            switch pick(3, &random) {
            case 0:
                return record(inputClass, "an applied act sent again", earlier.frames, .duplicate, id: nil)
            case 1:
                return record(inputClass, "an applied act's id under a new seq", message(id: earlier.id, body: body),
                              .rejected("duplicate-id", consumed: true), id: nil)
            default:
                // Replaying an applied act from another origin: at the hub the CURVE key gives it
                // away; an agency hears only the hub.
                let frames = message(id: earlier.id, body: body, replacing: ["origin": "\"\(target.otherAgency)\""])
                return record(inputClass, "an act replayed under another origin", frames,
                              .rejected(target.senderIsHub ? "unknown-origin" : "impersonation", consumed: false), id: nil)
            }
        case .sequenceJump:
            switch pick(5, &random) {
            case 0:
                let seq = next + UInt64.random(in: 1...1000, using: &random)
                return record(inputClass, "seq ahead", message(id: id, body: body, replacing: ["seq": "\(seq)"]), .gap, id: id)
            case 1:
                return record(inputClass, "seq 2^64-1", message(id: id, body: body, replacing: ["seq": "\(UInt64.max)"]), .gap, id: id)
            case 2 where next > 1:
                let seq = UInt64.random(in: 1..<next, using: &random)
                return record(inputClass, "seq behind with a new act", message(id: id, body: body, replacing: ["seq": "\(seq)"]), .duplicate, id: id)
            case 2, 3:
                return record(inputClass, "seq 0", message(id: id, body: body, replacing: ["seq": "0"]), .rejected("invalid-field", consumed: false), id: id)
            default:
                let seq = ["-1", "18446744073709551616", "\"1\""].randomElement(using: &random)!
                return record(inputClass, "seq out of range", message(id: id, body: body, replacing: ["seq": seq]), .rejected("malformed", consumed: false), id: id)
            }
        case .futureTimestamp:
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let year: Int64 = 365 * 86_400_000
            let ts = pick(6, &random) == 0 ? Int64.max : now + Int64.random(in: 2 * 3_600_000...10 * year, using: &random)
            return record(inputClass, "ts hours to years ahead", message(id: id, body: body, replacing: ["ts": "\(ts)"]),
                          .rejected("clock-skew", consumed: false), id: id)
        case .forgedSignature:
            return forgedSignature(id: id, body: body)
        case .wrongAgencySignature:
            if target.senderIsHub, Int.random(in: 0..<2, using: &random) == 0 {
                // The hub's own act (a directive it may send), signed with an agency's key.
                let request = reportRequest()
                return record(inputClass, "hub directive signed by \(target.wrongSigner)",
                              message(id: id, body: request, replacing: ["type": "\"report.requested\"", "author": nil], signer: target.wrongSigner),
                              .rejected("bad-signature", consumed: false), id: id)
            }
            return record(inputClass, "act signed by \(target.wrongSigner)", message(id: id, body: body, signer: target.wrongSigner),
                          .rejected("bad-signature", consumed: false), id: id)
        case .good:
            return good()
        }
    }

    // MARK: Frames, written from docs/PROTOCOL.md §3–4

    /// The district an act speaks of: the sender's own, or for a relay from the hub, its author's.
    var actDistrict: AgencyID { target.senderIsHub ? target.otherDistrict : target.sender }

    /// A `msg` header as §4.1 lays it out, with `replacing` keys changed (a nil value removes the
    /// key), and `sig` the author's signature of the result (§4.1, "Signing input") unless
    /// `replacing` sets it; `signer` signs instead of the author, `signedBody` instead of `body`.
    func header(id: String, body: [UInt8] = [], extra: [(String, String)] = [], replacing: [String: String?] = [:],
                signer: AgencyID? = nil, signedBody: [UInt8]? = nil, signedAuthor: AgencyID? = nil, batch: BatchForgery? = nil) -> [UInt8] {
        var fields: [(String, String?)] = [
            ("kind", "\"msg\""), ("v", "1"), ("id", "\"\(id)\""), ("origin", "\"\(target.sender)\""), ("schema", "1"),
            ("seq", "\(next)"), ("to", "\"\(target.receiver)\""), ("ts", "\(Int64(Date().timeIntervalSince1970 * 1000))"),
            ("type", "\"business.registered\""),
        ]
        if target.senderIsHub { fields.append(("author", "\"\(target.otherDistrict)\"")) }
        for (key, value) in replacing {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        if !replacing.keys.contains("sig"), let sig = signature(fields, body: signedBody ?? body, signer: signer, author: signedAuthor, batch: batch) {
            fields.append(("sig", "\"\(sig)\""))
        }
        fields += extra.map { ($0.0, Optional($0.1)) }
        let text = fields.compactMap { key, value in value.map { "\"\(key)\":\($0)" } }.joined(separator: ",")
        return Array("{\(text)}".utf8)
    }

    /// The signing input of docs/PROTOCOL.md §4.1, written from the document: a domain tag, then
    /// type, schema, id, author, ts, each followed by NUL, then the body bytes as sent.
    func signature(_ fields: [(String, String?)], body: [UInt8], signer: AgencyID?, author claimed: AgencyID? = nil,
                   batch: BatchForgery? = nil) -> String? {
        func value(_ key: String) -> String? {
            guard let raw = fields.first(where: { $0.0 == key })?.1 else { return nil }
            return raw.hasPrefix("\"") ? String(raw.dropFirst().dropLast()) : raw
        }
        guard let type = value("type"), let schema = value("schema"), let id = value("id"), let ts = value("ts"),
              let author = claimed?.rawValue ?? value("author") ?? value("origin"), let authorID = AgencyID(rawValue: author),
              let key = signingKeys[signer ?? authorID] else { return nil }
        let input = Array("phoihop-act-v1\0\(type)\0\(schema)\0\(id)\0\(author)\0\(ts)\0".utf8) + body
        guard let batch else { return key.sign(input).base64 }
        // Signed in a batch of three (§4.1, "Acts signed in a batch"), the others the same act under other ids.
        let others = (1...2).map { Array("phoihop-act-v1\0\(type)\0\(schema)\0\(id)-\($0)\0\(author)\0\(ts)\0".utf8) + body }
        let signatures = MerkleBatch.sign([input] + others, with: key)
        switch batch {
        case .anotherActsProof: return signatures[1].base64
        case .truncatedProof: return Data(signatures[0].bytes.dropLast(7)).base64EncodedString()
        case .indexPastTheSize:
            let proof = signatures[0].proof!
            return ActSignature(signature: signatures[0].signature, proof: InclusionProof(index: 3, size: 3, path: proof.path)).base64
        }
    }

    /// How an act signed in a batch is forged: its signature is genuine, its proof is not its own.
    enum BatchForgery: CaseIterable { case anotherActsProof, truncatedProof, indexPastTheSize }

    var signingKeys: [AgencyID: SigningKeyPair] { target.signingKeys }

    func message(id: String, body: [UInt8], replacing: [String: String?] = [:], signer: AgencyID? = nil, signedBody: [UInt8]? = nil,
                 signedAuthor: AgencyID? = nil, batch: BatchForgery? = nil) -> [[UInt8]] {
        [WireMessage.topic(for: target.receiver),
         header(id: id, body: body, replacing: replacing, signer: signer, signedBody: signedBody, signedAuthor: signedAuthor, batch: batch), body]
    }

    func ack() -> [UInt8] {
        Array("{\"kind\":\"ack\",\"v\":1,\"applied\":0,\"origin\":\"\(target.sender)\",\"to\":\"\(target.receiver)\"}".utf8)
    }

    /// A `business.registered` body (docs/catalog/registry.md) with a fresh business id.
    mutating func business(in district: AgencyID) -> [UInt8] {
        serial += 1
        return Array("""
        {"address":"\(serial) Đường số 3","businessID":"HX-\(serial)","district":"\(district)","kind":"internet-agent",\
        "machines":15,"name":"Đại lý thử \(serial)","owner":"Trần Thị Bình","registeredOn":"2026-11-01"}
        """.utf8)
    }

    func violation(in district: AgencyID, category: String) -> [UInt8] {
        Array("""
        {"businessID":"HX-1","category":"\(category)","description":"Hoạt động sau 22 giờ","district":"\(district)",\
        "evidenceRef":"BB-\(serial)","observedOn":"2026-11-15","violationID":"VP-HX-\(serial)"}
        """.utf8)
    }

    func reportRequest() -> [UInt8] {
        Array("""
        {"addressees":["\(target.otherAgency)"],"dueOn":"2026-12-10","kind":"ad-hoc","periodFrom":"2026-10-01",\
        "periodTo":"2026-11-30","requestID":"BC-HX-\(serial)","requestedOn":"2026-11-30","subject":"Báo cáo đột xuất"}
        """.utf8)
    }

    static func utf16(_ text: String) -> [UInt8] {
        text.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }

    mutating func randomBytes(_ count: ClosedRange<Int>, notStartingWith excluded: [UInt8] = []) -> [UInt8] {
        var bytes = (0..<Int.random(in: count, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        while let first = bytes.first, excluded.contains(first) { bytes[0] = UInt8.random(in: 0...255, using: &random) }
        return bytes
    }

    mutating func freshID() -> String {
        let hex = (0..<32).map { _ in String(UInt8.random(in: 0...15, using: &random), radix: 16) }.joined()
        let h = Array(hex)
        return "\(String(h[0..<8]))-\(String(h[8..<12]))-4\(String(h[13..<16]))-a\(String(h[17..<20]))-\(String(h[20..<32]))"
    }

    /// Moves the model of the receiver's stream as the outcome says, and returns the input.
    mutating func record(_ inputClass: HostileClass, _ variant: String, _ frames: [[UInt8]], _ outcome: HostileOutcome, id: String?) -> HostileInput {
        switch outcome {
        case .applied:
            applied.append((id!, frames))
            next += 1
        case .rejected(_, consumed: true):
            next += 1
        default:
            break
        }
        return HostileInput(inputClass: inputClass, variant: variant, frames: frames, outcome: outcome, freshID: id)
    }
}

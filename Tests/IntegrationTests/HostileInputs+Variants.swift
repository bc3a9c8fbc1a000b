import Foundation
import PhoiHopProtocol

/// The variants of the classes with the most of them (HostileInputs.swift has the others).
extension HostileInputs {
    /// Acts whose `sig` does not verify with the author's listed keys: held, never consumed (§6.6).
    mutating func forgedSignature(id: String, body: [UInt8]) -> HostileInput {
        let c = HostileClass.forgedSignature
        let held = HostileOutcome.rejected("bad-signature", consumed: false)
        switch Int.random(in: 0..<7, using: &random) {
        case 6:
            // A genuine batch signature, with a proof that is not this act's (docs/PROTOCOL.md §4.1).
            let forgery = BatchForgery.allCases.randomElement(using: &random)!
            return record(c, "batch signature with \(forgery)", message(id: id, body: body, batch: forgery), held, id: id)
        case 0:
            return record(c, "no sig", message(id: id, body: body, replacing: ["sig": nil]), held, id: id)
        case 1:
            let text = ["\"!!!!\"", "\"\(Data(randomBytes(63...63)).base64EncodedString())\"", "\"\"", "\"\(String(repeating: "A", count: 88))=\""]
                .randomElement(using: &random)!
            return record(c, "sig not 64 bytes of base64", message(id: id, body: body, replacing: ["sig": text]), held, id: id)
        case 2:
            let forged = Data(randomBytes(64...64)).base64EncodedString()
            return record(c, "sig of random bytes", message(id: id, body: body, replacing: ["sig": "\"\(forged)\""]), held, id: id)
        case 3:
            // Signed, then the body changed on the way: one more machine.
            let tampered = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"machines\":15", with: "\"machines\":16").utf8)
            return record(c, "body changed after signing", message(id: id, body: tampered, signedBody: body), held, id: id)
        case 4:
            // Signed at one time, the header's ts moved by a millisecond.
            let signed = header(id: id, body: body)
            let text = String(decoding: signed, as: UTF8.self)
            let ts = text.range(of: #""ts":\d+"#, options: .regularExpression).map { String(text[$0].dropFirst(5)) } ?? "0"
            let moved = text.replacingOccurrences(of: "\"ts\":\(ts)", with: "\"ts\":\((Int64(ts) ?? 0) + 1)")
            return record(c, "ts changed after signing", [WireMessage.topic(for: target.receiver), Array(moved.utf8), body], held, id: id)
        default:
            // Signed as the act's author, then claimed for someone else whose key is listed too.
            let claimed = target.senderIsHub ? target.wrongSigner : target.sender
            let signedAs = header(id: id, body: body)
            let text = String(decoding: signedAs, as: UTF8.self)
            let frames: [[UInt8]]
            if target.senderIsHub {
                frames = [WireMessage.topic(for: target.receiver),
                          Array(text.replacingOccurrences(of: "\"author\":\"\(target.otherDistrict)\"", with: "\"author\":\"\(claimed)\"").utf8), body]
            } else {
                // Another district's genuinely signed act, sent as the sender's own: the signature
                // names its real author, the header the sender (claiming the author is forged-relay).
                frames = message(id: id, body: body, signer: target.otherDistrict, signedAuthor: target.otherDistrict)
            }
            return record(c, "signature of another author's act", frames, held, id: id)
        }
    }

    mutating func encoding(id: String, body: [UInt8]) -> HostileInput {
        let c = HostileClass.encoding
        let topic = WireMessage.topic(for: target.receiver)
        switch Int.random(in: 0..<14, using: &random) {
        case 0:
            var bad = body
            bad.insert(contentsOf: [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]].randomElement(using: &random)!, at: bad.count / 2)
            return record(c, "body not UTF-8", message(id: id, body: bad), .rejected("body-malformed", consumed: true), id: id)
        case 1:
            let utf16 = Self.utf16(String(decoding: body, as: UTF8.self))
            return record(c, "body in UTF-16", message(id: id, body: utf16), .rejected("body-malformed", consumed: true), id: id)
        case 2:
            return record(c, "body after a byte-order mark", message(id: id, body: [0xEF, 0xBB, 0xBF] + body), .rejected("body-malformed", consumed: true), id: id)
        case 3:
            var header = self.header(id: id)
            header.insert(0xFF, at: header.count - 3)
            return record(c, "header not UTF-8", [topic, header, body], .rejected("malformed", consumed: false), id: id)
        case 4:
            return record(c, "header in UTF-16", [topic, Self.utf16(String(decoding: header(id: id), as: UTF8.self)), body], .rejected("malformed", consumed: false), id: id)
        case 5:
            let field = ["type": "7", "ts": "\"1793932200123\"", "schema": "\"1\""].randomElement(using: &random)!
            return record(c, "header \(field.key) of the wrong JSON type", message(id: id, body: body, replacing: [field.key: field.value]),
                          .rejected("malformed", consumed: true), id: id)
        case 6:
            return record(c, "ts over 64 bits", message(id: id, body: body, replacing: ["ts": "9223372036854775808"]), .rejected("malformed", consumed: true), id: id)
        case 7:
            let field = ["seq": "\"\(next)\"", "v": "\"1\"", "origin": "\"\(target.sender.rawValue.uppercased())\"", "to": "null"].randomElement(using: &random)!
            return record(c, "position key \(field.key) of the wrong shape", message(id: id, body: body, replacing: [field.key: field.value]),
                          .rejected("malformed", consumed: false), id: id)
        case 8:
            return record(c, "id not a lower-case UUID", message(id: id.uppercased(), body: body), .rejected("invalid-field", consumed: true), id: id.uppercased())
        case 9:
            let broken = [("\"machines\":15", "\"machines\":\"15\""), ("\"internet-agent\"", "\"casino\""), ("\"2026-11-01\"", "\"2026-02-30\""),
                          ("\"district\":\"", "\"district\":\"Quận-1\",\"x\":\"")].randomElement(using: &random)!
            let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: broken.0, with: broken.1)
            return record(c, "body field of the wrong type or value", message(id: id, body: Array(text.utf8)), .rejected("body-malformed", consumed: true), id: id)
        case 10:
            let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"owner\":\"", with: "\"owner\":\"  \",\"x\":\"")
            return record(c, "body text blank", message(id: id, body: Array(text.utf8)), .rejected("body-invalid-field", consumed: true), id: id)
        case 11:
            let depth = Int.random(in: 1000...200_000, using: &random)
            let nested = Array("{\"name\":".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: depth)
            return record(c, "body nested \(depth) deep", message(id: id, body: nested), .rejected("body-malformed", consumed: true), id: id)
        case 12:
            let frames = [topic, Array("{\"kind\":\"ack\",\"v\":1,\"applied\":-1,\"origin\":\"\(target.sender)\",\"to\":\"\(target.receiver)\"}".utf8)]
            return record(c, "ack with a negative position", frames, .rejected("malformed", consumed: false), id: nil)
        default:
            let frames = [topic, Array("{\"kind\":\"heartbeat\",\"v\":1,\"applied\":0,\"lastSeq\":0,\"origin\":\"\(target.sender)\",\"pending\":0,\"rejected\":0,\"role\":\"king\",\"to\":\"\(target.receiver)\",\"ts\":0,\"version\":\"x\"}".utf8)]
            return record(c, "heartbeat with an unknown role", frames, .rejected("malformed", consumed: false), id: nil)
        }
    }

    mutating func outOfRole(id: String, body: [UInt8]) -> HostileInput {
        let c = HostileClass.outOfRole
        if target.senderIsHub {
            if Int.random(in: 0..<2, using: &random) == 0 {
                // The hub's own act of a type only districts send (P01).
                return record(c, "hub sends a district's act as its own", message(id: id, body: body, replacing: ["author": nil]),
                              .rejected("out-of-role", consumed: true), id: id)
            }
            // A relay back to its author, outside a handover (§4.1).
            return record(c, "act relayed back to its author", message(id: id, body: body, replacing: ["author": "\"\(target.receiver)\""]),
                          .rejected("invalid-field", consumed: true), id: id)
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            return record(c, "district sends a hub directive", message(id: id, body: reportRequest(), replacing: ["type": "\"report.requested\""]),
                          .rejected("out-of-role", consumed: true), id: id)
        case 1:
            return record(c, "district claims to relay another's act", message(id: id, body: body, replacing: ["author": "\"\(target.otherDistrict)\""]),
                          .rejected("forged-relay", consumed: true), id: id)
        default:
            return record(c, "district sends a handover", message(id: id, body: body, replacing: ["handover": "true"]),
                          .rejected("forged-relay", consumed: true), id: id)
        }
    }

    mutating func outOfScope(id: String) -> HostileInput {
        let c = HostileClass.outOfScope
        let unknownCategory = violation(in: actDistrict, category: "ND99-khong-co-\(serial)")
        if target.senderIsHub {
            if Int.random(in: 0..<2, using: &random) == 0 {
                return record(c, "district outside the province", message(id: id, body: business(in: Self.nowhere)),
                              .rejected("inadmissible", consumed: false), id: id)
            }
            return record(c, "violation category outside the table", message(id: id, body: unknownCategory, replacing: ["type": "\"violation.recorded\""]),
                          .rejected("inadmissible", consumed: false), id: id)
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            return record(c, "another district's business", message(id: id, body: business(in: target.otherDistrict)),
                          .rejected("out-of-scope", consumed: true), id: id)
        case 1:
            // Scope is checked before the legal tables: a district speaks only of itself.
            return record(c, "a district outside the province", message(id: id, body: business(in: Self.nowhere)),
                          .rejected("out-of-scope", consumed: true), id: id)
        default:
            return record(c, "violation category outside the table", message(id: id, body: unknownCategory, replacing: ["type": "\"violation.recorded\""]),
                          .rejected("inadmissible", consumed: false), id: id)
        }
    }
}

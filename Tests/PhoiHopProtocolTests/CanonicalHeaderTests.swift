import Foundation
@testable import PhoiHopProtocol
import Testing

/// The hand reading of headers (`CanonicalHeader`) is a fast path only: on every header, valid or
/// not, `WireMessage.decode` gives the same message or the same error with it as without it, and
/// every header the daemons write is actually read by hand.
struct CanonicalHeaderTests {
    // The same agencies and id as the header writer's tests; a signature with both of base64's
    // non-alphanumeric characters.
    static let (hub, district, police, id) = (EnvelopeHeaderTests.hub, EnvelopeHeaderTests.district,
                                              EnvelopeHeaderTests.police, EnvelopeHeaderTests.id)
    static let sig = String(repeating: "A", count: 85) + "/+=="
    static let body = Array(#"{"x":1}"#.utf8)

    /// Every shape the daemons send: each message type, relays, handovers, extreme numbers.
    static let messages: [WireMessage] = MessageType.allCases.map { type in
        .message(Envelope(type: type, id: id, origin: district, to: hub, seq: 1, ts: 1_795_000_000_000, sig: sig), body: body)
    } + [
        .message(Envelope(type: .businessRegistered, id: id, origin: district, to: hub, seq: .max, ts: .min), body: body),
        .message(Envelope(type: .businessRegistered, id: id, origin: district, to: hub, seq: UInt64(Int64.max) + 1, ts: .max, sig: sig), body: body),
        .message(Envelope(type: .violationRecorded, id: id, origin: hub, to: police, seq: 42, ts: -1, author: district, sig: sig), body: body),
        .message(Envelope(type: .certificateIssued, id: id, origin: hub, to: district, seq: 7, ts: 0, author: police, handover: true, sig: sig), body: body),
        .message(Envelope(type: .certificateIssued, id: id, origin: hub, to: district, seq: 7, ts: 0, handover: false), body: body),
        .ack(Ack(origin: hub, to: district, applied: 0)),
        .ack(Ack(origin: district, to: hub, applied: .max)),
        .resend(ResendRequest(origin: police, to: hub, from: 12)),
        .heartbeat(Heartbeat(origin: district, to: hub, role: .district, version: "1.4.0 (abc)", ts: 1_795_000_000_000,
                             lastSeq: 9, applied: 3, pending: 2, rejected: 0)),
        .heartbeat(Heartbeat(origin: hub, to: district, role: .hub, version: "1", ts: -5, lastSeq: 0, applied: 0, pending: 0,
                             rejected: UInt64(Int64.max), lost: true)),
        .heartbeat(Heartbeat(origin: hub, to: district, role: .hub, version: "1", ts: 5, lastSeq: 0, applied: 0, pending: 0,
                             rejected: 1, lost: false)),
    ]

    static func outcome(_ frames: [[UInt8]], canonical: Bool) -> Result<WireMessage, ProtocolError> {
        Result { () throws(ProtocolError) in try WireMessage.decode(frames: frames, readingCanonicalHeaders: canonical) }
    }

    @Test func everyHeaderTheDaemonsWriteIsReadByHandToTheSameMessage() throws {
        for message in Self.messages {
            let frames = message.frames()
            #expect(CanonicalHeader.probe(frames[1]) != nil, "not read by hand: \(String(decoding: frames[1], as: UTF8.self))")
            #expect(try WireMessage.decode(frames: frames) == message)
            #expect(Self.outcome(frames, canonical: false) == .success(message))
        }
    }

    /// Valid JSON outside the canonical form still decodes, through `JSONDecoder`.
    @Test func aValidHeaderInAnotherFormIsStillDecoded() throws {
        let ack = Ack(origin: Self.hub, to: Self.district, applied: 5)
        let texts: [(String, readByHand: Bool)] = [
            (#"{ "kind": "ack", "v": 1, "origin": "so-tttt", "to": "district-ben-luc", "applied": 5 }"#, false),
            (#"{"kind":"ack","v":1,"applied":5,"origin":"so-\u0074ttt","to":"district-ben-luc"}"#, false),
            (#"{"kind":"ack","v":1,"applied":5,"origin":"so-tttt","to":"district-ben-luc","comment":"extra"}"#, false),
            // Keys in another order are still the flat form: read by hand.
            (#"{"to":"district-ben-luc","applied":5,"origin":"so-tttt","v":1,"kind":"ack"}"#, true),
        ]
        for (text, readByHand) in texts {
            let frames = [WireMessage.topic(for: Self.district), Array(text.utf8)]
            #expect((CanonicalHeader.probe(frames[1]) != nil) == readByHand, "\(text)")
            #expect(try WireMessage.decode(frames: frames) == .ack(ack), "\(text)")
        }
    }

    /// Every header mutated at every position — a byte replaced, removed or doubled, whitespace
    /// or text inserted — decodes to the same message, or fails with the same error, either way.
    @Test func everyMutationDecodesAlikeWithAndWithoutTheHandReading() {
        let seeds = [Self.messages[MessageType.allCases.count + 2], Self.messages[MessageType.allCases.count + 3],
                     Self.messages[MessageType.allCases.count + 5], Self.messages[MessageType.allCases.count + 7],
                     Self.messages[MessageType.allCases.count + 9]]
        let replacements: [UInt8] = Array(#" "\-0.e}{,:1tn"#.utf8) + [0x00, 0x7F, 0x80, 0xC3]
        let insertions = [" ", "\"x\":1,", "00", "-", ".5", "null", "\\u0041", "\"v\":1,", "\"seq\":2,", "99999999999999999999"]
        var mutations = Mutations(replacements: replacements, insertions: insertions)
        for seed in seeds {
            let frames = seed.frames()
            func withHeader(_ header: [UInt8]) -> [[UInt8]] { [frames[0], header] + frames.dropFirst(2) }
            mutations.compare(frames[1], byHand: { CanonicalHeader.probe($0) != nil },
                              fast: { Self.outcome(withHeader($0), canonical: true) },
                              slow: { Self.outcome(withHeader($0), canonical: false) })
        }
        #expect(mutations.agreed == mutations.cases)
        // Some mutations stay canonical (a digit changed, a key's value swapped): those are read by hand.
        #expect(mutations.readByHand > 0)
        #expect(mutations.cases > 10_000)
    }
}

/// `Check.isBlank` answers as Foundation's trimming did (`whitespacesAndNewlines`), for every
/// scalar of the Basic Multilingual Plane alone, and for texts mixing them.
struct BlankTextTests {
    static func foundationBlank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    @Test func blankIsWhatFoundationsTrimmingLeftEmpty() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if Check.isBlank(text) != Self.foundationBlank(text) { differing.append(value) }
        }
        #expect(differing.isEmpty, "differs for \(differing.prefix(20).map { String($0, radix: 16) })")
        for text in ["", " ", " \n\t\r", "\u{3000}\u{00A0}\u{2028}", " a ", "\u{3000}Đ", "\u{200B}", "x"] {
            #expect(Check.isBlank(text) == Self.foundationBlank(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

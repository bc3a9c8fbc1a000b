import Foundation
@testable import PhoiHopProtocol
import Testing

/// The hand-written header writer (`Envelope.header`) must produce exactly the bytes the
/// `Codable` path produces, for every shape of envelope: receivers, the log and captures see no
/// difference.
struct EnvelopeHeaderTests {
    static let hub = AgencyID.hub
    static let district = AgencyID(rawValue: "district-ben-luc")!
    static let police = AgencyID(rawValue: "cong-an")!
    static let id = "0a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d"
    static let sig = String(repeating: "A", count: 86) + "=="

    static let envelopes: [Envelope] = [
        Envelope(type: .businessRegistered, id: id, origin: district, to: hub, seq: 1, ts: 1_795_000_000_000),
        Envelope(type: .businessRegistered, id: id, origin: district, to: hub, seq: .max, ts: .min, sig: sig),
        Envelope(type: .violationRecorded, id: id, origin: hub, to: police, seq: 42, ts: -1, author: district, sig: sig),
        Envelope(type: .certificateIssued, id: id, origin: hub, to: district, seq: 7, ts: 0, author: district, handover: true, sig: sig),
        Envelope(type: .certificateIssued, id: id, origin: hub, to: district, seq: 7, ts: 0, handover: false),
    ]

    @Test(arguments: envelopes)
    func theHandWrittenHeaderIsByteForByteTheEncodersHeader(_ envelope: Envelope) throws {
        #expect(envelope.header == WireMessage.header("msg", envelope))
        // And it decodes back to the same envelope.
        let decoded = try WireMessage.decode(frames: WireMessage.message(envelope, body: Array("{}".utf8)).frames())
        #expect(decoded == .message(envelope, body: Array("{}".utf8)))
    }

    /// Fields the wire validates never need escaping, but the writer escapes like the encoder:
    /// an envelope built in memory with odd text still gives valid JSON, the encoder's bytes.
    @Test(arguments: ["quote\"d", "back\\slash", "new\nline\ttab\r", "\u{01}\u{1F}\u{08}\u{0C}", "slash/ok", "chữ Việt"])
    func stringsAreEscapedAsTheEncoderEscapesThem(_ text: String) {
        var envelope = Envelope(type: .businessRegistered, id: Self.id, origin: Self.district, to: Self.hub, seq: 3, ts: 5)
        envelope.id = text
        envelope.sig = text
        #expect(envelope.header == WireMessage.header("msg", envelope))
    }
}

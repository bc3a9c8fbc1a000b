import Foundation
@testable import PhoiHopBus
import PhoiHopProtocol
import Sodium
import Testing
import ZeroMQ

/// The order-free part of receiving (decoding, the body, the signature) is done for a whole
/// drain on every core; it must give, message for message, what doing it one by one gives.
struct PreparedMessageTests {
    static let district = AgencyID(rawValue: "district-ben-luc")!
    static let authorKey = SigningKeyPair.generate()
    static let strangerKey = SigningKeyPair.generate()
    static let hubSigning = ActSigning(key: SigningKeyPair.generate(), signers: [district: [authorKey.publicKey]])

    static func act(seq: UInt64, signedBy key: SigningKeyPair?, body: [UInt8]? = nil) -> [[UInt8]] {
        let business = MessageBody(BusinessRegistered(
            businessID: "BL-\(seq)", name: "Đại lý \(seq)", kind: .internetAgent, district: district, address: "\(seq) Đường số 3",
            owner: "Nguyễn Văn An", machines: 3, registeredOn: try! CivilDate(parsing: "2026-11-01")))
        let bytes = body ?? business.encoded()
        var envelope = Envelope(type: .businessRegistered, id: UUID().uuidString.lowercased(), origin: district, to: .hub, seq: seq, ts: 1_795_000_000_000)
        if let key { envelope.sig = key.sign(envelope.signingInput(body: bytes)).base64 }
        return WireMessage.message(envelope, body: bytes).frames()
    }

    /// One line per prepared message, enough to tell any two outcomes apart.
    static func describe(_ prepared: PreparedMessage) -> String {
        let wire = switch prepared.wire {
        case let .success(message): "ok \(message.origin) → \(message.recipient)"
        case let .failure(error): "malformed: \(error)"
        }
        func signature(_ check: ActSigning.Check) -> String {
            switch check {
            case .verified: "verified"
            case .unverifiedRelay: "unverified relay"
            case let .refused(rejection): "refused: \(rejection)"
            }
        }
        let act = switch prepared.act {
        case nil: "no body | no check"
        case let .act(body, check)?: "body \(body.type.rawValue) \(body.value.concernedBusiness ?? "") | \(signature(check))"
        case let .badBody(error)?: "bad body: \(error) | no check"
        }
        return [wire, act].joined(separator: " | ")
    }

    @Test func aDrainPreparedOnEveryCoreIsWhatPreparingOneByOneGives() {
        var frames: [[[UInt8]]] = []
        for seq in 1...60 as ClosedRange<UInt64> {
            switch seq % 6 {
            case 0: frames.append(Self.act(seq: seq, signedBy: Self.strangerKey))        // does not verify
            case 1: frames.append(Self.act(seq: seq, signedBy: nil))                     // unsigned
            case 2: frames.append(Self.act(seq: seq, signedBy: Self.authorKey, body: Array(#"{"businessID":1}"#.utf8)))
            case 3: frames.append([Array("@so-tttt/".utf8), Array("{not json".utf8), []])
            default: frames.append(Self.act(seq: seq, signedBy: Self.authorKey))
            }
        }
        let messages = frames.map { ReceivedMessage(frames: $0) }
        let applied = [Self.district: UInt64(10)]
        let parallel = PreparedMessage.prepareAll(messages, signing: Self.hubSigning, identity: .hub, applied: applied)
        let serial = messages.map { PreparedMessage.prepare($0.frames, signing: Self.hubSigning, identity: .hub, applied: applied) }
        #expect(parallel.map(Self.describe) == serial.map(Self.describe))

        // And the outcomes are the ones each message deserves.
        let described = parallel.map(Self.describe)
        #expect(described[4 - 1].hasSuffix("no body | no check"), "seq 4 is at or below what was applied: a duplicate")
        #expect(described[16 - 1].hasSuffix("body business.registered BL-16 | verified"))
        #expect(described[12 - 1].contains("refused: ") && described[12 - 1].contains("does not verify"))
        #expect(described[13 - 1].contains("refused: ") && described[13 - 1].contains("not signed"))
        #expect(described[14 - 1].contains("bad body: "))
        #expect(described[15 - 1].hasPrefix("malformed: "))
    }

    /// A sender that resent its window while the first copies were still queued: the drain holds
    /// each seq twice. Only the first copy's act is worked out; the second is a duplicate once the
    /// first is taken, and costs its header only.
    @Test func onlyTheFirstCopyOfASeqInADrainHasItsActWorkedOut() {
        let originals = (11...20 as ClosedRange<UInt64>).map { Self.act(seq: $0, signedBy: Self.authorKey) }
        let messages = (originals + originals).map { ReceivedMessage(frames: $0) }
        let prepared = PreparedMessage.prepareAll(messages, signing: Self.hubSigning, identity: .hub, applied: [Self.district: 10])
        let described = prepared.map(Self.describe)
        for (index, line) in described.enumerated() {
            if index < 10 {
                #expect(line.hasSuffix("body business.registered BL-\(index + 11) | verified"), "\(line)")
            } else {
                #expect(line == "ok district-ben-luc → so-tttt | no body | no check", "\(line)")
            }
        }
    }
}

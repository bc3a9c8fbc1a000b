import Foundation
@testable import PhoiHopBus
import PhoiHopProtocol
import Sodium
import Testing

/// A receiver's check of acts signed in a batch (docs/PROTOCOL.md §4.1): each act by its own
/// proof, the batch's signature verified once and remembered only by the keys that verified it.
struct ActSigningTests {
    static let district = AgencyID(rawValue: "district-ben-luc")!
    static let ts: Int64 = 1_795_000_000_000

    static func business(_ n: Int) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: "BL-\(n)", name: "Đại lý \(n)", kind: .internetAgent, district: district, address: "\(n) Đường số 3",
            owner: "Nguyễn Văn An", machines: 3, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    /// `count` acts of the district signed as one batch by `signing`, as envelopes with their bodies.
    static func batch(_ count: Int, signedBy signing: ActSigning) -> [(envelope: Envelope, body: [UInt8])] {
        let acts = (1...count).map { (type: MessageType.businessRegistered, id: UUID().uuidString.lowercased(), body: business($0).encoded()) }
        let signatures = signing.sign(acts, author: district, ts: ts)
        return zip(acts, signatures).enumerated().map { seq, pair in
            var envelope = Envelope(type: pair.0.type, id: pair.0.id, origin: district, to: .hub, seq: UInt64(seq + 1), ts: ts)
            envelope.sig = pair.1.base64
            return (envelope, pair.0.body)
        }
    }

    static func outcome(_ check: ActSigning.Check) -> String {
        switch check {
        case .verified: "verified"
        case .unverifiedRelay: "unverified relay"
        case let .refused(rejection): "refused: \(rejection)"
        }
    }

    @Test func eachActOfABatchIsVerifiedAndTheBatchSignatureOnlyOnce() {
        let author = ActSigning(key: SigningKeyPair.generate(), signers: [:])
        let hub = ActSigning(key: SigningKeyPair.generate(), signers: [Self.district: [author.key.publicKey]])
        let acts = Self.batch(9, signedBy: author)
        #expect(Set(acts.map { $0.envelope.sig!.prefix(86) }).count == 1, "one signature for the nine")
        for (n, act) in acts.enumerated() {
            #expect(Self.outcome(hub.check(act.envelope, body: act.body, ownAuthor: .hub)) == "verified")
            #expect(hub.verified.count == 1, "act \(n + 1): the batch is remembered once")
            #expect(hub.verified.hits == n, "act \(n + 1): every act after the first is checked by its proof alone")
        }
        // A batch of one is signed alone and remembers nothing.
        let lone = Self.batch(1, signedBy: author)[0]
        #expect(Data(base64Encoded: lone.envelope.sig!)!.count == 64)
        #expect(Self.outcome(hub.check(lone.envelope, body: lone.body, ownAuthor: .hub)) == "verified")
        #expect(hub.verified.count == 1 && hub.verified.hits == 8)
    }

    @Test func aRememberedBatchVouchesForNoOtherContentAndNotAfterTheKeysChange() {
        let author = ActSigning(key: SigningKeyPair.generate(), signers: [:])
        let hub = ActSigning(key: SigningKeyPair.generate(), signers: [Self.district: [author.key.publicKey]])
        let acts = Self.batch(4, signedBy: author)
        #expect(Self.outcome(hub.check(acts[0].envelope, body: acts[0].body, ownAuthor: .hub)) == "verified")
        // Another act's body under the first act's proof: its leaf leads to another root.
        let swapped = hub.check(acts[0].envelope, body: acts[1].body, ownAuthor: .hub)
        #expect(Self.outcome(swapped).contains("does not verify"), "\(Self.outcome(swapped))")
        var retimed = acts[2].envelope
        retimed.ts += 1
        #expect(Self.outcome(hub.check(retimed, body: acts[2].body, ownAuthor: .hub)).contains("does not verify"))
        // A reload that drops the author's key starts with nothing remembered.
        let reloaded = ActSigning(key: hub.key, signers: [Self.district: [SigningKeyPair.generate().publicKey]])
        #expect(Self.outcome(reloaded.check(acts[1].envelope, body: acts[1].body, ownAuthor: .hub)).contains("does not verify"))
    }

    @Test func aMalformedOrMisfittingProofIsRefusedSayingWhatIsWrong() throws {
        let author = ActSigning(key: SigningKeyPair.generate(), signers: [:])
        let hub = ActSigning(key: SigningKeyPair.generate(), signers: [Self.district: [author.key.publicKey]])
        let act = Self.batch(5, signedBy: author)[3]
        let bytes = Array(try #require(Data(base64Encoded: act.envelope.sig!)))
        var truncated = act.envelope
        truncated.sig = Data(bytes.dropLast(5)).base64EncodedString()
        let malformed = Self.outcome(hub.check(truncated, body: act.body, ownAuthor: .hub))
        #expect(malformed.contains("inclusion proof is malformed"), "\(malformed)")
        var short = act.envelope
        short.sig = Data(bytes.dropLast(32)).base64EncodedString()
        let misfit = Self.outcome(hub.check(short, body: act.body, ownAuthor: .hub))
        #expect(misfit.contains("does not lead to a root"), "\(misfit)")
        #expect(hub.verified.count == 0)
    }
}

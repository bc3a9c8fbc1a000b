public import PhoiHopProtocol
public import Sodium
import Synchronization

/// Who signs on this bus: this daemon's own signing key, and the public keys it checks other
/// authors' signatures with — at the hub, every agency's keys from the allow-list; at an agency,
/// the hub's keys and those of the agencies whose acts the hub relays to it.
///
/// An author may have several keys listed: after a rotation the old key stays listed while acts
/// it signed may still arrive, then is removed (docs/SECURITY.md).
///
/// Acts recorded together are signed together: one signature over the batch's Merkle root, each
/// act carrying its inclusion proof (``MerkleBatch``, docs/PROTOCOL.md §4.1). A receiver verifies
/// a batch's signature once and remembers it (``VerifiedBatches``), so the batch's other acts
/// cost it a few hashes each, not an Ed25519 verification.
public struct ActSigning: Sendable {
    public let key: SigningKeyPair
    public let signers: [AgencyID: [SigningPublicKey]]
    /// The batches whose signatures this instance has verified. A new instance (a reload that
    /// changes the keys) starts empty, so a batch is never accepted on a key no longer listed.
    let verified = VerifiedBatches()

    public init(key: SigningKeyPair, signers: [AgencyID: [SigningPublicKey]]) {
        self.key = key; self.signers = signers
    }

    /// One signature over every act of a batch this daemon records, each with its proof; a lone
    /// act is signed alone.
    func sign(_ acts: [(type: MessageType, id: String, body: [UInt8])], author: AgencyID, ts: Int64) -> [ActSignature] {
        MerkleBatch.sign(acts.map { Envelope.signingInput(type: $0.type, schema: $0.type.schemaVersion, id: $0.id, author: author, ts: ts, body: $0.body) },
                         with: key)
    }

    /// What a received act's signature proves.
    enum Check {
        case verified
        /// A relay by an agency whose key is not configured here (an agency's `signers` is
        /// optional): applied on the hub's word, which checked it, and counted.
        case unverifiedRelay
        case refused(Rejection)
    }

    /// Checks a received act's signature against the keys listed for its author. The hub's own
    /// acts and, at the hub, every agency's must verify; a relay whose author has no key listed
    /// here is ``Check/unverifiedRelay``.
    func check(_ envelope: Envelope, body: [UInt8], ownAuthor: AgencyID) -> Check {
        let author = envelope.recordedBy
        guard let text = envelope.sig else { return .refused(.badSignature(author: author, detail: "the act is not signed")) }
        let signature: ActSignature
        do { signature = try ActSignature(base64: text) } catch {
            return .refused(.badSignature(author: author, detail: "its sig is not an Ed25519 signature (64 bytes, then a batch's inclusion proof if any) in base64: \(error)"))
        }
        // A handover may return this daemon's own act: checked with its own key, and with the
        // retired keys of its own it lists under its own id (acts signed before a rotation).
        let keys = author == ownAuthor ? [key.publicKey] + (signers[author] ?? []) : signers[author] ?? []
        if keys.isEmpty {
            return envelope.author != nil && envelope.origin == .hub
                ? .unverifiedRelay : .refused(.badSignature(author: author, detail: "no signing key is configured here for '\(author)'"))
        }
        guard let input = signature.signedInput(for: envelope.signingInput(body: body)) else {
            return .refused(.badSignature(author: author, detail: "its batch inclusion proof does not lead to a root: the path does not fit the batch's size"))
        }
        let remembered = signature.verifiedBatch(by: author.rawValue, input)
        if let remembered, verified.contains(remembered) { return .verified }
        guard keys.contains(where: { $0.verifies(signature.signature, of: input.bytes) }) else {
            return .refused(.badSignature(author: author, detail: "the signature does not verify with the signing keys listed here for '\(author)' (\(keys.map(\.fingerprint).joined(separator: ", ")))"))
        }
        if let remembered { verified.insert(remembered) }
        return .verified
    }
}

/// The batch signatures a receiver has verified lately (``ActSignature/VerifiedBatch``): an act
/// whose proof leads to one is not verified again. Shared by the threads that prepare a drain;
/// bounded, since a batch's acts arrive together (a sender's window), and forgetting one only
/// costs one more verification.
final class VerifiedBatches: Sendable {
    typealias Key = ActSignature.VerifiedBatch

    /// How many batches are remembered before the oldest half is forgotten.
    static let capacity = 256

    private let state = Mutex<(keys: Set<Key>, order: [Key], hits: Int)>(([], [], 0))

    /// Whether `key` was verified lately; counted in ``hits`` when it was.
    func contains(_ key: Key) -> Bool {
        state.withLock { state in
            guard state.keys.contains(key) else { return false }
            state.hits += 1
            return true
        }
    }

    func insert(_ key: Key) {
        state.withLock { state in
            guard state.keys.insert(key).inserted else { return }
            state.order.append(key)
            if state.order.count > Self.capacity {
                let forgotten = state.order.prefix(Self.capacity / 2)
                state.keys.subtract(forgotten)
                state.order.removeFirst(forgotten.count)
            }
        }
    }

    var count: Int { state.withLock { $0.keys.count } }
    /// How many checks a remembered batch spared an Ed25519 verification.
    var hits: Int { state.withLock { $0.hits } }
}

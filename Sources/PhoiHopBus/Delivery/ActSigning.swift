public import PhoiHopProtocol
public import Sodium

/// Who signs on this bus: this daemon's own signing key, and the public keys it checks other
/// authors' signatures with — at the hub, every agency's keys from the allow-list; at an agency,
/// the hub's keys and those of the agencies whose acts the hub relays to it.
///
/// An author may have several keys listed: after a rotation the old key stays listed while acts
/// it signed may still arrive, then is removed (docs/SECURITY.md).
public struct ActSigning: Sendable {
    public let key: SigningKeyPair
    public let signers: [AgencyID: [SigningPublicKey]]

    public init(key: SigningKeyPair, signers: [AgencyID: [SigningPublicKey]]) {
        self.key = key; self.signers = signers
    }

    /// The signature of an act this daemon records.
    func sign(type: MessageType, id: String, author: AgencyID, ts: Int64, body: [UInt8]) -> Signature {
        key.sign(Envelope.signingInput(type: type, schema: type.schemaVersion, id: id, author: author, ts: ts, body: body))
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
        guard let signature = try? Signature(base64: text) else {
            return .refused(.badSignature(author: author, detail: "its sig is not a 64-byte Ed25519 signature in base64"))
        }
        // A handover may return this daemon's own act: checked with its own key.
        let keys = author == ownAuthor ? [key.publicKey] : signers[author] ?? []
        if keys.isEmpty {
            return envelope.author != nil && envelope.origin == .hub
                ? .unverifiedRelay : .refused(.badSignature(author: author, detail: "no signing key is configured here for '\(author)'"))
        }
        let input = envelope.signingInput(body: body)
        guard keys.contains(where: { $0.verifies(signature, of: input) }) else {
            return .refused(.badSignature(author: author, detail: "the signature does not verify with the signing keys listed here for '\(author)' (\(keys.map(\.fingerprint).joined(separator: ", ")))"))
        }
        return .verified
    }
}

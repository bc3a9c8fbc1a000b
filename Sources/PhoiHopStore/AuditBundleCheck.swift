import Foundation
public import Sodium

/// What verifying an ``AuditBundle`` offline proved, or why it did not.
public struct AuditBundleReport: Codable, Sendable {
    public struct Act: Codable, Sendable {
        public var position: Int64
        public var id: String
        public var type: String
        public var author: String
        public var business: String?
        public var sentAt: Int64
        public var acceptedAt: Int64
        /// The fingerprint of the key its signature verifies with; nil when it does not.
        public var signerFingerprint: String?
    }
    public struct Problem: Codable, Sendable, Equatable {
        public init(kind: Kind, position: Int64? = nil, detail: String) { self.kind = kind; self.position = position; self.detail = detail }
        public enum Kind: String, Codable, Sendable {
            /// Not this format, or a field that is not valid hex/base64.
            case malformed
            /// Entries out of order, outside the covered range, or positions with neither entry nor leaf hash.
            case layout
            /// The checkpoint is not signed with the reader's trusted key.
            case hubKeyNotTrusted
            /// The checkpoint's key is not among the keys the bundle lists for its signer.
            case checkpointKeyNotListed
            case checkpointForged
            /// An entry's signature does not verify with its author's keys.
            case badSignature
            /// The recomputed chain does not reach the checkpoint's chain hash.
            case chainMismatch
        }
        public var kind: Kind
        public var position: Int64?
        /// English.
        public var detail: String
    }
    public var log: String
    public var selection: AuditBundle.Selection
    public var checkpoint: AuditBundle.SignedCheckpoint?
    /// Whether the checkpoint key is the trusted hub key the reader gave; nil when none was given.
    public var hubKeyTrusted: Bool?
    public var acts: [Act] = []
    /// Evidence the bundle was altered or is not what it claims, first found first.
    public var problems: [Problem] = []
    /// What could not be checked (an author whose key the bundle lacks).
    public var cannotCheck: [String] = []

    public var verdict: AuditReport.Verdict { !problems.isEmpty ? .tampered : !cannotCheck.isEmpty ? .incomplete : .intact }
}

extension AuditBundle {
    /// Verifies the bundle with nothing but itself: the chain from its entries and leaf hashes
    /// to the checkpoint's chain hash, the checkpoint's signature, every entry's signature.
    /// `trustedHubKey`: the reader's own copy of the log signer's key; the bundle's is then
    /// required to be it.
    public func verify(trustedHubKey: SigningPublicKey? = nil) -> AuditBundleReport {
        var report = AuditBundleReport(log: log, selection: selection, checkpoint: checkpoint)
        guard format == AuditBundle.formatName else {
            report.problems.append(.init(kind: .malformed, detail: "the format is '\(format.prefix(60))', not \(AuditBundle.formatName)"))
            return report
        }
        var keyring: [String: [SigningPublicKey]] = [:]
        for key in keys {
            guard let parsed = try? SigningPublicKey(base64: key.key) else {
                report.problems.append(.init(kind: .malformed, detail: "the key listed for '\(key.agency)' is not an Ed25519 public key"))
                continue
            }
            keyring[key.agency, default: []].append(parsed)
        }

        // The checkpoint: signed by a key the bundle lists for its signer, and, if the reader has one, the trusted key.
        if let cp = checkpoint.checkpoint {
            if let trustedHubKey {
                report.hubKeyTrusted = trustedHubKey.bytes == cp.signerKey
                if report.hubKeyTrusted == false {
                    report.problems.append(.init(kind: .hubKeyNotTrusted, detail: "the checkpoint is signed with \(checkpoint.signerFingerprint), not with the trusted key \(trustedHubKey.fingerprint)"))
                }
            }
            if !(keyring[cp.signer] ?? []).contains(where: { $0.bytes == cp.signerKey }) {
                report.problems.append(.init(kind: .checkpointKeyNotListed, detail: "the checkpoint's key is not among the keys the bundle lists for '\(cp.signer)'"))
            }
            if !cp.signatureVerifies {
                report.problems.append(.init(kind: .checkpointForged, detail: "the checkpoint's signature does not verify: the checkpoint was altered or forged"))
            }
        } else {
            report.problems.append(.init(kind: .malformed, detail: "the checkpoint's chain hash, key or signature is not valid hex/base64"))
        }

        // The entries: in order, inside the covered range, each in its own slot.
        let count = Int(checkpoint.position - start + 1)
        guard start >= 1, count >= 1, leafHashes.count == count else {
            report.problems.append(.init(kind: .layout, detail: "the bundle covers positions \(start)–\(checkpoint.position) but has \(leafHashes.count) leaf slots"))
            return report
        }
        var leaves = [[UInt8]?](repeating: nil, count: count)
        var previousPosition = start - 1
        for bundled in entries {
            guard let entry = ChainEntry(bundled) else {
                report.problems.append(.init(kind: .malformed, position: bundled.position, detail: "the entry at position \(bundled.position) has a body or signature that is not base64"))
                continue
            }
            guard entry.position > previousPosition, entry.position <= checkpoint.position,
                  leafHashes[Int(entry.position - start)] == nil else {
                report.problems.append(.init(kind: .layout, position: entry.position, detail: "the entry at position \(entry.position) is out of order, outside \(start)–\(checkpoint.position) or duplicated"))
                continue
            }
            previousPosition = entry.position
            leaves[Int(entry.position - start)] = entry.leafHash
            let key = AuditVerifier.signingKey(entry, keys: keyring[entry.author] ?? [])
            report.acts.append(AuditBundleReport.Act(
                position: entry.position, id: entry.id, type: entry.type, author: entry.author, business: entry.business,
                sentAt: entry.sentAt, acceptedAt: entry.acceptedAt, signerFingerprint: key?.fingerprint))
            if key == nil {
                if keyring[entry.author] == nil {
                    report.cannotCheck.append("the bundle has no key of '\(entry.author)' for the entry at position \(entry.position)")
                } else {
                    report.problems.append(.init(kind: .badSignature, position: entry.position, detail: "the signature of the entry at position \(entry.position) (id \(entry.id)) does not verify with the keys of '\(entry.author)': the act was changed"))
                }
            }
        }
        for (index, text) in leafHashes.enumerated() where text != nil {
            guard let leaf = Hex.decode(text!), leaf.count == 32 else {
                report.problems.append(.init(kind: .malformed, position: start + Int64(index), detail: "the leaf hash of position \(start + Int64(index)) is not 32 bytes of hex"))
                return report
            }
            leaves[index] = leaf
        }
        guard leaves.allSatisfy({ $0 != nil }) else {
            report.problems.append(.init(kind: .layout, detail: "some positions between \(start) and \(checkpoint.position) have neither an entry nor a leaf hash"))
            return report
        }

        // The chain, from the hash before the first entry to the checkpoint.
        guard var chain = Hex.decode(previousChainHash), chain.count == 32 else {
            report.problems.append(.init(kind: .malformed, detail: "previousChainHash is not 32 bytes of hex"))
            return report
        }
        for leaf in leaves { chain = LogChain.link(chain, leaf!) }
        if Fingerprint.hex(chain) != checkpoint.chainHash {
            report.problems.append(.init(kind: .chainMismatch, detail: "the chain recomputed from the bundle does not reach the checkpoint's chain hash: an entry, a leaf hash or the checkpoint was changed"))
        }
        return report
    }
}

import Foundation
public import GRDB
import PhoiHopProtocol
public import Sodium

/// Something ``AuditVerifier`` found. `detail` is English (logs, `--json`); the console words
/// it for the officer from `kind`.
public struct AuditFinding: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Positions are missing: entries were deleted.
        case entryMissing
        /// The leaf hash does not match the content (or the hashes are gone): the entry was changed.
        case entryChanged
        /// The chain hash does not follow from the previous one: an entry before was deleted,
        /// inserted or moved, or a hash was altered.
        case chainBroken
        /// No signature, a malformed one, or one that does not verify (not explained by a rotation).
        case badSignature
        /// The author has no key here, or a key that no longer verifies on a checkpointed entry
        /// (rotated out): cannot check.
        case unknownSigner
        /// A checkpoint whose signature does not verify with its key.
        case checkpointForged
        /// A checkpoint signed with a key not among the signer's trusted keys: cannot check.
        case checkpointUnknownKey
        /// The log's chain hash (or entry count) at a checkpoint's position is not the signed one.
        case checkpointMismatch
        /// A checkpoint covers entries the log no longer has: its tail was cut.
        case logTruncated
    }
    public var kind: Kind
    public var position: Int64?
    public var id: String?
    public var author: String?
    public var detail: String
    /// True: evidence of tampering. False: could not be checked.
    public var tampered: Bool
}

/// What ``AuditVerifier/verify(databasePath:keys:)`` found.
public struct AuditReport: Sendable, Codable {
    public enum Verdict: String, Sendable, Codable { case intact, tampered, incomplete }
    public var database: String
    public var entries: Int64 = 0
    public var lastPosition: Int64 = 0
    /// Entries whose leaf and chain hashes were recomputed and matched.
    public var hashesVerified: Int64 = 0
    public var signaturesVerified: Int64 = 0
    /// Verified signatures per author.
    public var signedBy: [String: Int64] = [:]
    public var checkpoints = 0
    public var checkpointsVerified = 0
    /// The last checkpoint whose signature verified with a trusted key and which the log matches.
    public var lastCheckpoint: Int64?
    public var lastCheckpointSignedAt: Int64?
    /// Entries after ``lastCheckpoint``: whoever holds the file could rewrite them undetected.
    public var uncovered: Int64 = 0
    public var tamperedCount = 0
    public var cannotCheckCount = 0
    /// The first findings of each sort, in position order (at most ``AuditVerifier/findingLimit``).
    public var tampered: [AuditFinding] = []
    public var cannotCheck: [AuditFinding] = []

    public var verdict: Verdict { tamperedCount > 0 ? .tampered : cannotCheckCount > 0 ? .incomplete : .intact }

    mutating func add(_ finding: AuditFinding) {
        if finding.tampered {
            tamperedCount += 1
            if tampered.count < AuditVerifier.findingLimit { tampered.append(finding) }
        } else {
            cannotCheckCount += 1
            if cannotCheck.count < AuditVerifier.findingLimit { cannotCheck.append(finding) }
        }
    }
}

/// Checks a daemon's log as docs/AUDIT.md §4 says: every leaf and chain hash recomputed, every
/// act's signature, every checkpoint's signature and that the log matches it. Reads the file
/// only, in one read transaction (a snapshot, so a running daemon's appends do not interfere).
public enum AuditVerifier {
    public static let findingLimit = 50

    /// Opens `path` read-only. Throws ``StoreError`` when it is not a PhoiHop database with a hash chain.
    public static func open(_ path: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(path: path, problem: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let chained = try queue.read { db in
            try db.tableExists("log_checkpoints") && db.columns(in: "message_log").contains { $0.name == "chain_hash" }
        }
        guard chained else {
            throw StoreError(path: path, problem: "its log is not hash-chained (a version before the audit chain); start its daemon once with this version")
        }
        return queue
    }

    /// Verifies the database at `path` with `keys`: each author's public keys (the daemon's own
    /// among them, for its own acts and its checkpoints). `kept`: checkpoints kept elsewhere (from
    /// bundles exported earlier), checked against the log like its own — they reveal a rewrite
    /// whose author also deleted the file's checkpoints after a point.
    public static func verify(databasePath path: String, keys: [String: [SigningPublicKey]], kept: [Checkpoint] = []) throws -> AuditReport {
        let queue = try open(path)
        defer { try? queue.close() }
        return try queue.read { db in try verify(db, keys: keys, kept: kept, name: path) }
    }

    public static func verify(_ db: Database, keys: [String: [SigningPublicKey]], kept: [Checkpoint] = [], name: String = "") throws -> AuditReport {
        var report = AuditReport(database: name)
        var checkpoints = try Checkpoints.all(db)
        for checkpoint in kept where !checkpoints.contains(checkpoint) { checkpoints.append(checkpoint) }
        checkpoints.sort { $0.position < $1.position }
        report.checkpoints = checkpoints.count
        var trustedCheckpoints: Set<Int64> = []
        var findings: [AuditFinding] = []
        for cp in checkpoints {
            guard let trusted = keys[cp.signer], trusted.contains(where: { $0.bytes == cp.signerKey }) else {
                let shown = (try? SigningPublicKey(bytes: cp.signerKey))?.fingerprint ?? "a malformed key"
                findings.append(AuditFinding(kind: .checkpointUnknownKey, position: cp.position, detail:
                    "the checkpoint at position \(cp.position) is signed by '\(cp.signer)' with \(shown), not a key trusted for it here", tampered: false))
                continue
            }
            if cp.signatureVerifies { trustedCheckpoints.insert(cp.position) } else {
                findings.append(AuditFinding(kind: .checkpointForged, position: cp.position, detail:
                    "the checkpoint at position \(cp.position) does not verify with its signer's key: it was altered or forged", tampered: true))
            }
        }

        var pending = checkpoints[...]
        var matched: Set<Int64> = []
        var expected: Int64 = 1
        var storedPrevious = LogChain.genesis
        var recomputed = LogChain.genesis
        // Batches whose signature verified: their other acts need only their proofs.
        var verifiedBatches: Set<ActSignature.VerifiedBatch> = []
        var badSignatures: [AuditFinding] = []
        var after: Int64 = 0
        while true {
            let batch = try LogChain.entries(db, after: after, limit: 5000)
            guard let last = batch.last else { break }
            after = last.entry.position
            for (entry, storedLeaf, storedChain) in batch {
                let leaf = entry.leafHash
                if entry.position != expected {
                    findings.append(AuditFinding(kind: .entryMissing, position: expected, detail:
                        "positions \(expected)–\(entry.position - 1) are missing: those entries were deleted after they were logged", tampered: true))
                } else if storedLeaf != leaf {
                    findings.append(AuditFinding(kind: .entryChanged, position: entry.position, id: entry.id, author: entry.author, detail:
                        storedLeaf == nil ? "its hashes were removed" : "its content no longer matches its leaf hash: it was changed after it was logged",
                        tampered: true))
                } else if storedChain != LogChain.link(storedPrevious, leaf) {
                    findings.append(AuditFinding(kind: .chainBroken, position: entry.position, id: entry.id, author: entry.author, detail:
                        "its chain hash does not follow from the entry before: an entry was changed, deleted, inserted or moved", tampered: true))
                } else {
                    report.hashesVerified += 1
                }
                expected = entry.position + 1
                storedPrevious = storedChain ?? []
                recomputed = LogChain.link(recomputed, leaf)
                report.entries += 1
                report.lastPosition = entry.position

                while let cp = pending.first, cp.position <= entry.position {
                    pending.removeFirst()
                    if cp.position < entry.position {
                        findings.append(AuditFinding(kind: .checkpointMismatch, position: cp.position, detail:
                            "the entry the checkpoint at position \(cp.position) covers is missing", tampered: true))
                    } else if cp.chainHash != recomputed || cp.entries != report.entries {
                        findings.append(AuditFinding(kind: .checkpointMismatch, position: cp.position, id: entry.id, detail:
                            "the log up to position \(cp.position) is not what the checkpoint signed: entries up to it were rewritten", tampered: true))
                    } else {
                        matched.insert(cp.position)
                    }
                }

                if let finding = signatureFinding(entry, keys: keys, verifiedBatches: &verifiedBatches) {
                    if finding.kind == .unknownSigner { findings.append(finding) } else { badSignatures.append(finding) }
                } else {
                    report.signaturesVerified += 1
                    report.signedBy[entry.author, default: 0] += 1
                }
            }
        }
        for cp in pending {
            findings.append(AuditFinding(kind: .logTruncated, position: cp.position, detail:
                "the checkpoint at position \(cp.position) covers entries the log no longer has (it ends at \(report.lastPosition)): its tail was deleted",
                tampered: true))
        }

        let valid = checkpoints.filter { trustedCheckpoints.contains($0.position) && matched.contains($0.position) }
        report.checkpointsVerified = valid.count
        report.lastCheckpoint = valid.last?.position
        report.lastCheckpointSignedAt = valid.last?.signedAt
        report.uncovered = report.lastPosition - (valid.last?.position ?? 0)
        // A signature that no longer verifies on an intact entry a trusted checkpoint covers was
        // verified when it was logged: its key was rotated out since. Otherwise it is tampering.
        let firstBreak = findings.filter(\.tampered).compactMap(\.position).min() ?? .max
        for var finding in badSignatures {
            if finding.detail.hasPrefix("the signature does not verify"), let position = finding.position,
               position <= (valid.last?.position ?? 0), position < firstBreak {
                finding.kind = .unknownSigner
                finding.tampered = false
                finding.detail += "; the entry is intact and checkpointed, so the key that signed it was probably rotated out: pass it with --keys"
            }
            findings.append(finding)
        }
        for finding in findings.sorted(by: { ($0.position ?? 0) < ($1.position ?? 0) }) { report.add(finding) }
        return report
    }

    /// Nil when the entry's signature verifies with one of its author's keys. A batch signature
    /// that verified is added to `verifiedBatches`, and one found there is not verified again.
    static func signatureFinding(_ entry: ChainEntry, keys: [String: [SigningPublicKey]], verifiedBatches: inout Set<ActSignature.VerifiedBatch>) -> AuditFinding? {
        func finding(_ kind: AuditFinding.Kind, _ detail: String, tampered: Bool) -> AuditFinding {
            AuditFinding(kind: kind, position: entry.position, id: entry.id, author: entry.author, detail: detail, tampered: tampered)
        }
        guard let bytes = entry.signature else {
            return finding(.badSignature, "the entry has no signature (every act is signed)", tampered: true)
        }
        let signature: ActSignature
        do { signature = try ActSignature(bytes: bytes) } catch {
            return finding(.badSignature, "its signature (\(bytes.count) bytes) is not an Ed25519 signature, alone or with a batch's inclusion proof: \(error)", tampered: true)
        }
        guard let input = signingInput(entry) else {
            return finding(.badSignature, "its type '\(entry.type.prefix(40))' or author '\(entry.author.prefix(40))' is not one this version knows", tampered: true)
        }
        let candidates = keys[entry.author] ?? []
        if candidates.isEmpty {
            return finding(.unknownSigner, "no public key of '\(entry.author)' is known here: pass it with --keys", tampered: false)
        }
        guard let signed = signature.signedInput(for: input) else {
            return finding(.badSignature, "its batch inclusion proof does not lead to a root: the path does not fit the batch's size", tampered: true)
        }
        let batch = signature.verifiedBatch(by: entry.author, signed)
        if let batch, verifiedBatches.contains(batch) { return nil }
        if candidates.contains(where: { $0.verifies(signature.signature, of: signed.bytes) }) {
            if let batch { verifiedBatches.insert(batch) }
            return nil
        }
        return finding(.badSignature, "the signature does not verify with the keys of '\(entry.author)' (\(candidates.map(\.fingerprint).joined(separator: ", ")))",
                       tampered: true)
    }

    /// What the author signed (docs/PROTOCOL.md §4.1), or nil for a type or author this version does not know.
    public static func signingInput(_ entry: ChainEntry) -> [UInt8]? {
        guard let type = MessageType(rawValue: entry.type), let author = AgencyID(rawValue: entry.author) else { return nil }
        return Envelope.signingInput(type: type, schema: Int(entry.schema), id: entry.id, author: author, ts: entry.sentAt, body: entry.body)
    }

    /// The key among `keys` that verifies the entry's signature.
    public static func signingKey(_ entry: ChainEntry, keys: [SigningPublicKey]) -> SigningPublicKey? {
        guard let bytes = entry.signature, let signature = try? ActSignature(bytes: bytes), let input = signingInput(entry) else { return nil }
        return keys.first { signature.verifies(input, with: $0) }
    }
}

import Foundation
public import GRDB
public import Sodium

/// A self-verifying extract of a log (docs/AUDIT.md §5): the selected entries in full, the leaf
/// hashes of every other entry from the first selected one to a signed checkpoint, the chain
/// hash before the first, the checkpoint and the public keys — enough to recompute the chain to
/// the checkpoint and check every signature without the rest of the log.
public struct AuditBundle: Codable, Sendable, Equatable {
    public static let formatName = "phoihop-audit-bundle-v1"

    public struct Entry: Codable, Sendable, Equatable {
        public var position: Int64
        public var id: String
        public var origin: String
        public var author: String
        public var seq: Int64
        public var type: String
        public var schema: Int64
        public var district: String?
        public var business: String?
        public var actOn: String?
        public var sentAt: Int64
        public var acceptedAt: Int64
        /// Base64.
        public var body: String
        /// Base64, nil for an unsigned entry.
        public var signature: String?
    }

    public struct SignedCheckpoint: Codable, Sendable, Equatable {
        public var position: Int64
        /// Hex.
        public var chainHash: String
        public var entries: Int64
        public var signedAt: Int64
        public var signer: String
        /// Base64.
        public var signerKey: String
        public var signerFingerprint: String
        /// Base64.
        public var signature: String
    }

    public struct Key: Codable, Sendable, Equatable {
        public var agency: String
        /// Base64.
        public var key: String
        public var fingerprint: String
    }

    public struct Selection: Codable, Sendable, Equatable {
        public var business: String?
        /// Accepted from this instant (milliseconds, inclusive)…
        public var acceptedFrom: Int64?
        /// …to this one (exclusive).
        public var acceptedBefore: Int64?
        /// How an officer wrote it, e.g. "2026-11-01..2026-11-30".
        public var description: String
        public init(business: String? = nil, acceptedFrom: Int64? = nil, acceptedBefore: Int64? = nil, description: String) {
            self.business = business; self.acceptedFrom = acceptedFrom; self.acceptedBefore = acceptedBefore; self.description = description
        }
    }

    public var format = AuditBundle.formatName
    public var createdAt: Int64
    /// Whose log it is extracted from (the hub: `so-tttt`).
    public var log: String
    public var selection: Selection
    /// The position of the first selected entry.
    public var start: Int64
    /// Hex: the chain hash at `start - 1` (32 zero bytes when `start` is 1).
    public var previousChainHash: String
    /// Hex leaf hashes of positions `start` … `checkpoint.position`; null where ``entries`` has the entry.
    public var leafHashes: [String?]
    public var entries: [Entry]
    public var checkpoint: SignedCheckpoint
    /// The keys the entries' signatures and the checkpoint verify with.
    public var keys: [Key]
}

/// The control channel's answer to `checkpoint`: the checkpoint that now covers the log's last
/// entry (nil for an empty log), and whether it was signed just now.
public struct CheckpointReply: Codable, Sendable, Equatable {
    public var signedNow: Bool
    public var checkpoint: AuditBundle.SignedCheckpoint?
    public init(signedNow: Bool, checkpoint: AuditBundle.SignedCheckpoint?) { self.signedNow = signedNow; self.checkpoint = checkpoint }
}

extension ChainEntry {
    init?(_ entry: AuditBundle.Entry) {
        guard let body = Data(base64Encoded: entry.body) else { return nil }
        var signature: [UInt8]?
        if let text = entry.signature {
            guard let data = Data(base64Encoded: text) else { return nil }
            signature = Array(data)
        }
        self.init(position: entry.position, id: entry.id, origin: entry.origin, author: entry.author, seq: entry.seq, type: entry.type,
                  schema: entry.schema, district: entry.district, business: entry.business, actOn: entry.actOn, sentAt: entry.sentAt,
                  acceptedAt: entry.acceptedAt, body: Array(body), signature: signature)
    }

    var bundled: AuditBundle.Entry {
        AuditBundle.Entry(position: position, id: id, origin: origin, author: author, seq: seq, type: type, schema: schema,
                          district: district, business: business, actOn: actOn, sentAt: sentAt, acceptedAt: acceptedAt,
                          body: Data(body).base64EncodedString(), signature: signature.map { Data($0).base64EncodedString() })
    }
}

extension AuditBundle.SignedCheckpoint {
    public init(_ cp: Checkpoint) {
        self.init(position: cp.position, chainHash: Fingerprint.hex(cp.chainHash), entries: cp.entries, signedAt: cp.signedAt,
                  signer: cp.signer, signerKey: Data(cp.signerKey).base64EncodedString(), signerFingerprint: Fingerprint.of(cp.signerKey),
                  signature: Data(cp.signature).base64EncodedString())
    }

    /// The checkpoint, or nil when a field is not valid hex/base64.
    public var checkpoint: Checkpoint? {
        guard let chain = Hex.decode(chainHash), let key = Data(base64Encoded: signerKey), let sig = Data(base64Encoded: signature) else { return nil }
        return Checkpoint(position: position, chainHash: chain, entries: entries, signedAt: signedAt, signer: signer,
                          signerKey: Array(key), signature: Array(sig))
    }
}

enum Hex {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
}

extension AuditBundle {
    /// Why a bundle could not be built.
    public enum BuildProblem: Error, Sendable, Equatable {
        /// No logged entry matches the selection.
        case nothingSelected
        /// The last selected entry is after the latest checkpoint (or there is none yet).
        case notCovered(lastSelected: Int64, latestCheckpoint: Int64?)
    }

    /// ``build(_:log:selection:keys:now:progress:)`` on the database file at `path`, opened read-only.
    public static func build(databasePath path: String, log: String, selection: Selection, keys: [String: [SigningPublicKey]],
                             now: Int64, progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result<AuditBundle, BuildProblem> {
        let queue = try AuditVerifier.open(path)
        defer { try? queue.close() }
        return try queue.read { db in try build(db, log: log, selection: selection, keys: keys, now: now, progress: progress) }
    }

    /// How many selected entries have their signature matched between two `progress` calls.
    public static let progressBatch = 10_000

    /// Builds the bundle of the entries `selection` picks from the log in `db`, signed off by
    /// the first checkpoint at or after the last of them. `keys`: every author's public keys;
    /// the bundle lists those that verify its entries and its checkpoint. `progress` hears the
    /// entries whose signing key was matched so far, after every ``progressBatch`` and the last.
    public static func build(_ db: Database, log: String, selection: Selection, keys: [String: [SigningPublicKey]],
                             now: Int64, progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result<AuditBundle, BuildProblem> {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let business = selection.business { conditions.append("business = ?"); arguments += [business] }
        if let from = selection.acceptedFrom { conditions.append("accepted_at >= ?"); arguments += [from] }
        if let before = selection.acceptedBefore { conditions.append("accepted_at < ?"); arguments += [before] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(db, sql: "SELECT \(LogChain.columns) FROM message_log \(filter) ORDER BY position", arguments: arguments)
        let selected = rows.map { LogChain.entry($0).entry }
        guard let first = selected.first, let last = selected.last else { return .failure(.nothingSelected) }
        guard let cp = try Checkpoints.covering(db, position: last.position) else {
            return .failure(.notCovered(lastSelected: last.position, latestCheckpoint: try Checkpoints.latest(db)?.position))
        }
        let previous = try LogChain.chainHash(db, at: first.position - 1) ?? LogChain.genesis
        let stored = try Row.fetchAll(db, sql: "SELECT position, leaf_hash FROM message_log WHERE position BETWEEN ? AND ? ORDER BY position",
                                      arguments: [first.position, cp.position])
        let full = Set(selected.map(\.position))
        var leaves = [String?](repeating: "", count: Int(cp.position - first.position + 1))
        for row in stored {
            let position: Int64 = row["position"]
            let leaf: Data? = row["leaf_hash"]
            leaves[Int(position - first.position)] = full.contains(position) ? nil : leaf.map { Fingerprint.hex(Array($0)) } ?? ""
        }
        var used: [Key] = []
        func use(_ agency: String, _ key: SigningPublicKey) {
            if !used.contains(where: { $0.agency == agency && $0.key == key.base64 }) {
                used.append(Key(agency: agency, key: key.base64, fingerprint: key.fingerprint))
            }
        }
        for (index, entry) in selected.enumerated() {
            if let key = AuditVerifier.signingKey(entry, keys: keys[entry.author] ?? []) { use(entry.author, key) }
            if (index + 1) % progressBatch == 0 || index + 1 == selected.count { progress?(index + 1, selected.count) }
        }
        if let key = try? SigningPublicKey(bytes: cp.signerKey) { use(cp.signer, key) }
        return .success(AuditBundle(
            createdAt: now, log: log, selection: selection, start: first.position, previousChainHash: Fingerprint.hex(previous),
            leafHashes: leaves, entries: selected.map(\.bundled), checkpoint: SignedCheckpoint(cp), keys: used))
    }
}

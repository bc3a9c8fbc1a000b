public import GRDB
import Foundation
public import Sodium

/// A signed statement by a daemon: "my log's chain hash at `position` was `chainHash`, with
/// `entries` entries, at `signedAt`". Whoever can write the database file can rewrite entries
/// after the last checkpoint consistently; a checkpoint makes changing anything up to it
/// detectable without the daemon's signing key — more so once a copy of it is kept elsewhere
/// (an audit bundle carries it).
public struct Checkpoint: Sendable, Equatable {
    /// The last entry it covers.
    public var position: Int64
    public var chainHash: [UInt8]
    /// How many entries the log held up to and including `position`.
    public var entries: Int64
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var signedAt: Int64
    /// The daemon that signed it (the hub: `so-tttt`).
    public var signer: String
    /// The Ed25519 public key it was signed with.
    public var signerKey: [UInt8]
    public var signature: [UInt8]

    public init(position: Int64, chainHash: [UInt8], entries: Int64, signedAt: Int64, signer: String,
                signerKey: [UInt8], signature: [UInt8]) {
        self.position = position; self.chainHash = chainHash; self.entries = entries; self.signedAt = signedAt
        self.signer = signer; self.signerKey = signerKey; self.signature = signature
    }

    /// What is signed (docs/AUDIT.md §3): a domain tag and NUL, the signer as a 4-byte length and
    /// UTF-8, the position (8 bytes), the 32-byte chain hash, the entry count (8 bytes) and the
    /// time (8 bytes), integers big-endian.
    public static func signingInput(signer: String, position: Int64, chainHash: [UInt8], entries: Int64, signedAt: Int64) -> [UInt8] {
        var out = Array("phoihop-checkpoint-v1".utf8) + [0]
        LogChain.appendText(signer, to: &out)
        LogChain.appendInteger(position, to: &out)
        out += chainHash
        LogChain.appendInteger(entries, to: &out)
        LogChain.appendInteger(signedAt, to: &out)
        return out
    }

    public var signingInput: [UInt8] {
        Self.signingInput(signer: signer, position: position, chainHash: chainHash, entries: entries, signedAt: signedAt)
    }

    /// Whether the signature verifies with `signerKey` (whether that key is trusted is the caller's question).
    public var signatureVerifies: Bool {
        guard let key = try? SigningPublicKey(bytes: signerKey), let sig = try? Signature(bytes: signature) else { return false }
        return key.verifies(sig, of: signingInput)
    }
}

/// The `log_checkpoints` table.
public enum Checkpoints {
    /// Sign a checkpoint once this many entries are not covered…
    public static let everyEntries: Int64 = 1000
    /// …or once the oldest entry not covered is this old (milliseconds): ten minutes.
    public static let everyMilliseconds: Int64 = 600_000

    static func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE log_checkpoints (
                position   INTEGER PRIMARY KEY,
                chain_hash BLOB NOT NULL,
                entries    INTEGER NOT NULL,
                signed_at  INTEGER NOT NULL,
                signer     TEXT NOT NULL,
                signer_key BLOB NOT NULL,
                signature  BLOB NOT NULL
            )
            """)
    }

    static func checkpoint(_ row: Row) -> Checkpoint {
        Checkpoint(position: row["position"], chainHash: Array(row["chain_hash"] as Data? ?? Data()), entries: row["entries"] ?? 0,
                   signedAt: row["signed_at"] ?? 0, signer: row["signer"] ?? "", signerKey: Array(row["signer_key"] as Data? ?? Data()),
                   signature: Array(row["signature"] as Data? ?? Data()))
    }

    /// Every checkpoint, in position order.
    public static func all(_ db: Database) throws -> [Checkpoint] {
        try Row.fetchAll(db, sql: "SELECT * FROM log_checkpoints ORDER BY position").map(checkpoint)
    }

    public static func latest(_ db: Database) throws -> Checkpoint? {
        try Row.fetchOne(db, sql: "SELECT * FROM log_checkpoints ORDER BY position DESC LIMIT 1").map(checkpoint)
    }

    /// The first checkpoint at or after `position`: the one that covers it.
    public static func covering(_ db: Database, position: Int64) throws -> Checkpoint? {
        try Row.fetchOne(db, sql: "SELECT * FROM log_checkpoints WHERE position >= ? ORDER BY position LIMIT 1",
                         arguments: [position]).map(checkpoint)
    }

    /// Whether a checkpoint is due at `now`: some entry is not covered, and either
    /// ``everyEntries`` are not, or the oldest of them was accepted ``everyMilliseconds`` ago.
    public static func due(_ db: Database, now: Int64, everyEntries: Int64 = everyEntries,
                           everyMilliseconds: Int64 = everyMilliseconds) throws -> Bool {
        let covered = try latest(db)?.position ?? 0
        let tip = try LogChain.tip(db).position
        guard tip > covered else { return false }
        if tip - covered >= everyEntries { return true }
        let oldest = try Int64.fetchOne(
            db, sql: "SELECT accepted_at FROM message_log WHERE position > ? ORDER BY position LIMIT 1", arguments: [covered]) ?? now
        return now - oldest >= everyMilliseconds
    }

    /// Signs and stores a checkpoint of the log as it is, in the caller's transaction; nil when
    /// the log is empty or the latest checkpoint already covers its last entry.
    @discardableResult
    public static func sign(_ db: Database, key: SigningKeyPair, signer: String, now: Int64) throws -> Checkpoint? {
        let tip = try LogChain.tip(db)
        guard tip.position > 0, tip.position > (try latest(db)?.position ?? 0) else { return nil }
        let entries = Int64(try MessageLog.count(db))
        let input = Checkpoint.signingInput(signer: signer, position: tip.position, chainHash: tip.chainHash, entries: entries, signedAt: now)
        let checkpoint = Checkpoint(position: tip.position, chainHash: tip.chainHash, entries: entries, signedAt: now, signer: signer,
                                    signerKey: key.publicKey.bytes, signature: key.sign(input).bytes)
        try db.execute(
            sql: """
                INSERT INTO log_checkpoints (position, chain_hash, entries, signed_at, signer, signer_key, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [checkpoint.position, Data(checkpoint.chainHash), entries, now, signer, Data(checkpoint.signerKey),
                        Data(checkpoint.signature)])
        return checkpoint
    }
}

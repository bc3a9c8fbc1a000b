import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopTestSupport
import Sodium
import Testing

/// A hub's log with signed acts by the hub and two districts, and checkpoints, on a real SQLite file.
struct ChainFixture {
    static let hub = AgencyID.hub
    static let benLuc = AgencyID(rawValue: "district-ben-luc")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    let hubKey = SigningKeyPair.generate()
    let benLucKey = SigningKeyPair.generate()
    let tanAnKey = SigningKeyPair.generate()
    let database: PhoiHopDatabase
    var seqs: [AgencyID: UInt64] = [:]

    init() throws {
        let dir = Scratch.directory("chain")
        database = try PhoiHopDatabase(path: dir.appendingPathComponent("so-tttt.sqlite").path, durability: .normal)
    }

    var keys: [String: [SigningPublicKey]] {
        [Self.hub.rawValue: [hubKey.publicKey], Self.benLuc.rawValue: [benLucKey.publicKey], Self.tanAn.rawValue: [tanAnKey.publicKey]]
    }

    func key(_ author: AgencyID) -> SigningKeyPair { author == Self.hub ? hubKey : author == Self.benLuc ? benLucKey : tanAnKey }

    static func registered(_ id: String, _ district: AgencyID) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: district, address: "1 Đường số 3",
            owner: "Nguyễn Văn An", machines: 12, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    /// Appends an act of `author` about business `business`, signed with `signer` (default: the author's key).
    @discardableResult
    mutating func append(_ author: AgencyID, business: String, signer: SigningKeyPair? = nil, acceptedAt: Int64 = 1_795_000_000_000) throws -> Int64 {
        let body = Self.registered(business, author == Self.hub ? Self.tanAn : author)
        let bytes = body.encoded()
        let id = UUID().uuidString.lowercased()
        let seq = (seqs[author] ?? 0) + 1
        seqs[author] = seq
        let ts = acceptedAt - 500
        let signature = (signer ?? key(author)).sign(Envelope.signingInput(
            type: body.type, schema: body.type.schemaVersion, id: id, author: author, ts: ts, body: bytes))
        return try database.write { db in
            try MessageLog.append(db, id: id, origin: author, seq: seq, type: body.type, schema: body.type.schemaVersion,
                                  district: body.value.concernedDistrict, sentAt: ts, acceptedAt: acceptedAt, body: bytes,
                                  business: body.value.concernedBusiness, actOn: body.value.actDate, signature: signature.bytes)
        }
    }

    /// Appends one act of `author` per business, all signed with one batch signature (each
    /// logged with its inclusion proof), as an agency records an import. Returns their positions.
    @discardableResult
    mutating func appendBatch(_ author: AgencyID, businesses: [String], acceptedAt: Int64 = 1_795_000_000_000) throws -> [Int64] {
        let ts = acceptedAt - 500
        let acts = businesses.map { business in
            (body: Self.registered(business, author == Self.hub ? Self.tanAn : author), id: UUID().uuidString.lowercased())
        }
        let signatures = MerkleBatch.sign(acts.map { act in
            Envelope.signingInput(type: act.body.type, schema: act.body.type.schemaVersion, id: act.id, author: author, ts: ts, body: act.body.encoded())
        }, with: key(author))
        var positions: [Int64] = []
        for (act, signature) in zip(acts, signatures) {
            let seq = (seqs[author] ?? 0) + 1
            seqs[author] = seq
            positions.append(try database.write { db in
                try MessageLog.append(db, id: act.id, origin: author, seq: seq, type: act.body.type, schema: act.body.type.schemaVersion,
                                      district: act.body.value.concernedDistrict, sentAt: ts, acceptedAt: acceptedAt, body: act.body.encoded(),
                                      business: act.body.value.concernedBusiness, actOn: act.body.value.actDate, signature: signature.bytes)
            })
        }
        return positions
    }

    /// Appends `count` acts alternating between the districts and the hub.
    mutating func appendMany(_ count: Int, prefix: String) throws {
        for n in 1...count {
            let author = [Self.benLuc, Self.tanAn, Self.hub][n % 3]
            try append(author, business: "\(prefix)-\(n % 4)")
        }
    }

    @discardableResult
    func checkpoint(at now: Int64 = 1_795_000_100_000, key: SigningKeyPair? = nil) throws -> Checkpoint? {
        try database.write { db in try Checkpoints.sign(db, key: key ?? hubKey, signer: Self.hub.rawValue, now: now) }
    }

    func verify(keys: [String: [SigningPublicKey]]? = nil) throws -> AuditReport {
        try AuditVerifier.verify(databasePath: database.path, keys: keys ?? self.keys)
    }

    func sql(_ text: String, _ arguments: StatementArguments = []) throws {
        try database.write { db in try db.execute(sql: text, arguments: arguments) }
    }

    /// Recomputes the leaf and chain hashes of every entry from `position` on, as someone who
    /// holds the file and knows the encoding would after changing an entry.
    func rechain(from position: Int64) throws {
        try database.write { db in
            var previous = try LogChain.chainHash(db, at: position - 1) ?? LogChain.genesis
            for (entry, _, _) in try LogChain.entries(db, after: position - 1, limit: 1_000_000) {
                let leaf = entry.leafHash
                previous = LogChain.link(previous, leaf)
                try db.execute(sql: "UPDATE message_log SET leaf_hash = ?, chain_hash = ? WHERE position = ?",
                               arguments: [Data(leaf), Data(previous), entry.position])
            }
        }
    }
}

@Suite(.serialized)
struct LogChainTests {
    @Test func anUntouchedLogVerifiesEveryHashSignatureAndCheckpoint() throws {
        var log = try ChainFixture()
        try log.appendMany(30, prefix: "LA")
        try log.checkpoint()
        try log.appendMany(5, prefix: "LB")
        let report = try log.verify()
        #expect(report.verdict == .intact)
        #expect(report.entries == 35 && report.hashesVerified == 35 && report.signaturesVerified == 35)
        #expect(report.signedBy == ["so-tttt": 12, "district-ben-luc": 11, "district-tan-an": 12])
        #expect(report.checkpoints == 1 && report.checkpointsVerified == 1 && report.lastCheckpoint == 30)
        #expect(report.uncovered == 5)
    }

    @Test func theChainStartsAtZeroAndEachLinkIsTheHashOfThePreviousAndTheLeaf() throws {
        var log = try ChainFixture()
        try log.appendMany(3, prefix: "LA")
        let rows = try log.database.read { db in try LogChain.entries(db, after: 0, limit: 10) }
        var previous = [UInt8](repeating: 0, count: 32)
        for (entry, leaf, chain) in rows {
            #expect(leaf == SHA256.hash(LogChain.leafEncoding(entry)))
            #expect(chain == SHA256.hash(previous + leaf!))
            previous = chain!
        }
    }

    @Test func entriesAppendedWithTheTipCarriedChainAsIfEachReadTheTable() throws {
        var log = try ChainFixture()
        try log.appendMany(4, prefix: "LA")
        // One transaction of 20 appends, the tip read from the table for the first only.
        let positions = try log.database.write { db -> [Int64] in
            var tip: LogChain.Tip?
            return try (1...20).map { n in
                let body = ChainFixture.registered("LC-\(n)", ChainFixture.tanAn)
                let bytes = body.encoded(), id = UUID().uuidString.lowercased(), ts: Int64 = 1_794_999_999_500
                let signature = log.tanAnKey.sign(Envelope.signingInput(
                    type: body.type, schema: body.type.schemaVersion, id: id, author: ChainFixture.tanAn, ts: ts, body: bytes))
                return try MessageLog.append(db, id: id, origin: ChainFixture.tanAn, seq: UInt64(100 + n), type: body.type,
                                             schema: body.type.schemaVersion, district: ChainFixture.tanAn, sentAt: ts,
                                             acceptedAt: ts + 500, body: bytes, business: "LC-\(n)", signature: signature.bytes,
                                             after: &tip)
            }
        }
        #expect(positions == Array(5...24))
        try log.appendMany(2, prefix: "LD")
        let report = try log.verify()
        #expect(report.verdict == .intact)
        #expect(report.entries == 26 && report.hashesVerified == 26)
    }

    @Test func actsSignedInOneBatchVerifyEachByItsProofAndAnEditedProofIsFoundAtItsPosition() throws {
        var log = try ChainFixture()
        try log.appendMany(3, prefix: "LA")
        let positions = try log.appendBatch(ChainFixture.benLuc, businesses: (1...7).map { "LB-\($0)" })
        try log.appendMany(2, prefix: "LC")
        let report = try log.verify()
        #expect(report.verdict == .intact, "\(report.tampered)")
        #expect(report.entries == 12 && report.signaturesVerified == 12)
        // The fifth act's proof edited, and the chain redone so that only its signature can tell.
        let edited = positions[4]
        let bytes = try #require(try log.database.read { db in try Data.fetchOne(db, sql: "SELECT signature FROM message_log WHERE position = ?", arguments: [edited]) })
        #expect(bytes.count > 64, "a batch-signed act carries its proof after the signature")
        var changed = Array(bytes)
        changed[changed.count - 1] ^= 1
        try log.sql("UPDATE message_log SET signature = ? WHERE position = ?", [Data(changed), edited])
        try log.rechain(from: edited)
        let after = try log.verify()
        #expect(after.verdict == .tampered)
        #expect(after.tampered.map(\.kind) == [.badSignature] && after.tampered.first?.position == edited)
    }

    @Test func aChangedBodyByteIsFoundAtItsPosition() throws {
        var log = try ChainFixture()
        try log.appendMany(20, prefix: "LA")
        try log.checkpoint()
        try log.sql("UPDATE message_log SET body = CAST(replace(CAST(body AS TEXT), 'Đại lý', 'Đại ly') AS BLOB) WHERE position = 7")
        let report = try log.verify()
        #expect(report.verdict == .tampered)
        #expect(report.tampered.first?.kind == .entryChanged && report.tampered.first?.position == 7)
        #expect(report.tampered.contains { $0.kind == .badSignature && $0.position == 7 })
        #expect(report.tampered.contains { $0.kind == .checkpointMismatch && $0.position == 20 })
    }

    @Test func aChangedSignatureIsFoundAtItsPosition() throws {
        var log = try ChainFixture()
        try log.appendMany(10, prefix: "LA")
        try log.sql("UPDATE message_log SET signature = ? WHERE position = 4", [Data(log.benLucKey.sign([1, 2, 3]).bytes)])
        let report = try log.verify()
        #expect(report.tampered.first?.kind == .entryChanged && report.tampered.first?.position == 4)
        #expect(report.tampered.contains { $0.kind == .badSignature && $0.position == 4 })
    }

    @Test func aDeletedEntryIsFoundAsMissing() throws {
        var log = try ChainFixture()
        try log.appendMany(10, prefix: "LA")
        try log.sql("DELETE FROM message_log WHERE position = 6")
        let report = try log.verify()
        #expect(report.verdict == .tampered)
        #expect(report.tampered.first?.kind == .entryMissing && report.tampered.first?.position == 6)
    }

    @Test func swappedEntriesAreFoundAtTheFirst() throws {
        var log = try ChainFixture()
        try log.appendMany(10, prefix: "LA")
        // Positions stay; the two acts (with their hashes) trade places.
        try log.sql("UPDATE message_log SET position = -3 WHERE position = 3")
        try log.sql("UPDATE message_log SET position = 3 WHERE position = 5")
        try log.sql("UPDATE message_log SET position = 5 WHERE position = -3")
        let report = try log.verify()
        #expect(report.tampered.first?.kind == .entryChanged && report.tampered.first?.position == 3)
    }

    @Test func aConsistentRewriteIsCaughtByTheCheckpointAfterItAndOnlyByIt() throws {
        var log = try ChainFixture()
        try log.appendMany(20, prefix: "LA")
        try log.checkpoint()
        try log.appendMany(10, prefix: "LB")
        // Before the checkpoint: the hashes are redone, the checkpoint's signed hash is not.
        try log.sql("UPDATE message_log SET accepted_at = accepted_at + 86400000 WHERE position = 12")
        try log.rechain(from: 12)
        var report = try log.verify()
        #expect(report.verdict == .tampered)
        #expect(report.tampered.map(\.kind) == [.checkpointMismatch] && report.tampered.first?.position == 20)
        // After the last checkpoint (on an untouched copy): undetectable — the documented limit.
        var fresh = try ChainFixture()
        try fresh.appendMany(20, prefix: "LA")
        try fresh.checkpoint()
        try fresh.appendMany(10, prefix: "LB")
        try fresh.sql("UPDATE message_log SET accepted_at = accepted_at + 86400000 WHERE position = 25")
        try fresh.rechain(from: 25)
        report = try fresh.verify()
        #expect(report.verdict == .intact)
        #expect(report.uncovered == 10)
    }

    @Test func aTailCutAfterTheLastCheckpointGoesUnseenButOneThroughACheckpointIsFound() throws {
        var log = try ChainFixture()
        try log.appendMany(20, prefix: "LA")
        try log.checkpoint()
        try log.appendMany(10, prefix: "LB")
        try log.sql("DELETE FROM message_log WHERE position > 25")
        var report = try log.verify()
        #expect(report.verdict == .intact && report.entries == 25)
        try log.sql("DELETE FROM message_log WHERE position > 15")
        report = try log.verify()
        #expect(report.verdict == .tampered)
        #expect(report.tampered.first?.kind == .logTruncated && report.tampered.first?.position == 20)
    }

    @Test func aCheckpointKeptElsewhereRevealsARewriteWhoseAuthorDeletedTheFilesCheckpoints() throws {
        var log = try ChainFixture()
        try log.appendMany(20, prefix: "LA")
        let kept = try #require(try log.checkpoint())
        try log.appendMany(5, prefix: "LB")
        try log.sql("UPDATE message_log SET accepted_at = accepted_at + 86400000 WHERE position = 12")
        try log.rechain(from: 12)
        try log.sql("DELETE FROM log_checkpoints")
        #expect(try log.verify().verdict == .intact)
        let report = try AuditVerifier.verify(databasePath: log.database.path, keys: log.keys, kept: [kept])
        #expect(report.verdict == .tampered && report.tampered.map(\.kind) == [.checkpointMismatch] && report.tampered.first?.position == 20)
    }

    @Test func aForgedOrAlteredCheckpointIsFound() throws {
        var log = try ChainFixture()
        try log.appendMany(20, prefix: "LA")
        try log.checkpoint()
        // Altered: the signed hash changed to match a rewrite.
        try log.sql("UPDATE log_checkpoints SET chain_hash = zeroblob(32) WHERE position = 20")
        var report = try log.verify()
        #expect(report.verdict == .tampered)
        #expect(report.tampered.contains { $0.kind == .checkpointForged && $0.position == 20 })
        // Forged with a key of the forger's own: cannot vouch, and is reported.
        try log.sql("DELETE FROM log_checkpoints")
        try log.checkpoint(key: SigningKeyPair.generate())
        report = try log.verify()
        #expect(report.verdict == .incomplete)
        #expect(report.cannotCheck.map(\.kind) == [.checkpointUnknownKey])
        #expect(report.checkpointsVerified == 0 && report.uncovered == 20)
    }

    @Test func anAuthorWithoutAKeyHereCannotBeCheckedRatherThanTampered() throws {
        var log = try ChainFixture()
        try log.appendMany(9, prefix: "LA")
        var keys = log.keys
        keys[ChainFixture.tanAn.rawValue] = nil
        let report = try log.verify(keys: keys)
        #expect(report.verdict == .incomplete)
        #expect(report.cannotCheckCount == 3 && report.cannotCheck.allSatisfy { $0.kind == .unknownSigner && $0.author == "district-tan-an" })
    }

    @Test func aRotatedOutKeyOnACheckpointedEntryCannotBeCheckedButOnAnUncheckpointedOneIsTampering() throws {
        var log = try ChainFixture()
        let old = SigningKeyPair.generate()
        try log.append(ChainFixture.benLuc, business: "LA-1", signer: old)
        try log.checkpoint()
        try log.append(ChainFixture.benLuc, business: "LA-2", signer: old)
        let report = try log.verify()
        #expect(report.cannotCheck.map(\.position) == [1] && report.cannotCheck.first?.kind == .unknownSigner)
        #expect(report.tampered.map(\.position) == [2] && report.tampered.first?.kind == .badSignature)
        var keys = log.keys
        keys[ChainFixture.benLuc.rawValue]! += [old.publicKey]
        #expect(try log.verify(keys: keys).verdict == .intact)
    }

    @Test func aLogFromBeforeTheChainIsChainedByTheMigration() throws {
        var log = try ChainFixture()
        try log.appendMany(12, prefix: "LA")
        try log.sql("""
            ALTER TABLE message_log DROP COLUMN leaf_hash; ALTER TABLE message_log DROP COLUMN chain_hash;
            DROP TABLE log_checkpoints; DELETE FROM grdb_migrations WHERE identifier = 'v4-audit-chain'
            """)
        #expect(throws: StoreError.self) { try log.verify() }
        _ = try PhoiHopDatabase(path: log.database.path, durability: .normal)
        let report = try log.verify()
        #expect(report.verdict == .intact && report.hashesVerified == 12 && report.checkpoints == 0)
    }

    @Test func aCheckpointIsDueAfterAThousandEntriesOrTenMinutesAndNotForNothing() throws {
        var log = try ChainFixture()
        let t0: Int64 = 1_795_000_000_000
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 3_600_000) } == false)
        try log.append(ChainFixture.benLuc, business: "LA-1", acceptedAt: t0)
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 599_999) } == false)
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 600_000) } == true)
        try log.checkpoint(at: t0 + 600_000)
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 7_200_000) } == false)
        #expect(try log.checkpoint() == nil)
        for n in 1...999 { try log.append(ChainFixture.tanAn, business: "LB-\(n)", acceptedAt: t0 + 600_001) }
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 600_002) } == false)
        try log.append(ChainFixture.tanAn, business: "LB-1000", acceptedAt: t0 + 600_001)
        #expect(try log.database.read { db in try Checkpoints.due(db, now: t0 + 600_002) } == true)
    }

    /// Appends/s with the chain (the real `MessageLog.append`) and without (the same insert, no
    /// hashes), 3 000 acts each in transactions of one, `synchronous=NORMAL`, the same body and
    /// signature: the cost of chaining on the write path. Printed for docs/RELIABILITY.md; asserts
    /// only a loose bound.
    @Test func chainingCostsLittleOnTheAppendPath() throws {
        let n = 3000
        let chained = try ChainFixture(), plain = try ChainFixture()
        let body = ChainFixture.registered("B-1", ChainFixture.benLuc).encoded()
        let signature = chained.benLucKey.sign(body).bytes
        // Alternating rounds, so a neighbour's load falls on both alike.
        var withChain = Duration.zero, without = Duration.zero
        for round in 0..<6 {
            let range = (round * n / 6 + 1)...((round + 1) * n / 6)
            let start = ContinuousClock.now
            for i in range {
                _ = try chained.database.write { db in
                    try MessageLog.append(db, id: UUID().uuidString.lowercased(), origin: ChainFixture.benLuc, seq: UInt64(i),
                                          type: .businessRegistered, schema: 1, district: ChainFixture.benLuc, sentAt: 1, acceptedAt: 2,
                                          body: body, business: "B-\(i)", signature: signature)
                }
            }
            withChain += ContinuousClock.now - start
            let start2 = ContinuousClock.now
            for i in range {
                try plain.database.write { db in
                    try db.execute(sql: """
                        INSERT INTO message_log (id, origin, seq, type, schema, district, sent_at, accepted_at, body, business, signature)
                        VALUES (?, 'district-ben-luc', ?, 'business.registered', 1, 'district-ben-luc', 1, 2, ?, ?, ?)
                        """, arguments: [UUID().uuidString.lowercased(), i, Data(body), "B-\(i)", Data(signature)])
                }
            }
            without += ContinuousClock.now - start2
        }
        func rate(_ d: Duration) -> Int { Int(Double(n) / (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)) }
        print("audit chain bench: \(n) appends, chained \(rate(withChain))/s, unchained \(rate(without))/s")
        #expect(withChain < without * 5)
    }
}

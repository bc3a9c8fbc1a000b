// `phoihop-bench logappend [--acts N]`: what hash-chaining the log costs an append
// (docs/AUDIT.md §8). N signed acts appended one transaction each to a fresh store with
// `MessageLog.append` (chained) and with the same INSERT without the hash columns (unchained),
// in alternating rounds, at `durability: full` and `normal`. No daemon, no network: the store alone.
import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import Sodium

func logAppend(acts: Int) throws {
    let key = SigningKeyPair.generate()
    let district = AgencyID(rawValue: "district-tan-an")!
    let body = try business(1).encoded()
    // Signed as the hub would log them, so `audit verify` below checks real signatures.
    let ids = (0...acts).map { _ in UUID().uuidString.lowercased() }
    let signatures = ids.map {
        key.sign(Envelope.signingInput(type: .businessRegistered, schema: 1, id: $0, author: district, ts: 1, body: body)).bytes
    }
    for durability in [Durability.full, .normal] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-logbench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let chained = try PhoiHopDatabase(path: dir.appendingPathComponent("chained.sqlite").path, durability: durability)
        let plain = try PhoiHopDatabase(path: dir.appendingPathComponent("plain.sqlite").path, durability: durability)
        var withChain = 0.0, without = 0.0
        let rounds = 10
        for round in 0..<rounds {
            let range = (round * acts / rounds + 1)...((round + 1) * acts / rounds)
            var start = now()
            for i in range {
                _ = try chained.write { db in
                    try MessageLog.append(db, id: ids[i], origin: district, seq: UInt64(i), type: .businessRegistered,
                                          schema: 1, district: district, sentAt: 1, acceptedAt: 2, body: body,
                                          business: "B-\(i)", signature: signatures[i])
                }
            }
            withChain += now() - start
            start = now()
            for i in range {
                try plain.write { db in
                    try db.execute(sql: """
                        INSERT INTO message_log (id, origin, seq, type, schema, district, sent_at, accepted_at, body, business, signature)
                        VALUES (?, 'district-tan-an', ?, 'business.registered', 1, 'district-tan-an', 1, 2, ?, ?, ?)
                        """, arguments: [ids[i], i, Data(body), "B-\(i)", Data(signatures[i])])
                }
            }
            without += now() - start
        }
        let verifyStart = now()
        let report = try AuditVerifier.verify(databasePath: chained.path, keys: [district.rawValue: [key.publicKey]])
        guard report.verdict == .intact else { fail("audit verify of the bench log: \(report.verdict)") }
        let verifySeconds = now() - verifyStart
        print(String(format: "log append, durability %@, %d acts: chained %.0f/s (%.0f µs each), unchained %.0f/s (%.0f µs each); audit verify of the %lld entries (hashes and signatures) %.2f s",
                     durability.rawValue, acts, Double(acts) / withChain, withChain / Double(acts) * 1e6,
                     Double(acts) / without, without / Double(acts) * 1e6, report.entries, verifySeconds))
    }
    // The same acts signed 500 to a signature, as an import signs them (docs/PROTOCOL.md §4.1):
    // audit verify checks each by its proof and verifies each batch's signature once.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-logbench-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let batched = try PhoiHopDatabase(path: dir.appendingPathComponent("batched.sqlite").path, durability: .normal)
    for start in stride(from: 1, through: acts, by: 500) {
        let range = start...min(start + 499, acts)
        let inputs = range.map { Envelope.signingInput(type: .businessRegistered, schema: 1, id: ids[$0], author: district, ts: 1, body: body) }
        let batchSignatures = MerkleBatch.sign(inputs, with: key)
        try batched.write { db in
            for (i, signature) in zip(range, batchSignatures) {
                _ = try MessageLog.append(db, id: ids[i], origin: district, seq: UInt64(i), type: .businessRegistered, schema: 1,
                                          district: district, sentAt: 1, acceptedAt: 2, body: body, business: "B-\(i)", signature: signature.bytes)
            }
        }
    }
    let verifyStart = now()
    let report = try AuditVerifier.verify(databasePath: batched.path, keys: [district.rawValue: [key.publicKey]])
    guard report.verdict == .intact else { fail("audit verify of the batch-signed bench log: \(report.verdict)") }
    let verifySeconds = now() - verifyStart
    print(String(format: "audit verify of %lld entries signed 500 per batch: %.2f s (%.0f entries/s)", report.entries, verifySeconds,
                 Double(report.entries) / verifySeconds))
}

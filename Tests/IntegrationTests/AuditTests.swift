import Foundation
import GRDB
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The tamper-evident log on real processes: a hub and a district record acts, `phoihop audit`
/// checks the hub's SQLite file and exports evidence, and tampering with either is found.
@Suite(.serialized)
struct AuditTests {
    static let tanAn = BackupTests.tanAn

    /// Records `count` acts at the district — every third about `DN-AUDIT-1` (registered, then
    /// changed), the others registering other businesses — and waits until the hub logged them all.
    static func recordActs(_ province: Province, count: Int) throws -> [RecordReceipt] {
        var receipts: [RecordReceipt] = []
        for n in 1...count {
            let body = n == 1 ? BackupTests.business("DN-AUDIT-1")
                : n % 3 == 1 ? MessageBody(BusinessChanged(businessID: "DN-AUDIT-1", district: tanAn,
                                                         changedOn: try CivilDate(parsing: "2026-11-20"), machines: 10 + n))
                : BackupTests.business("DN-AUDIT-X\(n)")
            receipts.append(try province.record(tanAn, body))
        }
        let ids = Set(receipts.map(\.id))
        try province.waitUntil("the hub has logged the district's \(count) acts", timeout: 30) {
            ids.isSubset(of: try BackupTests.hubIDs(province, origin: tanAn))
        }
        return receipts
    }

    static func audit(_ province: Province, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try BackupTests.console(province, ["audit"] + arguments)
    }

    static func position(_ file: String, id: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: file)
        defer { try? queue.close() }
        return try queue.read { db in try Int64.fetchOne(db, sql: "SELECT position FROM message_log WHERE id = ?", arguments: [id])! }
    }

    @Test func aStoppedHubsLogVerifiesAndATamperedFileIsCaughtAtTheChangedEntry() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.startAll()
        let receipts = try Self.recordActs(province, count: 12)
        #expect(province.stop(.hub) == 0)
        let config = province.configFile(.hub)

        let clean = try Self.audit(province, ["verify", "--config", config])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("nhật ký toàn vẹn"), "\(clean.output)")
        let json = try Self.audit(province, ["verify", "--config", config, "--json"])
        let report = try JSONDecoder().decode(VerifyJSON.self, from: Data(json.output.utf8))
        #expect(report.verdict == "intact" && report.report.signaturesVerified == report.report.entries)
        #expect(report.report.signedBy["district-tan-an"] == 12)
        // The clean stop signed a checkpoint covering every entry.
        #expect(report.report.uncovered == 0 && report.report.lastCheckpoint == report.report.lastPosition)

        // Someone with write access changes the fifth act's body in the file.
        let target = try Self.position(province.databasePath(.hub), id: receipts[4].id)
        let queue = try DatabaseQueue(path: province.databasePath(.hub))
        try queue.write { db in
            try db.execute(sql: "UPDATE message_log SET body = CAST(replace(CAST(body AS TEXT), 'Trần Thị Bình', 'Trần Thị Bính') AS BLOB) WHERE position = ?",
                           arguments: [target])
            #expect(db.changesCount == 1)
        }
        try queue.close()
        let tampered = try Self.audit(province, ["verify", "--config", config])
        #expect(tampered.status == 1, "\(tampered.output)")
        #expect(tampered.output.contains("PHÁT HIỆN SỬA ĐỔI"), "\(tampered.output)")
        #expect(tampered.output.contains("vị trí \(target) (mã \(receipts[4].id)"), "\(tampered.output)")

        // A missing database cannot be checked: exit 2, not "intact".
        try FileManager.default.removeItem(atPath: province.databasePath(.hub))
        let missing = try Self.audit(province, ["verify", "--config", config])
        #expect(missing.status == 2, "\(missing.output)")
    }

    @Test func aBusinessBundleFromARunningHubVerifiesOfflineAndATamperedOneDoesNotAndItsCheckpointOutlivesARewrite() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.startAll()
        let receipts = try Self.recordActs(province, count: 9)
        let config = province.configFile(.hub)
        let bundle = "\(province.directory)/bundle-DN-AUDIT-1.json"
        let hubKey = "\(province.directory)/keys/so-tttt.sign.public"

        // The running hub's file verifies too, read-only.
        let live = try Self.audit(province, ["verify", "--config", config])
        #expect(live.status == 0, "\(live.output)")
        // No checkpoint yet covers these acts: refused, then signed on request.
        let refused = try Self.audit(province, ["export", "--config", config, "--business", "DN-AUDIT-1", "--out", bundle])
        #expect(refused.status == 1 && refused.output.contains("--checkpoint-now"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: bundle))
        let exported = try Self.audit(province, ["export", "--config", config, "--business", "DN-AUDIT-1", "--out", bundle, "--checkpoint-now"])
        #expect(exported.status == 0, "\(exported.output)")
        #expect(exported.output.contains("đã đối chiếu chữ ký 3/3 hoạt động (100%)"), "export shows its progress: \(exported.output)")

        let written = try JSONDecoder().decode(AuditBundle.self, from: Data(contentsOf: URL(fileURLWithPath: bundle)))
        let expected = [0, 3, 6].map { receipts[$0].id }
        #expect(written.entries.map(\.id) == expected)
        let verified = try Self.audit(province, ["verify", "--bundle", bundle, "--hub-key", hubKey])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("khớp với khóa tin cậy") && verified.output.contains("gói toàn vẹn"), "\(verified.output)")
        #expect(verified.output.contains(written.checkpoint.signerFingerprint))

        // The bundle is edited: the second act "accepted" a day earlier.
        var edited = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle))) as! [String: Any]
        var entries = edited["entries"] as! [[String: Any]]
        entries[1]["acceptedAt"] = (entries[1]["acceptedAt"] as! NSNumber).int64Value - 86_400_000
        edited["entries"] = entries
        let tamperedBundle = "\(province.directory)/bundle-edited.json"
        try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: tamperedBundle))
        let caught = try Self.audit(province, ["verify", "--bundle", tamperedBundle, "--hub-key", hubKey])
        #expect(caught.status == 1, "\(caught.output)")
        #expect(caught.output.contains("chuỗi băm tính lại từ gói không khớp"), "\(caught.output)")

        // The hub stopped, its file rewritten consistently from position 4 on and its checkpoints
        // deleted: the file alone looks intact; the checkpoint the bundle carried off says otherwise.
        #expect(province.stop(.hub) == 0)
        let queue = try DatabaseQueue(path: province.databasePath(.hub))
        try queue.write { db in
            try db.execute(sql: "UPDATE message_log SET accepted_at = accepted_at - 86400000 WHERE position = 4")
            var previous = try LogChain.chainHash(db, at: 3)!
            for (entry, _, _) in try LogChain.entries(db, after: 3, limit: 1000) {
                previous = LogChain.link(previous, entry.leafHash)
                try db.execute(sql: "UPDATE message_log SET leaf_hash = ?, chain_hash = ? WHERE position = ?",
                               arguments: [Data(entry.leafHash), Data(previous), entry.position])
            }
            try db.execute(sql: "DELETE FROM log_checkpoints")
        }
        try queue.close()
        let alone = try Self.audit(province, ["verify", "--config", config])
        #expect(alone.status == 0, "\(alone.output)")
        let against = try Self.audit(province, ["verify", "--config", config, "--against", bundle, "--hub-key", hubKey])
        #expect(against.status == 1, "\(against.output)")
        #expect(against.output.contains("nhật ký đến vị trí \(written.checkpoint.position) không còn khớp với điểm kiểm tra"), "\(against.output)")

    }

    /// A `kill -9` mid-stream leaves no half-chained entry (the hashes are in the append's
    /// transaction); the hub's own acts verify with its key; a period's bundle verifies.
    @Test func aHubKilledMidStreamKeepsAnUnbrokenChainAndAPeriodsBundleVerifies() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.startAll()
        let districts = [Self.tanAn]
        func request(_ key: String) -> MessageBody {
            MessageBody(ReportRequested(
                requestID: key, kind: .adHoc, subject: "Báo cáo đột xuất \(key)", periodFrom: try! CivilDate(parsing: "2026-11-01"),
                periodTo: try! CivilDate(parsing: "2026-11-15"), requestedOn: try! CivilDate(parsing: "2026-11-20"),
                dueOn: try! CivilDate(parsing: "2026-11-30"), addressees: districts))
        }
        var ids: Set<String> = []
        for n in 1...6 { ids.insert(try province.record(Self.tanAn, BackupTests.business("DN-K\(n)")).id) }
        try province.record(.hub, request("BC-AUDIT-1"))
        province.kill9(.hub)
        try province.start(.hub)
        try province.waitUntil("the hub serves again", timeout: 20) { (try? province.status(.hub)) != nil }
        try province.record(.hub, request("BC-AUDIT-2"))
        for n in 7...12 { ids.insert(try province.record(Self.tanAn, BackupTests.business("DN-K\(n)")).id) }
        try province.waitUntil("the hub has logged the district's 12 acts", timeout: 30) {
            ids.isSubset(of: try BackupTests.hubIDs(province, origin: Self.tanAn))
        }
        let config = province.configFile(.hub)
        let json = try Self.audit(province, ["verify", "--config", config, "--json"])
        #expect(json.status == 0, "\(json.output)")
        let report = try JSONDecoder().decode(VerifyJSON.self, from: Data(json.output.utf8))
        #expect(report.report.signedBy["district-tan-an"] == 12)
        #expect((report.report.signedBy["so-tttt"] ?? 0) >= 2)
        #expect(report.report.signaturesVerified == report.report.entries)

        // Today's acts, in Vietnam time (acceptance is the real clock, not the drill date).
        let today = VietnamTime.day(atUnixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000)).description
        let bundle = "\(province.directory)/bundle-today.json"
        let exported = try Self.audit(province, ["export", "--config", config, "--from", today, "--to", today, "--out", bundle, "--checkpoint-now"])
        #expect(exported.status == 0, "\(exported.output)")
        let written = try JSONDecoder().decode(AuditBundle.self, from: Data(contentsOf: URL(fileURLWithPath: bundle)))
        #expect(Int64(written.entries.count) >= report.report.entries && ids.isSubset(of: Set(written.entries.map(\.id))))
        let verified = try Self.audit(province, ["verify", "--bundle", bundle, "--hub-key", "\(province.directory)/keys/so-tttt.sign.public"])
        #expect(verified.status == 0, "\(verified.output)")
    }
}

/// What `phoihop audit verify --json` prints, as far as these tests read it.
struct VerifyJSON: Decodable {
    struct Report: Decodable {
        var entries: Int64
        var lastPosition: Int64
        var signaturesVerified: Int64
        var signedBy: [String: Int64]
        var lastCheckpoint: Int64?
        var uncovered: Int64
    }
    var verdict: String
    var report: Report
}

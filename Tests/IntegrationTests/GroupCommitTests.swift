import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Recording many acts at once through a real agency daemon: `record-many` (an import, one
/// commit for the slice) and officers recording at the same moment (their requests are recorded
/// together in one commit). Every act is checked as if recorded alone, a refused act is reported
/// in its place, and what was recorded reaches the hub.
@Suite(.serialized)
struct GroupCommitTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    static func business(_ id: String, _ i: Int = 1) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(i)", kind: .internetAgent, district: tanAn, address: "\(i) Đường số 3",
            owner: "Nguyễn Văn An", machines: 10, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    func recordMany(_ province: Province, _ bodies: [[UInt8]]) throws -> [RecordOutcome] {
        try ControlClient(path: province.controlPath(Self.tanAn), timeoutMilliseconds: 20_000).recordMany(type: .businessRegistered, bodies: bodies)
    }

    func hubBusinesses(_ province: Province) throws -> Set<String> {
        Set(try province.query(.hub, "business.list", as: [BusinessRow].self).map(\.business.businessID))
    }

    @Test func recordManyChecksEachActAfterTheOnesBeforeItAndReportsEachInItsPlace() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let outcomes = try recordMany(province, [
            Self.business("TA-1").encoded(),
            Self.business("TA-2").encoded(),
            Self.business("TA-1").encoded(),  // registered two lines above, in the same request
            Array(#"{"businessID":"TA-9"}"#.utf8),
            Self.business("TA-3").encoded(),
        ])
        #expect(outcomes.count == 5)
        #expect(outcomes.map { $0.receipt != nil } == [true, true, false, false, true])
        #expect(outcomes[2].error?.contains("điểm kinh doanh TA-1 đã có trong sổ quản lý") == true, "\(outcomes[2])")
        #expect(outcomes[3].error?.contains("nội dung business.registered không hợp lệ") == true, "\(outcomes[3])")
        #expect(outcomes.compactMap(\.receipt?.seq) == [1, 2, 3], "a refused act takes no seq")
        try province.waitUntil("the hub holds the three", timeout: 20) { try hubBusinesses(province) == ["TA-1", "TA-2", "TA-3"] }

        // Too many acts in one request: refused whole, naming the limit; nothing recorded.
        do {
            _ = try recordMany(province, (1...1001).map { Self.business("TB-\($0)", $0).encoded() })
            Issue.record("a request of 1001 acts was taken")
        } catch let error as ControlError {
            #expect(error.description.contains("at most 1000 acts per request"), "\(error)")
        }
        // And a request with no act at all.
        do {
            _ = try recordMany(province, [])
            Issue.record("an empty record-many was taken")
        } catch let error as ControlError {
            #expect(error.description.contains("needs the acts' bodies"), "\(error)")
        }
        #expect(try province.status(Self.tanAn).totals.messages == 3)
    }

    /// A `record-many` request's acts share one signature, each with its inclusion proof: the hub
    /// verifies each by its proof, and so does Đội 814, which lists the district's key, when the
    /// hub relays them to it (docs/PROTOCOL.md §4.1). None is held or applied unverified.
    @Test func anImportSignedAsOneBatchIsVerifiedAtTheHubAndWhereItIsRelayed() throws {
        let vhttdl = AgencyID(rawValue: "vhttdl")!
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(vhttdl)
        let outcomes = try recordMany(province, (1...37).map { Self.business("TA-\($0)", $0).encoded() })
        #expect(outcomes.allSatisfy { $0.receipt != nil })
        let signatures = try PhoiHopDatabase(path: province.databasePath(Self.tanAn)).read { db in
            try Data.fetchAll(db, sql: "SELECT signature FROM message_log")
        }
        #expect(signatures.count == 37 && Set(signatures.map { $0.prefix(64) }).count == 1 && signatures.allSatisfy { $0.count > 64 },
                "one signature for the request, each act with its proof")
        try province.waitUntil("Đội 814 holds the 37 acts the hub relayed", timeout: 30) {
            try province.status(vhttdl).totals.messages == 37
        }
        for agency in [AgencyID.hub, vhttdl] {
            let counters = try province.status(agency).counters
            #expect(counters.rejected.isEmpty && counters.unverifiedRelays == 0, "\(agency): \(counters.rejected)")
        }
        let relayed = try PhoiHopDatabase(path: province.databasePath(vhttdl)).read { db in
            try Data.fetchAll(db, sql: "SELECT signature FROM message_log ORDER BY position")
        }
        #expect(relayed == signatures, "the signatures travel unchanged in relays")
    }

    /// An import past the per-act lines' rate (docs/DEPLOYMENT.md, "The journal"): the first
    /// acts of the minute have their own `recorded` and `applied` lines, the rest are summed up per
    /// stream with their seqs, and a clean stop writes what is still counted.
    @Test func pastTheRateActsAreSummedUpInTheLogNotLineByLine() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        let total = ActLines.perMinute + 500
        for slice in stride(from: 1, through: total, by: 1000) {
            let outcomes = try recordMany(province, (slice...min(slice + 999, total)).map { Self.business("TA-\($0)", $0).encoded() })
            #expect(outcomes.allSatisfy { $0.receipt != nil })
        }
        try province.waitUntil("the hub holds them all", timeout: 60) { try province.status(.hub).totals.messages == total }
        #expect(province.stop(Self.tanAn) == 0)
        #expect(province.stop(.hub) == 0)

        func lines(_ agency: AgencyID) throws -> [Substring] {
            try String(contentsOfFile: province.logPath(agency), encoding: .utf8).split(separator: "\n")
        }
        /// The acts summed up in `kind`'s summary lines, and the lowest and highest seq they name.
        func summed(_ lines: [Substring], _ kind: String) -> (acts: Int, from: Int, to: Int) {
            let summaries = lines.filter { $0.hasSuffix("\(kind) without a line each: more than \(ActLines.perMinute) acts a minute") }
            func value(_ line: Substring, _ key: String) -> Int {
                line.split(separator: " ").first { $0.hasPrefix("\(key)=") }.flatMap { Int($0.dropFirst(key.count + 1)) } ?? -1
            }
            return (summaries.map { value($0, "acts") }.reduce(0, +),
                    summaries.map { value($0, "fromSeq") }.min() ?? -1, summaries.map { value($0, "toSeq") }.max() ?? -1)
        }
        let agency = try lines(Self.tanAn)
        #expect(agency.filter { $0.hasSuffix("] recorded") }.count == ActLines.perMinute)
        let recorded = summed(agency, "recorded")
        #expect(recorded.acts == 500 && recorded.from == ActLines.perMinute + 1 && recorded.to == total, "\(recorded)")
        let hub = try lines(.hub)
        #expect(hub.filter { $0.hasSuffix("] applied") && $0.contains("origin=\(Self.tanAn)") }.count == ActLines.perMinute)
        let applied = summed(hub, "applied")
        #expect(applied.acts == 500 && applied.from == ActLines.perMinute + 1 && applied.to == total, "\(applied)")
    }

    /// `phoihop import`: the console binary sends a JSON Lines file in slices; the refused lines
    /// are reported with their line numbers and copied, as they were, to a file to import again.
    @Test func importRecordsAFileInSlicesAndSetsTheRefusedLinesAside() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let file = "\(province.directory)/so-dang-ky.jsonl"
        var lines = ["# sổ quản lý của huyện, xuất từ bảng tính", ""]
        lines += (1...7).map { String(decoding: Self.business("TA-\($0)", $0).encoded(), as: UTF8.self) }
        lines.insert(String(decoding: Self.business("TA-3").encoded(), as: UTF8.self), at: 6)   // line 7: TA-3 again
        lines.append(#"{"businessID":"TA-99"}"#)                                                 // line 11: incomplete
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let console = "\(province.binDirectory)/phoihop"
        let run = try Subprocess.run(console, ["import", "--type", "business.registered", "--slice", "3",
                                               "--control", province.controlPath(Self.tanAn), file])
        #expect(run.status == 1, "a refused line makes the import fail: \(run.output)")
        #expect(run.output.contains("Đã ghi nhận 7 hoạt động business.registered"), "\(run.output)")
        #expect(run.output.contains("dòng 7: điểm kinh doanh TA-3 đã có trong sổ quản lý"), "\(run.output)")
        #expect(run.output.contains("dòng 11: nội dung business.registered không hợp lệ"), "\(run.output)")
        let refused = try String(contentsOfFile: file + ".bi-tu-choi.jsonl", encoding: .utf8)
        #expect(refused == lines[6] + "\n" + lines[10] + "\n")
        try province.waitUntil("the hub holds the seven", timeout: 20) { try hubBusinesses(province).count == 7 }

        // A file that is not there: a clear error, nothing sent.
        let missing = try Subprocess.run(console, ["import", "--type", "business.registered", "--control", province.controlPath(Self.tanAn),
                                                   "\(province.directory)/khong-co.jsonl"])
        #expect(missing.status == 1 && missing.output.contains("không đọc được"), "\(missing.output)")
        #expect(try province.status(Self.tanAn).totals.messages == 7)
    }

    @Test func officersRecordingAtTheSameMomentEachGetTheirOwnReceipt() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let officers = 8, each = 25
        let receipts = Receipts()
        let control = province.controlPath(Self.tanAn)
        DispatchQueue.concurrentPerform(iterations: officers) { officer in
            do {
                let client = try ControlClient(path: control, timeoutMilliseconds: 20_000)
                for i in 0..<each {
                    let body = Self.business("TA-\(officer)-\(i)", i)
                    let receipt = try client.record(body)
                    receipts.add("TA-\(officer)-\(i)", receipt)
                }
                // One refused act among them gets its own refusal, not another officer's receipt.
                let again = Self.business("TA-\(officer)-0")
                _ = try client.record(again)
                receipts.fail("officer \(officer): a duplicate registration was recorded")
            } catch let error as ControlError where error.description.contains("TA-\(officer)-0 đã có trong sổ quản lý") {
            } catch { receipts.fail("officer \(officer): \(error)") }
        }
        #expect(receipts.failures.isEmpty, "\(receipts.failures.prefix(3))")
        let all = receipts.all
        #expect(all.count == officers * each)
        #expect(Set(all.values.map(\.seq)) == Set(1...UInt64(officers * each)), "every seq once, no gap")
        #expect(Set(all.values.map(\.id)).count == officers * each)
        try province.waitUntil("the hub holds all \(officers * each)", timeout: 30) {
            try hubBusinesses(province) == Set(all.keys)
        }
    }
}

final class Receipts: @unchecked Sendable {
    private let lock = NSLock()
    private var receipts: [String: RecordReceipt] = [:]
    private var problems: [String] = []
    func add(_ business: String, _ receipt: RecordReceipt) { lock.lock(); receipts[business] = receipt; lock.unlock() }
    func fail(_ problem: String) { lock.lock(); problems.append(problem); lock.unlock() }
    var all: [String: RecordReceipt] { lock.lock(); defer { lock.unlock() }; return receipts }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return problems }
}

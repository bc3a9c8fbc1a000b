import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Disk trouble at the hub while agencies keep recording, and a disk that fills during an online
/// backup or under a clean stop's checkpoint — on real small filesystems (a tmpfs, an ext4 image
/// on a loop device), with real daemons. The agency side is in ``DiskFaultTests``, whose helpers
/// these tests use.
@Suite(.serialized)
struct HubDiskFaultTests {
    typealias Disk = DiskFaultTests
    static let tanAn = DiskFaultTests.tanAn
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let districts = [tanAn, kienTuong]

    static func business(_ district: AgencyID, _ n: Int) -> MessageBody {
        ProvinceTests.business("\(district == tanAn ? "TA" : "KT")-\(n)", in: district)
    }

    /// A report request: an act only the hub records (Permissions P35).
    static func reportRequest(_ key: String) -> MessageBody {
        MessageBody(ReportRequested(
            requestID: key, kind: .adHoc, subject: "Báo cáo đột xuất \(key)", periodFrom: try! CivilDate(parsing: "2026-11-01"),
            periodTo: try! CivilDate(parsing: "2026-11-15"), requestedOn: try! CivilDate(parsing: "2026-11-20"),
            dueOn: try! CivilDate(parsing: "2026-11-30"), addressees: districts))
    }

    /// The ids of the businesses relayed by the hub that `agency`'s own log holds (one row per
    /// time it was applied), read from its SQLite file.
    static func relayedBusinesses(_ province: Province, at agency: AgencyID) throws -> [String] {
        try PhoiHopDatabase(path: province.databasePath(agency)).read { db in
            try String.fetchAll(db, sql: "SELECT id FROM message_log WHERE origin = ? AND type = ? ORDER BY position",
                                arguments: [AgencyID.hub.rawValue, MessageType.businessRegistered.rawValue])
        }
    }

    /// Every district act in `receipts` applied at the hub, acknowledged to its district, and
    /// relayed to Đội 814, which acknowledged it.
    static func waitUntilEverythingFlowed(_ province: Province, _ receipts: [AgencyID: [String]], _ what: String, timeout: TimeInterval) throws {
        let total = UInt64(receipts.values.map(\.count).reduce(0, +))
        try province.waitUntil(what, timeout: timeout) {
            for district in districts {
                guard try Disk.peer(province, district).applied == UInt64(receipts[district]!.count),
                      try Disk.peer(province, .hub, at: district).outboundPending == 0 else { return false }
            }
            return try Disk.peer(province, .hub, at: vhttdl).applied >= total && Disk.peer(province, vhttdl).outboundPending == 0
        }
    }

    /// The hub, two districts and Đội 814 (every business is relayed to it); each district has two
    /// acts applied at the hub and relayed. Returns each district's receipts.
    static func startWithTwoActsEach(_ province: Province) throws -> [AgencyID: [String]] {
        try province.start(.hub)
        for agency in districts + [vhttdl] { try province.start(agency) }
        var receipts: [AgencyID: [String]] = [:]
        for district in districts { receipts[district] = try (1...2).map { try province.record(district, business(district, $0)).id } }
        try waitUntilEverythingFlowed(province, receipts, "the first four acts were applied at the hub and relayed", timeout: 30)
        return receipts
    }

    /// While the hub's store cannot be written and both districts keep recording (six acts each,
    /// acknowledged by their own daemons): the hub acknowledges none of them, keeps answering
    /// `status`, which names the failure (and the console's status says it in Vietnamese), refuses
    /// an act recorded at the hub with `officerText`, and logs the failure a few times a minute.
    static func expectHubHoldsOut(_ province: Province, receipts: inout [AgencyID: [String]], kind: PhoiHopDatabase.WriteFailure,
                                  officerText: String, consoleText: String) throws {
        let before = try province.status(.hub)
        let started = Date()
        for n in 3...8 {
            for district in districts { receipts[district]!.append(try province.record(district, business(district, n)).id) }
        }
        try province.waitUntil("the hub has failed to apply and said so", timeout: 30) {
            Disk.fullLog(province, .hub).contains("apply failed; nothing acknowledged, senders will resend")
        }
        do {
            let receipt = try province.record(.hub, reportRequest("YC-DISK"))
            Issue.record("the hub acknowledged its own act on a store that cannot be written: \(receipt)")
        } catch let error as ControlError {
            #expect(error.message.contains(officerText), "\(error.message)")
            #expect(error.message.contains("chưa có gì được ghi nhận"), "\(error.message)")
        }
        // Several resends have met the failing store (each failed write is counted in the hub's status).
        try province.waitUntil("five failed writes at the failing hub", timeout: 30) {
            try province.status(.hub).storeWriteFailure?.failedWrites ?? 0 >= 5
        }

        let status = try province.status(.hub)
        let failure = try #require(status.storeWriteFailure, "the hub's status says nothing of its store failing")
        #expect(failure.kind == kind)
        #expect(failure.problem == kind.english)
        #expect(failure.database.hasSuffix("so-tttt.sqlite"), "\(failure.database)")
        #expect(failure.since >= Int64(started.timeIntervalSince1970 * 1000) - 1000 && failure.last >= failure.since)
        // Nothing acknowledged that the hub did not store: each district still holds its six.
        #expect(status.totals.messages == before.totals.messages)
        for district in districts {
            #expect(try Disk.peer(province, district).applied == 2)
            #expect(try Disk.peer(province, .hub, at: district).outboundPending == 6)
        }
        #expect(province.processes[.hub]?.isRunning == true)
        let console = try BackupTests.console(province, ["status", "--control", province.controlPath(.hub)])
        #expect(console.status == 0)
        #expect(console.output.contains("CẢNH BÁO: không ghi được cơ sở dữ liệu (\(consoleText))"), "\(console.output)")
        #expect(console.output.contains("sẽ được gửi lại"), "\(console.output)")
        let log = Disk.fullLog(province, .hub)
        #expect(log.contains("record failed: \(kind.english); nothing was recorded"), "\(log.suffix(3000))")
        #expect(log.components(separatedBy: "apply failed").count - 1 <= 6, "\(log.suffix(3000))")
        #expect(log.components(separatedBy: "could not record peer status").count - 1 <= 6, "\(log.suffix(3000))")
    }

    /// Each district's acts at the hub exactly once and in order, and each relayed to Đội 814 once.
    static func expectExactlyOnce(_ province: Province, _ receipts: [AgencyID: [String]]) throws {
        for district in districts {
            #expect(try Disk.loggedIDs(province, .hub, from: district) == receipts[district]!)
            #expect(try Disk.loggedIDs(province, district, from: district) == receipts[district]!)
        }
        let relayed = try relayedBusinesses(province, at: vhttdl)
        #expect(relayed.count == Set(relayed).count, "a relay was applied twice at Đội 814")
        #expect(Set(relayed) == Set(receipts.values.joined()))
    }

    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the hub's state directory on a small tmpfs"))
    func aFullDiskAtTheHubWhileTwoDistrictsRecordAcknowledgesNothingSaysSoInStatusAndEverythingArrivesOnceWhenSpaceReturns() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        let state = try Disk.mountTmpfs(province, .hub, megabytes: 4)
        defer {
            province.stopAll()
            Disk.shell("umount '\(state)'")
        }
        var receipts = try Self.startWithTwoActsEach(province)

        let filler = try Disk.fill(state)
        try Self.expectHubHoldsOut(province, receipts: &receipts, kind: .diskFull, officerText: "đĩa đầy", consoleText: "đĩa đầy")

        let freed = Date()
        try FileManager.default.removeItem(atPath: filler)
        try Self.waitUntilEverythingFlowed(province, receipts, "all sixteen acts were applied at the hub and relayed once space returned", timeout: 60)
        print("hub disk full: \(receipts.values.map(\.count).reduce(0, +)) acts applied and relayed \(String(format: "%.2f", Date().timeIntervalSince(freed))) s after space returned")
        #expect(try province.status(.hub).storeWriteFailure == nil)
        // The hub records its own acts again.
        _ = try province.record(.hub, Self.reportRequest("YC-AFTER"))
        province.stopAll()
        try Self.expectExactlyOnce(province, receipts)
    }

    /// A tmpfs cannot be turned read-only under an open database and an ext4 filesystem that the
    /// kernel turned read-only after an error cannot be remounted read-write: the hub's state
    /// directory is an ext4 image mounted `errors=remount-ro`, turned read-only by a filesystem
    /// error; recovery is stop, umount, e2fsck, mount, start.
    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the hub's state directory on a loop-mounted ext4 image"))
    func aHubWhoseFilesystemTurnsReadOnlyAcknowledgesNothingSaysSoAndEverythingArrivesOnceAfterFsckAndRestart() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        let (image, state, mount) = try Disk.mountExt4(province, .hub)
        defer {
            province.stopAll()
            Disk.shell("umount '\(state)'")
        }
        var receipts = try Self.startWithTwoActsEach(province)

        try Disk.turnReadOnly(state)
        try Self.expectHubHoldsOut(province, receipts: &receipts, kind: .notWritable, officerText: "đĩa chỉ đọc",
                                   consoleText: "đĩa chỉ đọc hoặc lỗi đĩa")

        // The districts keep recording while the hub is repaired.
        #expect(province.stop(.hub) == 0)
        for district in Self.districts { receipts[district]!.append(try province.record(district, Self.business(district, 9)).id) }
        try Disk.repair(province, image: image, state: state, mount: mount)
        let restarted = Date()
        try province.start(.hub)
        try Self.waitUntilEverythingFlowed(province, receipts, "all eighteen acts were applied at the hub and relayed after the repair", timeout: 60)
        print("hub read-only: \(receipts.values.map(\.count).reduce(0, +)) acts applied and relayed \(String(format: "%.2f", Date().timeIntervalSince(restarted))) s after the repaired hub was started")
        #expect(try province.status(.hub).storeWriteFailure == nil)
        _ = try province.record(.hub, Self.reportRequest("YC-AFTER"))
        province.stopAll()
        try Self.expectExactlyOnce(province, receipts)
    }

    /// The files in `directory`, hidden ones included.
    static func contents(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// A backup (control channel and console) onto a 100 KB tmpfs, smaller than the database,
    /// at a district and at the hub, while the district records without pause: refused with the
    /// Vietnamese disk message, nothing left in the destination directory, the daemons never stop
    /// recording and applying; a backup to a directory with space holds every acknowledged act.
    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) for a small tmpfs as the backup destination"))
    func aBackupOntoADiskThatFillsIsRefusedLeavesNothingBehindAndTheDaemonKeepsRecording() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        let small = "\(province.directory)/small-backups"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        let mounted = Disk.shell("mount -t tmpfs -o size=100k tmpfs '\(small)'")
        try #require(mounted.status == 0, "mount tmpfs: \(mounted.output)")
        let recorder = BackupTests.Recorder()
        var recording = false
        defer {
            if recording { _ = recorder.stop() } // stop() waits for the thread: once, and only if it started
            province.stopAll()
            Disk.shell("umount '\(small)'")
        }
        let smallFree = Disk.shell("df --output=avail -B1 '\(small)' | tail -1").output.trimmingCharacters(in: .whitespacesAndNewlines)
        try province.start(.hub)
        try province.start(Self.tanAn)
        recorder.start(province, prefix: "TA")
        recording = true
        try province.waitUntil("the district has recorded 20 acts", timeout: 60) { recorder.snapshot.count >= 20 }

        for agency in [Self.tanAn, AgencyID.hub] {
            // The control channel, then the officer's command: both refused, in Vietnamese.
            let file = "\(small)/\(agency).sqlite"
            do {
                let result = try BackupTests.backup(province, agency, to: file)
                Issue.record("a backup larger than its disk was acknowledged: \(result)")
            } catch let error as ControlError {
                #expect(error.message.contains("đĩa đầy tại \(small)"), "\(error.message)")
                #expect(error.message.contains("chưa tạo được bản sao lưu"), "\(error.message)")
            }
            let console = try BackupTests.console(province, ["backup", "--control", province.controlPath(agency), "--out", file])
            #expect(console.status != 0)
            #expect(console.output.contains("Sao lưu không thành công: đĩa đầy tại \(small)"), "\(console.output)")
            // Nothing under the final name, no temporary file or journal, all the space back.
            #expect(Self.contents(small) == [], "\(Self.contents(small))")
            let free = Disk.shell("df --output=avail -B1 '\(small)' | tail -1").output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(free == smallFree)
            #expect(Disk.fullLog(province, agency).contains("no backup was made and no partial file is left"))

            // Still recording (the district) and applying (the hub).
            let recorded = recorder.snapshot.count
            try province.waitUntil("the district recorded five more acts after the refused backup", timeout: 30) {
                recorder.snapshot.count >= recorded + 5
            }
            try province.waitUntil("the hub applied them", timeout: 30) {
                try Disk.peer(province, Self.tanAn).applied >= UInt64(recorded + 5)
            }

            // A backup where there is space: whole, and every act acknowledged before it is in it.
            let acknowledged = agency == .hub ? try BackupTests.hubIDs(province, origin: Self.tanAn) : Set(recorder.snapshot)
            let good = "\(province.directory)/\(agency)-backup.sqlite"
            let result = try BackupTests.backup(province, agency, to: good)
            #expect(result.bytes > 100 * 1024, "the database is not larger than the small disk: the refusal proved nothing")
            #expect(try BackupTests.integrity(good) == ["ok"])
            let held = try BackupTests.logged(good, origin: Self.tanAn)
            #expect(acknowledged.isSubset(of: Set(held.map(\.id))))
            #expect(held.map(\.seq) == Array(1...Int64(held.count)))
        }
        recording = false
        #expect(recorder.stop() == nil, "the district refused an act while a backup failed")
        let all = recorder.snapshot
        try province.waitUntil("the hub applied every act", timeout: 60) {
            try Disk.peer(province, Self.tanAn).applied == UInt64(all.count) && Disk.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        province.stopAll()
        #expect(try Disk.loggedIDs(province, .hub, from: Self.tanAn) == all)
    }

    /// The hub's disk fills after it applied a district's acts, so the checkpoint of its clean stop
    /// cannot copy the write-ahead log into the database file: it stops anyway, losing nothing
    /// (the `-wal` file keeps the acts); started while the disk is still full it refuses, naming
    /// the remedy; started once space is back it holds every act it acknowledged, passes
    /// quick_check, and takes the district's acts recorded while it was down.
    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the hub's state directory on a small tmpfs"))
    func aHubWhoseDiskFillsBeforeItsStopCheckpointLosesNothingRefusesToStartWhileFullAndStartsWholeOnceSpaceReturns() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        let state = try Disk.mountTmpfs(province, .hub, megabytes: 4)
        defer {
            province.stopAll()
            Disk.shell("umount '\(state)'")
        }
        var receipts = try Disk.startWithThreeActs(province)
        // Enough acts that the log's new pages lie past the end of the database file.
        for n in 4...40 { receipts.append(try province.record(Self.tanAn, ProvinceTests.business("TA-\(n)", in: Self.tanAn)).id) }
        try province.waitUntil("the hub applied and acknowledged all forty acts", timeout: 60) {
            try Disk.peer(province, Self.tanAn).applied == 40 && Disk.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        let database = province.databasePath(.hub)

        let filler = try Disk.fill(state)
        #expect(province.stop(.hub) == 0)
        let log = Disk.fullLog(province, .hub)
        try #require(log.contains("could not checkpoint the database"), "the checkpoint did not fail: the test proves nothing. \(log.suffix(2000))")
        let wal = (try FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        #expect(wal > 0, "the write-ahead log holding the acts is gone")

        let refused = try province.startExpectingFailure(.hub, timeout: 30)
        #expect(!refused.signalled, "the hub crashed on a full disk: \(refused.output)")
        #expect(refused.status != 0)
        print("hub started on a full disk: exit \(refused.status), \(refused.output.split(separator: "\n").last { $0.contains("critical") } ?? "no critical line")")
        #expect(refused.output.contains("is full, so the daemon cannot start"), "\(refused.output)")
        #expect(refused.output.contains("free space on that filesystem"), "\(refused.output)")
        #expect(refused.output.contains("Do not delete \(URL(fileURLWithPath: database).standardizedFileURL.path)-wal"), "\(refused.output)")

        // The district records on while the hub is down.
        for n in 41...43 { receipts.append(try province.record(Self.tanAn, ProvinceTests.business("TA-\(n)", in: Self.tanAn)).id) }
        try FileManager.default.removeItem(atPath: filler)
        try province.start(.hub)
        try province.waitUntil("the hub applied all forty-three acts", timeout: 60) {
            try Disk.peer(province, Self.tanAn).applied == 43 && Disk.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        province.stopAll()
        #expect(try Disk.loggedIDs(province, .hub, from: Self.tanAn) == receipts)
        // The log restarts with each start: this is the last run's.
        #expect(!Disk.fullLog(province, .hub).contains("could not checkpoint"), "the last stop's checkpoint failed too")
        #expect(((try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? NSNumber)?.intValue ?? 0) == 0)
        var readOnly = Configuration()
        readOnly.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: readOnly)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"])
        try queue.close()
    }
}

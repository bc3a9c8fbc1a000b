import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Online backups of a running daemon's store, and what a restored store does when it rejoins.
@Suite(.serialized)
struct BackupTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    static func business(_ id: String) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 15, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    static func backup(_ province: Province, _ agency: AgencyID, to path: String, overwrite: Bool = false) throws -> BackupResult {
        try ControlClient(path: province.controlPath(agency), timeoutMilliseconds: 60_000).call(
            ControlCommand(command: "backup", parameters: ["path": path, "overwrite": overwrite ? "true" : "false"]), as: BackupResult.self)
    }

    /// The ids a backup file holds for `origin`, with their seqs, read without changing the file.
    static func logged(_ file: String, origin: AgencyID) throws -> [(seq: Int64, id: String)] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: file, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, id FROM message_log WHERE origin = ? ORDER BY seq", arguments: [origin.rawValue])
                .map { (seq: $0["seq"] as Int64, id: $0["id"] as String) }
        }
    }

    static func integrity(_ file: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: file, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    static func hubIDs(_ province: Province, origin: AgencyID) throws -> Set<String> {
        Set(try logged(province.databasePath(.hub), origin: origin).map(\.id))
    }

    static func pendingToHub(_ province: Province, _ agency: AgencyID) throws -> UInt64 {
        try province.status(agency).peers.first { $0.id == .hub }?.outboundPending ?? .max
    }

    /// Records businesses at the district on its own thread until stopped.
    final class Recorder: @unchecked Sendable {
        // @unchecked: every field is guarded by `lock`.
        let lock = NSLock()
        var ids: [String] = []
        var stopped = false
        var failure: String?
        let done = DispatchSemaphore(value: 0)

        func start(_ province: Province, prefix: String) {
            Thread.detachNewThread {
                var n = 0
                while !self.lock.withLock({ self.stopped }) {
                    n += 1
                    do {
                        let receipt = try province.record(BackupTests.tanAn, BackupTests.business("\(prefix)-\(n)"))
                        self.lock.withLock { self.ids.append(receipt.id) }
                    } catch {
                        self.lock.withLock { self.failure = "\(error)" }
                        break
                    }
                }
                self.done.signal()
            }
        }

        var snapshot: [String] { lock.withLock { ids } }

        func stop() -> String? {
            lock.withLock { stopped = true }
            done.wait()
            return lock.withLock { failure }
        }
    }

    @Test func aBackupTakenWhileADistrictRecordsIsConsistentAndHoldsEveryAcknowledgedAct() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let recorder = Recorder()
        recorder.start(province, prefix: "TA")
        try province.waitUntil("the district has recorded 20 acts", timeout: 60) { recorder.snapshot.count >= 20 }

        // The district's own store: every receipt it gave before the call is in its backup.
        let districtFile = "\(province.directory)/district-backup.sqlite"
        let recordedBefore = Set(recorder.snapshot)
        let districtBackup = try Self.backup(province, Self.tanAn, to: districtFile)
        let districtLog = try Self.logged(districtFile, origin: Self.tanAn)
        #expect(recordedBefore.isSubset(of: Set(districtLog.map(\.id))))
        #expect(districtLog.map(\.seq) == Array(1...Int64(districtLog.count)), "a snapshot of a gap-free stream is gap-free")
        #expect(districtBackup.messages >= recordedBefore.count)

        // The hub's store: every act it had acknowledged (applied) before the call is in its backup.
        let hubFile = "\(province.directory)/hub-backup.sqlite"
        try province.waitUntil("the hub has applied some of the district's acts", timeout: 30) {
            try !Self.hubIDs(province, origin: Self.tanAn).isEmpty
        }
        let appliedBefore = try Self.hubIDs(province, origin: Self.tanAn)
        #expect(appliedBefore.count >= 1)
        let hubBackup = try Self.backup(province, .hub, to: hubFile)
        let hubLog = try Self.logged(hubFile, origin: Self.tanAn)
        #expect(appliedBefore.isSubset(of: Set(hubLog.map(\.id))))
        #expect(hubLog.map(\.seq) == Array(1...Int64(hubLog.count)))
        #expect(recorder.stop() == nil)

        for file in [districtFile, hubFile] {
            #expect(try Self.integrity(file) == ["ok"])
            for suffix in ["-wal", "-shm", "-journal"] { #expect(!FileManager.default.fileExists(atPath: file + suffix)) }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: province.directory).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: hubFile)[.size] as? NSNumber)?.int64Value
        #expect(hubBackup.bytes == size)
        #expect(hubBackup.path == hubFile)
        #expect(hubBackup.agency == .hub)
        // The backup is a store a daemon can open: same schema, migrated.
        let reopened = try PhoiHopDatabase(path: hubFile)
        #expect(try reopened.read { try MessageLog.count($0) } == hubBackup.messages)
    }

    @Test func aBackupOntoAnExistingFileOrIntoAMissingDirectoryIsRefusedAndTheDaemonKeepsServing() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, Self.business("TA-1"))

        let existing = "\(province.directory)/existing.sqlite"
        let original = Data("not a backup, keep me".utf8)
        try original.write(to: URL(fileURLWithPath: existing))
        do {
            _ = try Self.backup(province, Self.tanAn, to: existing)
            Issue.record("a backup over an existing file without overwrite was accepted")
        } catch let error as ControlError {
            #expect("\(error)".contains("already exists"), "\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == original)

        do {
            _ = try Self.backup(province, Self.tanAn, to: "\(province.directory)/no-such-dir/b.sqlite")
            Issue.record("a backup into a missing directory was accepted")
        } catch let error as ControlError {
            #expect("\(error)".contains("does not exist"), "\(error)")
        }
        do {
            _ = try Self.backup(province, Self.tanAn, to: "relative.sqlite")
            Issue.record("a relative backup path was accepted")
        } catch let error as ControlError {
            #expect("\(error)".contains("absolute"), "\(error)")
        }

        // Still serving: it records, and an explicit overwrite replaces the file with a real backup.
        try province.record(Self.tanAn, Self.business("TA-2"))
        let result = try Self.backup(province, Self.tanAn, to: existing, overwrite: true)
        #expect(result.messages == 2)
        #expect(try Self.integrity(existing) == ["ok"])

        // The officer's command: Vietnamese confirmation, and the same refusal without --overwrite.
        let console = try Self.console(province, ["backup", "--control", province.controlPath(Self.tanAn), "--out", existing, "--overwrite"])
        #expect(console.status == 0)
        #expect(console.output.contains("Đã sao lưu \(existing) (2 thông điệp,"), "\(console.output)")
        #expect(console.output.contains("giây"))
        let refused = try Self.console(province, ["backup", "--control", province.controlPath(Self.tanAn), "--out", existing])
        #expect(refused.status != 0)
        #expect(refused.output.contains("Sao lưu không thành công") && refused.output.contains("already exists"), "\(refused.output)")
    }

    static func console(_ province: Province, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Subprocess.run("\(province.binDirectory)/phoihop", arguments)
    }

    /// The hub's store is restored from a backup older than what it had acknowledged: the
    /// district sees the hub's `applied` fall below what it acknowledged and resends the acts
    /// since from its retained outbox, so the hub gets back every act exactly once.
    @Test func aHubRestoredFromAnOldBackupGetsBackWhatItHadAcknowledgedFromTheAgencies() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let before = try (1...3).map { try province.record(Self.tanAn, Self.business("TA-A\($0)")).id }
        try province.waitUntil("the hub acknowledged the first acts", timeout: 30) { try Self.pendingToHub(province, Self.tanAn) == 0 }
        let backupFile = "\(province.directory)/hub-old.sqlite"
        _ = try Self.backup(province, .hub, to: backupFile)

        let between = try (1...3).map { try province.record(Self.tanAn, Self.business("TA-B\($0)")).id }
        try province.waitUntil("the hub acknowledged the acts after the backup", timeout: 30) { try Self.pendingToHub(province, Self.tanAn) == 0 }
        #expect(try Self.hubIDs(province, origin: Self.tanAn) == Set(before + between))

        // Offline restore, as docs/RELIABILITY.md says.
        #expect(province.stop(.hub) == 0)
        let live = province.databasePath(.hub)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: live + suffix) }
        try FileManager.default.copyItem(atPath: backupFile, toPath: live)
        try province.start(.hub)

        let after = try (1...2).map { try province.record(Self.tanAn, Self.business("TA-C\($0)")).id }
        try province.waitUntil("the hub applied the district's whole stream again", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 8 && Self.pendingToHub(province, Self.tanAn) == 0
        }
        let held = try Self.logged(province.databasePath(.hub), origin: Self.tanAn)
        #expect(held.map(\.id) == before + between + after, "every act once, in the district's order")
        #expect(held.map(\.seq) == Array(1...8))
        #expect(province.log(Self.tanAn).contains("peer applied less than it had acknowledged"))
    }

    /// A district's store is restored from a backup: its stream would restart below what the hub
    /// applied. On the hub's first heartbeat the district learns where the hub stands and numbers
    /// its new acts after it, so none is taken for a duplicate. What it recorded between the
    /// backup and the restore the hub hands back to it (`BusNode+Handover.swift`).
    @Test func aDistrictRestoredFromAnOldBackupContinuesAfterTheHubsPositionAndLosesNoNewAct() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let before = try (1...2).map { try province.record(Self.tanAn, Self.business("TA-A\($0)")).id }
        try province.waitUntil("the hub acknowledged the first acts", timeout: 30) { try Self.pendingToHub(province, Self.tanAn) == 0 }
        let backupFile = "\(province.directory)/district-old.sqlite"
        _ = try Self.backup(province, Self.tanAn, to: backupFile)
        let between = try (1...3).map { try province.record(Self.tanAn, Self.business("TA-B\($0)")).id }
        try province.waitUntil("the hub acknowledged the acts after the backup", timeout: 30) { try Self.pendingToHub(province, Self.tanAn) == 0 }

        #expect(province.stop(Self.tanAn) == 0)
        let live = province.databasePath(Self.tanAn)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: live + suffix) }
        try FileManager.default.copyItem(atPath: backupFile, toPath: live)
        try province.start(Self.tanAn)

        let after = try (1...2).map { try province.record(Self.tanAn, Self.business("TA-C\($0)")).id }
        try province.waitUntil("the hub applied the district's new acts", timeout: 30) {
            try Self.hubIDs(province, origin: Self.tanAn).isSuperset(of: after) && Self.pendingToHub(province, Self.tanAn) == 0
        }
        let held = try Self.logged(province.databasePath(.hub), origin: Self.tanAn)
        #expect(held.map(\.id) == before + between + after)
        #expect(held.map(\.seq) == Array(1...7), "the new acts follow the hub's position")
        #expect(province.log(Self.tanAn).contains("the database was restored from an older backup"))
        // What it recorded between the backup and the restore comes back in the hub's handover.
        try province.waitUntil("the district holds its acts from between the backup and the restore again", timeout: 30) {
            try province.status(Self.tanAn).totals.businesses == 7
        }
        #expect(province.stop(Self.tanAn) == 0)
        #expect(Set(try Self.logged(live, origin: Self.tanAn).map(\.id)).isDisjoint(with: between), "not as its own stream")
        let districtLog = try PhoiHopDatabase(path: live).read { db in try String.fetchAll(db, sql: "SELECT id FROM message_log") }
        #expect(districtLog.sorted() == (before + between + after).sorted(), "each act once")
        #expect(province.log(.hub).contains("agency lost acts: handed over every act of the log that concerns it"))
    }
}

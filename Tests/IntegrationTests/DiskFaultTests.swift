import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// A full disk or a filesystem gone read-only under a running daemon, on a real small filesystem
/// (a tmpfs, or an ext4 image on a loop device) holding its state directory: the act is refused
/// with a clear error, never acknowledged and then lost; the daemon keeps serving; it recovers
/// when space returns.
@Suite(.serialized)
struct DiskFaultTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// Mounting needs root and mount(8); without them these tests prove nothing and are skipped.
    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-mount-probe-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard shell("mount -t tmpfs -o size=1m tmpfs '\(probe)'").status == 0 else { return false }
        _ = shell("umount '\(probe)'")
        return true
    }()

    @discardableResult
    static func shell(_ command: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func stateDirectory(_ province: Province, _ agency: AgencyID) -> String { "\(province.directory)/state/\(agency)" }

    /// A 16 MB ext4 image mounted at `agency`'s state directory with `errors=remount-ro`, so a
    /// filesystem error turns it read-only under the running daemon. Returns the image, the
    /// directory and the mount command (to mount it again after e2fsck).
    static func mountExt4(_ province: Province, _ agency: AgencyID) throws -> (image: String, state: String, mount: String) {
        let state = stateDirectory(province, agency)
        let image = "\(province.directory)/\(agency)-state.ext4"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let made = shell("truncate -s 16M '\(image)' && mkfs.ext4 -q -F '\(image)'")
        try #require(made.status == 0, "mkfs.ext4: \(made.output)")
        let mount = "mount -o loop,errors=remount-ro '\(image)' '\(state)'"
        let mounted = shell(mount)
        try #require(mounted.status == 0, "\(mount): \(mounted.output)")
        return (image, state, mount)
    }

    /// Repairs the ext4 image a read-only error left behind, as an administrator would: umount,
    /// e2fsck, mount again — and checks the filesystem is writable before a daemon starts on it.
    /// The loop device is released asynchronously after umount; under load a new `mount -o
    /// loop` could otherwise reuse the old device and its stale state, so it waits until the
    /// image is attached to none.
    static func repair(_ province: Province, image: String, state: String, mount: String) throws {
        let unmounted = shell("umount '\(state)'")
        try #require(unmounted.status == 0, "umount \(state): \(unmounted.output)")
        try province.waitUntil("the loop device of the image is released", timeout: 30) {
            shell("losetup -j '\(image)'").output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        let repaired = shell("e2fsck -fy '\(image)'")
        try #require(repaired.status <= 1, "e2fsck exited \(repaired.status): \(repaired.output)")
        let remounted = shell(mount)
        try #require(remounted.status == 0, "\(mount): \(remounted.output)")
        try #require(shell("touch '\(state)/probe' && rm '\(state)/probe'").status == 0,
                     "the repaired filesystem is not writable: \(shell("findmnt -n -o OPTIONS '\(state)'").output)")
    }

    /// Makes the kernel see an error on the ext4 filesystem at `state`, which it then remounts
    /// read-only (`errors=remount-ro`), and checks that it did.
    static func turnReadOnly(_ state: String) throws {
        let device = shell("findmnt -n -o SOURCE '\(state)'").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let trigger = shell("echo test > /sys/fs/ext4/\(URL(fileURLWithPath: device).lastPathComponent)/trigger_fs_error")
        try #require(trigger.status == 0, "trigger_fs_error on \(device): \(trigger.output)")
        #expect(shell("touch '\(state)/probe'").status != 0, "the filesystem is still writable")
    }

    /// A tmpfs of `megabytes` at `agency`'s state directory (before the daemon first starts).
    static func mountTmpfs(_ province: Province, _ agency: AgencyID, megabytes: Int) throws -> String {
        let directory = stateDirectory(province, agency)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let mount = shell("mount -t tmpfs -o size=\(megabytes)m tmpfs '\(directory)'")
        guard mount.status == 0 else { throw ProvinceError("mount tmpfs at \(directory): \(mount.output)") }
        return directory
    }

    /// Fills the filesystem holding `directory` with a file until it has no space left.
    static func fill(_ directory: String) throws -> String {
        let filler = directory + "/filler"
        shell("dd if=/dev/zero of='\(filler)' bs=4096 2>/dev/null")
        let free = shell("df --output=avail -B1 '\(directory)' | tail -1").output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard free == "0" else { throw ProvinceError("\(directory) still has \(free) bytes free after filling") }
        return filler
    }

    /// Starts the hub and the district, records three acts there and waits until the hub has
    /// applied them and acknowledged them to the district. Returns their ids.
    static func startWithThreeActs(_ province: Province) throws -> [String] {
        try province.start(.hub)
        try province.start(tanAn)
        let receipts = try (1...3).map { try province.record(tanAn, ProvinceTests.business("TA-\($0)", in: tanAn)).id }
        try province.waitUntil("the hub applied the first three acts", timeout: 30) {
            try peer(province, tanAn).applied == 3 && peer(province, .hub, at: tanAn).outboundPending == 0
        }
        return receipts
    }

    static func peer(_ province: Province, _ agency: AgencyID, at viewer: AgencyID = .hub) throws -> PeerStatus {
        try #require(try province.status(viewer).peers.first { $0.id == agency })
    }

    static func loggedIDs(_ province: Province, _ agency: AgencyID, from origin: AgencyID) throws -> [String] {
        try PhoiHopDatabase(path: province.databasePath(agency)).read { db in try MessageLog.ids(db, origin: origin) }
    }

    static func fullLog(_ province: Province, _ agency: AgencyID) -> String {
        (try? String(contentsOfFile: province.logPath(agency), encoding: .utf8)) ?? ""
    }

    /// CPU seconds and resident kilobytes of a running daemon, from /proc.
    static func usage(_ province: Province, _ agency: AgencyID) throws -> (cpu: Double, rssKB: Int) {
        let pid = try #require(province.processes[agency]?.processIdentifier)
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0) // utime, stime
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return (ticks / Double(sysconf(Int32(_SC_CLK_TCK))), rss)
    }

    /// While the store cannot be written: `attempts` acts are refused with the officer-facing
    /// disk message, the daemon answers `status`, its log and outbox are unchanged, its log
    /// names the failure in English, and it neither spins nor grows.
    static func expectRefusals(_ province: Province, _ agency: AgencyID, from first: Int, attempts: Int, officerText: String,
                               logText: String) throws {
        let before = try province.status(agency)
        let usageBefore = try usage(province, agency)
        let started = Date()
        for i in first..<(first + attempts) {
            do {
                let receipt = try province.record(agency, ProvinceTests.business("TA-\(i)", in: agency))
                Issue.record("an act was acknowledged on a store that cannot be written: \(receipt)")
            } catch let error as ControlError {
                #expect(error.message.contains(officerText), "\(error.message)")
                #expect(error.message.contains("chưa có gì được ghi nhận"), "\(error.message)")
            }
        }
        // A few seconds of heartbeats, duties and resends against the failing store.
        try province.waitUntil("three seconds pass with the daemon answering", timeout: 30) {
            _ = try province.status(agency)
            return Date().timeIntervalSince(started) > 3
        }
        let after = try province.status(agency)
        #expect(after.totals.messages == before.totals.messages)
        #expect(after.peers.map(\.outboundLastSeq) == before.peers.map(\.outboundLastSeq))
        #expect(province.processes[agency]?.isRunning == true)
        let usageAfter = try usage(province, agency)
        let seconds = Date().timeIntervalSince(started)
        let cpuShare = (usageAfter.cpu - usageBefore.cpu) / seconds
        print("\(agency) refusing for \(String(format: "%.1f", seconds)) s: CPU \(String(format: "%.0f", cpuShare * 100)) %, RSS \(usageBefore.rssKB) → \(usageAfter.rssKB) kB")
        #expect(cpuShare < 0.5)
        #expect(usageAfter.rssKB < usageBefore.rssKB + 50_000)
        let log = fullLog(province, agency)
        #expect(log.contains(logText), "\(log.suffix(3000))")
        // Heartbeats keep failing to record the peer's status: said a few times a minute, not at every beat.
        #expect(log.components(separatedBy: "could not record peer status").count - 1 <= 6, "\(log.suffix(3000))")
    }

    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the state directory on a small tmpfs"))
    func aFullDiskAtADistrictRefusesTheActKeepsTheDaemonUpAndRecoversWhenSpaceReturns() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        let state = try Self.mountTmpfs(province, Self.tanAn, megabytes: 4)
        defer {
            province.stopAll()
            Self.shell("umount '\(state)'")
        }
        var receipts = try Self.startWithThreeActs(province)

        let filler = try Self.fill(state)
        try Self.expectRefusals(province, Self.tanAn, from: 4, attempts: 3, officerText: "đĩa đầy",
                                logText: "record failed: the disk is full; nothing was recorded")

        try FileManager.default.removeItem(atPath: filler)
        receipts.append(try province.record(Self.tanAn, ProvinceTests.business("TA-7", in: Self.tanAn)).id)
        try province.waitUntil("the hub applied the act recorded once space returned", timeout: 30) {
            try Self.peer(province, Self.tanAn).applied == 4 && Self.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        province.stopAll()
        #expect(try Self.loggedIDs(province, .hub, from: Self.tanAn) == receipts)
        #expect(try Self.loggedIDs(province, Self.tanAn, from: Self.tanAn) == receipts)
    }

    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the state directory on a small tmpfs"))
    func aFullDiskAtTheHubAcknowledgesNothingItDidNotStoreAndEverythingArrivesOnceWhenSpaceReturns() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        let state = try Self.mountTmpfs(province, .hub, megabytes: 4)
        defer {
            province.stopAll()
            Self.shell("umount '\(state)'")
        }
        var receipts = try Self.startWithThreeActs(province)

        let filler = try Self.fill(state)
        let usageBefore = try Self.usage(province, .hub)
        let started = Date()
        for i in 4...15 { receipts.append(try province.record(Self.tanAn, ProvinceTests.business("TA-\(i)", in: Self.tanAn)).id) }
        try province.waitUntil("the hub has failed to apply and said so", timeout: 30) {
            Self.fullLog(province, .hub).contains("apply failed; nothing acknowledged, senders will resend")
        }
        // Several resends have met the full store (each failed write is counted in the hub's status).
        try province.waitUntil("five failed writes at the full hub", timeout: 30) {
            try province.status(.hub).storeWriteFailure?.failedWrites ?? 0 >= 5
        }
        // Nothing acknowledged that the hub did not store: the district still holds all twelve.
        #expect(try Self.peer(province, Self.tanAn).applied == 3)
        #expect(try Self.peer(province, .hub, at: Self.tanAn).outboundPending == 12)
        #expect(try province.status(.hub).totals.messages == 3)
        #expect(province.processes[.hub]?.isRunning == true)
        let hubLog = Self.fullLog(province, .hub)
        #expect(hubLog.components(separatedBy: "apply failed").count - 1 <= 6, "\(hubLog.suffix(3000))")
        let usageAfter = try Self.usage(province, .hub)
        let seconds = Date().timeIntervalSince(started)
        let cpuShare = (usageAfter.cpu - usageBefore.cpu) / seconds
        print("hub failing for \(String(format: "%.1f", seconds)) s: CPU \(String(format: "%.0f", cpuShare * 100)) %, RSS \(usageBefore.rssKB) → \(usageAfter.rssKB) kB")
        #expect(cpuShare < 0.5)
        #expect(usageAfter.rssKB < usageBefore.rssKB + 50_000)

        try FileManager.default.removeItem(atPath: filler)
        try province.waitUntil("the hub applied all fifteen and the district holds none unacknowledged", timeout: 60) {
            try Self.peer(province, Self.tanAn).applied == 15 && Self.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        province.stopAll()
        #expect(try Self.loggedIDs(province, .hub, from: Self.tanAn) == receipts)
    }

    /// A tmpfs cannot be remounted read-only while the daemon holds its database open for
    /// writing (mount says "busy"), so the filesystem is an ext4 image mounted with
    /// `errors=remount-ro` and turned read-only under the daemon by a filesystem error — how a
    /// real disk goes read-only. Such a filesystem comes back only through fsck and a remount, so
    /// recovery is: stop the daemon, fsck, mount, start.
    @Test(.enabled(if: DiskFaultTests.canMount, "needs root and mount(8) to put the state directory on a loop-mounted ext4 image"))
    func aDistrictWhoseFilesystemTurnsReadOnlyRefusesTheActKeepsServingAndRecoversAfterFsck() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        let (image, state, mount) = try Self.mountExt4(province, Self.tanAn)
        defer {
            province.stopAll()
            Self.shell("umount '\(state)'")
        }
        var receipts = try Self.startWithThreeActs(province)

        try Self.turnReadOnly(state)

        try Self.expectRefusals(province, Self.tanAn, from: 4, attempts: 3, officerText: "đĩa chỉ đọc",
                                logText: "record failed: the database cannot be written (read-only filesystem or disk I/O error)")

        province.stop(Self.tanAn)
        try Self.repair(province, image: image, state: state, mount: mount)
        try province.start(Self.tanAn)
        receipts.append(try province.record(Self.tanAn, ProvinceTests.business("TA-7", in: Self.tanAn)).id)
        try province.waitUntil("the hub applied the act recorded after the repair", timeout: 30) {
            try Self.peer(province, Self.tanAn).applied == 4 && Self.peer(province, .hub, at: Self.tanAn).outboundPending == 0
        }
        province.stopAll()
        #expect(try Self.loggedIDs(province, .hub, from: Self.tanAn) == receipts)
        #expect(try Self.loggedIDs(province, Self.tanAn, from: Self.tanAn) == receipts)
    }
}

import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Nothing lost under faults: a paused agency, libzmq dropping at tiny high-water marks, and a
/// damaged database on start — through real processes.
@Suite(.serialized)
struct FaultTests {
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func peer(_ province: Province, _ agency: AgencyID, at viewer: AgencyID = .hub) throws -> PeerStatus {
        try #require(try province.status(viewer).peers.first { $0.id == agency })
    }

    /// The ids `agency`'s log holds from `origin`'s stream, read from its SQLite file.
    static func loggedIDs(_ province: Province, _ agency: AgencyID, from origin: AgencyID) throws -> [String] {
        try PhoiHopDatabase(path: province.databasePath(agency)).read { db in try MessageLog.ids(db, origin: origin) }
    }

    /// - Parameter pastTransportTimeout: keep the district paused until libzmq's own heartbeat
    ///   (6 s without an answer, `BusSockets`) has given up on the connection, so what was queued
    ///   for it in libzmq is thrown away and only the hub's outbox can deliver it.
    @Test(arguments: [false, true])
    func aPausedDistrictGetsEveryDirectiveAndRelayExactlyOnceWhenItResumes(pastTransportTimeout: Bool) throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        defer {
            province.signal(Self.tanAn, SIGCONT)
            province.stopAll()
        }
        try province.start(.hub)
        for agency in [Self.tanAn, Self.kienTuong, Self.vhttdl] { try province.start(agency) }
        try province.waitUntil("the three agencies are online at the hub", timeout: 30) {
            try province.status(.hub).peers.filter(\.online).count == 3
        }
        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.waitUntil("Đội 814 holds TA-1", timeout: 30) { try province.status(Self.vhttdl).totals.businesses == 1 }

        province.signal(Self.tanAn, SIGSTOP)
        try province.waitUntil("the hub shows the paused district offline", timeout: 30) {
            try !Self.peer(province, Self.tanAn).online
        }
        // While it is paused: directives addressed to it (and to the other district), relays of
        // Đội 814's violations found there, and the other district keeps recording.
        var expected: Set<String> = []
        var other: [String] = []
        for i in 1...15 {
            let request = try province.record(.hub, MessageBody(ReportRequested(
                requestID: "YC-\(i)", kind: .adHoc, subject: "Báo cáo đột xuất số \(i)", periodFrom: Self.date("2026-11-01"),
                periodTo: Self.date("2026-11-15"), requestedOn: Self.date("2026-11-20"), dueOn: Self.date("2026-11-30"),
                addressees: [Self.tanAn, Self.kienTuong])))
            #expect(Set(request.recipients) == [Self.tanAn, Self.kienTuong])
            expected.insert(request.id)
            let violation = try province.record(Self.vhttdl, MessageBody(ViolationRecorded(
                violationID: "VP-\(i)", businessID: "TA-1", district: Self.tanAn, category: "ND15-35-3-hours",
                observedOn: Self.date("2026-11-15"), evidenceRef: "BB-814-\(i)", description: "Hoạt động sau 22 giờ")))
            expected.insert(violation.id)
            other.append(try province.record(Self.kienTuong, ProvinceTests.business("KT-\(i)", in: Self.kienTuong)).id)
        }
        // Still paused: the hub has tried again (resend backoff), and still shows it offline.
        let resentBefore = try province.status(.hub).counters.resent
        try province.waitUntil("the hub has resent to the paused district", timeout: 30) {
            try province.status(.hub).counters.resent >= resentBefore + 2
        }
        if pastTransportTimeout {
            try province.waitUntil("the hub has heard nothing from the district for 7 s", timeout: 30) {
                let hub = try province.status(.hub)
                guard let seen = hub.peers.first(where: { $0.id == Self.tanAn })?.lastSeen else { return false }
                return hub.now - seen > 7000
            }
        }
        let paused = try Self.peer(province, Self.tanAn)
        #expect(paused.online == false)
        #expect(paused.outboundPending == 30)

        province.signal(Self.tanAn, SIGCONT)
        try province.waitUntil("the hub shows the district online with nothing pending", timeout: 60) {
            let peer = try Self.peer(province, Self.tanAn)
            return peer.online && peer.outboundPending == 0
        }
        try province.waitUntil("the hub applied the other district's acts", timeout: 30) {
            try Self.peer(province, Self.kienTuong).applied == 15
        }
        let outbound = try Self.peer(province, Self.tanAn).outboundLastSeq
        province.stopAll()

        // Full sets: every directive and relay once, nothing else, nothing twice.
        let received = try Self.loggedIDs(province, Self.tanAn, from: .hub)
        #expect(received.count == Set(received).count)
        #expect(Set(received) == expected)
        #expect(UInt64(received.count) == outbound)
        #expect(try Self.loggedIDs(province, .hub, from: Self.kienTuong) == other)
        let kienTuongGot = try Self.loggedIDs(province, Self.kienTuong, from: .hub)
        #expect(kienTuongGot.count == 15)
    }

    @Test func withTinyHighWaterMarksLibzmqDropsAndTheBusRepairsEveryGap() throws {
        // Each repair round waits for a resend request (at most one per resend interval): a short one keeps the test short.
        let province = try Province(districts: 1, today: "2026-11-20", resendMilliseconds: 50)
        defer {
            province.signal(.hub, SIGCONT)
            province.stopAll()
        }
        // HWM 2, window 100: once the hub acknowledges, the district puts up to 100 new acts on
        // the wire at once, far more than libzmq queues, so first copies are dropped, not only resends.
        for agency in [AgencyID.hub, Self.tanAn] {
            try province.tuneBus(agency, ["sendHighWaterMark: 2", "receiveHighWaterMark: 2", "window: 100"])
        }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.waitUntil("the district is online at the hub", timeout: 30) { try Self.peer(province, Self.tanAn).online }

        // The hub stalls while the district records a burst of large acts: the kernel's buffers
        // fill, then the district's PUB drops at its high-water mark.
        let long = String(repeating: "Đường Hùng Vương phường Tân An ", count: 16)
        province.signal(.hub, SIGSTOP)
        var recorded: [String] = []
        for i in 1...300 {
            recorded.append(try province.record(Self.tanAn, MessageBody(BusinessRegistered(
                businessID: "TA-\(i)", name: "Đại lý Internet số \(i) \(long)".prefix(500).description, kind: .internetAgent,
                district: Self.tanAn, address: "\(i) \(long)".prefix(500).description, owner: "Trần Thị Bình \(long)".prefix(500).description,
                machines: 15, registeredOn: Self.date("2026-11-01")))).id)
        }
        province.signal(.hub, SIGCONT)

        try province.waitUntil("the hub applied all 300 acts and the district holds none unacknowledged", timeout: 120) {
            let hub = try Self.peer(province, Self.tanAn)
            let district = try Self.peer(province, .hub, at: Self.tanAn)
            return hub.applied == 300 && district.outboundPending == 0
        }
        let hubCounters = try province.status(.hub).counters
        let districtCounters = try province.status(Self.tanAn).counters
        // Drops happened: the hub saw messages beyond a hole, and the district went back for them.
        let arrived = hubCounters.applied + hubCounters.duplicates + hubCounters.gaps
        #expect(hubCounters.gaps > 0, "no gap at the hub: \(hubCounters), district: \(districtCounters)")
        #expect(districtCounters.sent > arrived, "nothing dropped: \(districtCounters.sent) sent, \(arrived) arrived")
        #expect(districtCounters.resent > 0)
        print("HWM test: district sent \(districtCounters.sent), hub got \(arrived) (gaps \(hubCounters.gaps), duplicates \(hubCounters.duplicates)), district went back \(districtCounters.resent) times")
        #expect(hubCounters.applied == 300)
        province.stopAll()
        #expect(try Self.loggedIDs(province, .hub, from: Self.tanAn) == recorded)
    }

    @Test(arguments: ["truncated", "truncated below one page", "garbage header", "garbage mid-file", "directory"])
    func aDamagedDatabaseStopsTheDaemonNamingTheFileAndTheRemedy(_ damage: String) throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(Self.tanAn)
        for i in 1...40 { try province.record(Self.tanAn, ProvinceTests.business("TA-\(i)", in: Self.tanAn)) }
        #expect(province.stop(Self.tanAn) == 0)
        let path = province.databasePath(Self.tanAn)
        let fm = FileManager.default
        // A clean stop checkpoints: the .sqlite file alone holds every act, its -wal is empty.
        #expect((try? fm.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 == 0)
        #expect(try Self.loggedIDs(province, Self.tanAn, from: Self.tanAn).count == 40)
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        switch damage {
        case "truncated":
            let size = try #require(try fm.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(truncate(path, off_t(size / 2)) == 0)
        case "truncated below one page":
            #expect(truncate(path, 2048) == 0)
        case "garbage header":
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.write(contentsOf: Data((0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
            try handle.close()
        case "garbage mid-file":
            // Pages SQLite does not read to open and migrate: only a check of every page sees them.
            let size = try #require(try fm.attributesOfItem(atPath: path)[.size] as? Int)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
            try handle.write(contentsOf: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
            try handle.close()
        default:
            try fm.removeItem(atPath: path)
            try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let started = Date()
        let (status, signalled, output) = try province.startExpectingFailure(Self.tanAn, timeout: 20)
        let elapsed = Date().timeIntervalSince(started)
        print("damaged database (\(damage)): exit \(status) after \(String(format: "%.2f", elapsed)) s: \(output)")
        #expect(status != 0, "\(output)")
        #expect(!signalled, "killed by a signal (a trap?): \(output)")
        #expect(output.contains(URL(fileURLWithPath: path).standardizedFileURL.path), "\(output)")
        #expect(output.contains("restore"), "\(output)")
        #expect(!output.contains("ready"), "it served: \(output)")
        #expect(elapsed < 10)
    }
}

import Foundation
@testable import PhoiHopBus
@testable import PhoiHopConsole
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// `phoihop status` while a daemon catches up with a peer's backlog: the rendering (no timing).
struct CatchUpStatusRenderTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let benLuc = AgencyID(rawValue: "district-ben-luc")!

    static func peer(_ id: AgencyID, online: Bool = true, peerLastSeq: UInt64, applied: UInt64, heartbeat: Bool? = true) -> PeerStatus {
        PeerStatus(id: id, role: .district, online: online, lastSeen: 1_764_400_000_000, version: "1.0.0",
                   peerLastSeq: peerLastSeq, applied: applied, outboundLastSeq: 0, outboundPending: 0,
                   inboundPending: peerLastSeq - applied, peerRejected: 0, clockSkewMilliseconds: 0, heartbeatSinceStart: heartbeat)
    }

    static func status(now: Int64 = 1_764_400_000_000, _ peers: [PeerStatus]) throws -> DaemonStatus {
        let totals = try JSONDecoder().decode(ProvinceTotals.self, from: Data("""
            {"messages":0,"businesses":0,"validCertificates":0,"revokedCertificates":0,"inspections":0,
             "violations":0,"incidents":0,"inspectionPlans":0,"anomalies":0}
            """.utf8))
        return DaemonStatus(agency: .hub, role: .hub, version: "1.0.0", startedAt: now - 60_000, now: now,
                            counters: BusCounters(), peers: peers, totals: totals)
    }

    @Test func aPeerWithABacklogGetsAProgressLineWithAppliedOverRecordedAndAFlooredPercentage() throws {
        let text = StatusCommand.render(try Self.status([
            Self.peer(Self.tanAn, peerLastSeq: 100_000, applied: 99_999),
            Self.peer(Self.benLuc, peerLastSeq: 40, applied: 40),
        ]))
        #expect(text.contains("district-tan-an — đang nhận bù: 99999/100000 (99.9%)"), "\(text)")
        #expect(!text.contains("district-ben-luc — đang nhận bù"))
        #expect(!text.contains("tin/giây"), "no rate without a previous status")
    }

    @Test func noPeerWithABacklogMeansNoProgressLine() throws {
        let text = StatusCommand.render(try Self.status([Self.peer(Self.tanAn, peerLastSeq: 300, applied: 300)]))
        #expect(!text.contains("đang nhận bù"))
    }

    @Test func withThePreviousStatusTheLineGivesTheRateAndTheTimeLeft() throws {
        let before = try Self.status(now: 1_764_400_000_000, [Self.peer(Self.tanAn, peerLastSeq: 10_000, applied: 1_000)])
        let after = try Self.status(now: 1_764_400_002_000, [Self.peer(Self.tanAn, peerLastSeq: 10_000, applied: 3_000)])
        let text = StatusCommand.render(after, previous: before)
        // 2 000 in 2 s = 1 000/s; 7 000 left → 7 s.
        #expect(text.contains("district-tan-an — đang nhận bù: 3000/10000 (30.0%), 1000 tin/giây, còn khoảng 7 giây"), "\(text)")
    }

    @Test func caughtUpWaitsForEveryOnlinePeerHeardThisRunButNotForOfflineOnes() throws {
        #expect(StatusCommand.caughtUp(try Self.status([Self.peer(Self.tanAn, peerLastSeq: 300, applied: 300)])))
        #expect(!StatusCommand.caughtUp(try Self.status([Self.peer(Self.tanAn, peerLastSeq: 300, applied: 299)])))
        // Online, but its figure is not yet from a heartbeat of this run.
        #expect(!StatusCommand.caughtUp(try Self.status([Self.peer(Self.tanAn, peerLastSeq: 120, applied: 120, heartbeat: false)])))
        #expect(StatusCommand.caughtUp(try Self.status([Self.peer(Self.tanAn, online: false, peerLastSeq: 300, applied: 10)])))
    }

    @Test func durationsReadAsSecondsMinutesOrHours() {
        #expect(StatusCommand.duration(6.2) == "7 giây")
        #expect(StatusCommand.duration(125) == "2 phút 5 giây")
        #expect(StatusCommand.duration(7_260) == "2 giờ 1 phút")
    }
}

/// A hub that was down while a district recorded: `phoihop status --until-caught-up` follows it.
@Suite(.serialized)
struct CatchUpStatusTests {
    @Test func statusUntilCaughtUpExitsOnceTheHubAppliedTheWholeBacklog() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let tanAn = CatchUpStatusRenderTests.tanAn
        try province.start(tanAn)
        for i in 1...300 {
            try province.record(tanAn, MessageBody(BusinessRegistered(
                businessID: "TA-\(i)", name: "Đại lý \(i)", kind: .internetAgent, district: tanAn, address: "\(i) Đường số 1",
                owner: "Nguyễn Văn An", machines: 10, registeredOn: try CivilDate(parsing: "2026-11-01"))))
        }
        try province.start(.hub)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(province.binDirectory)/phoihop")
        process.arguments = ["status", "--control", province.controlPath(.hub), "--wait-online", "1", "--until-caught-up"]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-status-\(UUID().uuidString.prefix(8))")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        do {
            try province.waitUntil("phoihop status --until-caught-up exits", timeout: 90) { !process.isRunning }
        } catch {
            process.terminate()
            throw error
        }
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)

        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("— đang nhận bù: ") || text.contains(StatusCommand.caughtUpLine), "\(text)")
        // It said "caught up" only once the hub had applied the whole backlog.
        let hub = try province.status(.hub)
        #expect(hub.peers.first { $0.id == tanAn }?.applied == 300)
        #expect(hub.totals.businesses == 300)
    }
}

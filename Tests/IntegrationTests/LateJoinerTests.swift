import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Late joiners through real daemons: an agency the hub never served, and one whose database
/// was lost, get a handover of the acts that concern them — and only those — and their officers'
/// next acts are checked against it (`BusNode+Handover.swift`).
@Suite(.serialized)
struct LateJoinerTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!
    static let khdt = AgencyID(rawValue: "khdt")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func guidance(_ id: String, to addressees: [AgencyID]) -> MessageBody {
        MessageBody(GuidancePublished(
            guidanceID: id, topic: .certificates, title: "Hướng dẫn cấp giấy chứng nhận đăng ký kinh doanh đại lý Internet",
            documentRef: "125/HD-SKHĐT", issuedOn: date("2026-11-11"), addressees: addressees,
            summary: "Thành phần hồ sơ, thời hạn giải quyết."))
    }

    /// The ids of the acts a daemon's log holds (read from its file, the daemon stopped).
    static func loggedIDs(_ province: Province, _ agency: AgencyID) throws -> [String] {
        try PhoiHopDatabase(path: province.databasePath(agency)).read { db in
            try String.fetchAll(db, sql: "SELECT id FROM message_log ORDER BY position")
        }
    }

    /// The hub's allow-list without `agency`: as if its daemon were deployed later.
    static func withoutAgency(_ agency: AgencyID, in hubConfig: String) throws -> String {
        var lines = hubConfig.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "  - id: \(agency)") else { throw ProvinceError("\(agency) not in the hub's allow-list") }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  - id: ") || !$0.hasPrefix("    ") } ?? lines.endIndex
        lines.removeSubrange(start..<end)
        return lines.joined(separator: "\n")
    }

    @Test func anAgencyTheHubNeverServedGetsTheActsAddressedToItAndNothingElse() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        defer { province.stopAll() }
        let hubConfig = province.configFile(.hub)
        let full = try String(contentsOfFile: hubConfig, encoding: .utf8)
        try Self.withoutAgency(Self.kienTuong, in: full).write(toFile: hubConfig, atomically: true, encoding: .utf8)

        // The province runs without Kiến Tường's daemon: KH-ĐT's guidance names it anyway.
        for agency in [.hub, Self.khdt, Self.tanAn] { try province.start(agency) }
        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        let both = try province.record(Self.khdt, Self.guidance("HD-KHDT-1", to: [Self.tanAn, Self.kienTuong]))
        try province.record(Self.khdt, Self.guidance("HD-KHDT-2", to: [Self.tanAn]))
        #expect(both.recipients == [.hub])
        try province.waitUntil("Tân An holds both guidance documents", timeout: 30) {
            try province.query(Self.tanAn, "guidance.list", as: [GuidanceRow].self).count == 2
        }
        #expect(province.stop(.hub) == 0)

        // Kiến Tường's daemon is deployed: it goes on the allow-list and starts for the first time.
        try full.write(toFile: hubConfig, atomically: true, encoding: .utf8)
        try province.start(.hub)
        try province.start(Self.kienTuong)
        try province.waitUntil("Kiến Tường holds the guidance addressed to it", timeout: 30) {
            try province.query(Self.kienTuong, "guidance.list", as: [GuidanceRow].self).map(\.guidanceID) == ["HD-KHDT-1"]
        }
        // Its officers' acknowledgement is checked against what the handover gave it, and accepted.
        try province.record(Self.kienTuong, MessageBody(GuidanceAcknowledged(guidanceID: "HD-KHDT-1", acknowledgedOn: Self.date("2026-11-20"))))
        try province.waitUntil("the hub and KH-ĐT see Kiến Tường's acknowledgement", timeout: 30) {
            try [AgencyID.hub, Self.khdt].allSatisfy { agency in
                let shown = try province.query(agency, "guidance.show", ["id": "HD-KHDT-1"], as: GuidanceRecord.self)
                return shown.addressees.first { $0.agency == Self.kienTuong.rawValue }?.acknowledgedOn == Self.date("2026-11-20")
            }
        }
        province.stopAll()

        let hubLog = try Self.loggedIDs(province, .hub)
        let joinerLog = try Self.loggedIDs(province, Self.kienTuong)
        // The handover is the one act that concerns Kiến Tường, not the hub's history.
        #expect(joinerLog.first == both.id)
        #expect(joinerLog.count == Set(joinerLog).count)
        let handedOver = try PhoiHopDatabase(path: province.databasePath(.hub)).read { db in try Handovers.all(db) }
        #expect(handedOver.first { $0.peer == Self.kienTuong.rawValue }?.acts == 1)
        #expect(handedOver.first { $0.peer == Self.tanAn.rawValue }?.acts == 0)
        print("late joiner: the hub's log holds \(hubLog.count) acts; the handover gave Kiến Tường 1")
    }

    @Test func anAgencyThatLostItsDatabaseGetsBackItsOwnActsAndWhatConcernsItAndItsNextActCounts() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        for agency in [.hub, Self.vhttdl, Self.tanAn] { try province.start(agency) }
        try ViolationWorkflowTests.recordCertifiedBusinessAndViolation(province)
        try province.waitUntil("the district holds the violation and the hub has every act acknowledged", timeout: 30) {
            let hub = try province.status(.hub)
            return try province.status(Self.tanAn).totals.violations == 1
                && hub.peers.first { $0.id == Self.tanAn }?.outboundPending == 0
                && hub.peers.first { $0.id == Self.tanAn }?.applied == 2
        }
        let before = try province.status(.hub).totals

        // The district's disk is replaced: its database is gone, its keys and configuration remain.
        #expect(province.stop(Self.tanAn) == 0)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: province.databasePath(Self.tanAn) + suffix) }
        // Its first heartbeat comes after the hub's has told it where the hub stands, so its
        // stream is renumbered already: only its `lost` flag tells the hub what happened.
        let config = province.configFile(Self.tanAn)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("heartbeatMilliseconds: 200"))
        try text.replacingOccurrences(of: "heartbeatMilliseconds: 200", with: "heartbeatMilliseconds: 2000")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try province.start(Self.tanAn)
        try province.waitUntil("the district holds its business, its certificate and the violation again", timeout: 30) {
            let totals = try province.status(Self.tanAn).totals
            return totals.violations == 1 && totals.validCertificates == 1
        }
        // The sanction is checked against the handed-over violation and certificate, and it is
        // applied at the hub: the district's new act follows what the hub had from it.
        let sanction = try province.record(Self.tanAn, ViolationWorkflowTests.sanction(fineVND: 5_000_000))
        try province.waitUntil("the hub applied the sanction", timeout: 30) {
            try province.status(.hub).totals.revokedCertificates == 1
        }
        let after = try province.status(.hub).totals
        #expect(after.businesses == before.businesses)
        #expect(after.violations == before.violations)
        province.stopAll()

        let hubIDs = try PhoiHopDatabase(path: province.databasePath(.hub)).read { db in try MessageLog.ids(db, origin: Self.tanAn) }
        #expect(hubIDs.count == 3)
        #expect(hubIDs.last == sanction.id)
        let districtLog = try Self.loggedIDs(province, Self.tanAn)
        #expect(districtLog.count == Set(districtLog).count)
        #expect(Set(districtLog).isSuperset(of: hubIDs))
        let handedOver = try PhoiHopDatabase(path: province.databasePath(.hub)).read { db in try Handovers.all(db) }
        let row = handedOver.first { $0.peer == Self.tanAn.rawValue }
        #expect(row?.acts == 3)
        #expect(row?.reason.contains("reset or restored") == true)
    }
}

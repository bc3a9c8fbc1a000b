import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Whole daemons as separate processes over real ZeroMQ (CURVE, loopback) and real SQLite files.
@Suite(.serialized)
struct ProvinceTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func business(_ id: String, in district: AgencyID) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: district, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 15, registeredOn: date("2026-11-01")))
    }

    @Test func actsRecordedAtEveryAgencyAreAggregatedAtTheHubAndPlansReachOnlyParticipants() throws {
        let province = try Province(districts: 2)
        defer { province.stopAll() }
        try province.startAll()

        try province.record(Self.tanAn, Self.business("TA-1", in: Self.tanAn))
        try province.record(Self.tanAn, MessageBody(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
            issuedOn: Self.date("2026-11-06"), validUntil: Self.date("2029-11-05"))))
        try province.record(Self.kienTuong, Self.business("KT-1", in: Self.kienTuong))
        // A violation and a plan name a business their recorder must already hold (registry relayed to Đội 814).
        try province.waitUntil("the hub and Đội 814 hold KT-1", timeout: 30) {
            try province.status(.hub).totals.businesses == 2 && province.status(Self.vhttdl).totals.businesses == 2
        }
        try province.record(Self.vhttdl, MessageBody(ViolationRecorded(
            violationID: "VP-1", businessID: "KT-1", district: Self.kienTuong, category: "ND15-35-3-hours",
            observedOn: Self.date("2026-11-15"), evidenceRef: "BB-814-1", description: "Hoạt động sau 22 giờ")))
        try province.record(Self.congAn, MessageBody(IncidentReported(
            incidentID: "SC-1", district: Self.tanAn, occurredOn: Self.date("2026-11-20"), severity: .high, summary: "Mã độc")))
        let plan = try province.record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-1", kind: .unannounced, title: "Kiểm tra đột xuất", lead: Self.vhttdl,
            participants: [Self.vhttdl, Self.kienTuong], targets: ["KT-1"], startsOn: Self.date("2026-11-27"), endsOn: Self.date("2026-11-27"))))
        #expect(plan.recipients == [Self.vhttdl, Self.kienTuong])

        try province.waitUntil("the hub holds all five agency acts and both plan deliveries are acknowledged", timeout: 30) {
            let hub = try province.status(.hub)
            return hub.totals.messages == 6 && hub.peers.allSatisfy { $0.outboundPending == 0 }
        }
        let totals = try province.status(.hub).totals
        #expect(totals.businesses == 2)
        #expect(totals.validCertificates == 1)
        #expect(totals.violations == 1)
        #expect(totals.incidents == 1)
        #expect(totals.inspectionPlans == 1)

        let report = try province.report(.hub)
        #expect(report.counts.first { $0.district == Self.tanAn.rawValue && $0.type == "business.registered" }?.count == 1)
        #expect(report.counts.first { $0.district == Self.kienTuong.rawValue && $0.type == "violation.recorded" }?.count == 1)

        // The unannounced plan went to its participants only.
        #expect(try province.status(Self.vhttdl).totals.inspectionPlans == 1)
        #expect(try province.status(Self.kienTuong).totals.inspectionPlans == 1)
        #expect(try province.status(Self.tanAn).totals.inspectionPlans == 0)
        #expect(try province.status(Self.congAn).totals.inspectionPlans == 0)
    }

    @Test func anActTheRulesForbidIsRefusedWithItsReasonAndNothingIsRecorded() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.congAn)

        // A district may not register a business in another district.
        #expect(throws: ControlError.self) { try province.record(Self.tanAn, Self.business("KT-9", in: Self.kienTuong)) }
        // Công an may not issue certificates.
        do {
            try province.record(Self.congAn, MessageBody(CertificateIssued(
                certificateNo: "GCN-X", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
                issuedOn: Self.date("2026-11-06"), validUntil: Self.date("2029-11-05"))))
            Issue.record("Công an issued a certificate")
        } catch let error as ControlError {
            #expect(error.description.contains("quy tắc P05: đơn vị vai trò cong-an không được gửi certificate.issued"))
        }
        // Revoking twice names the first revocation.
        try province.record(Self.tanAn, Self.business("TA-1", in: Self.tanAn))
        try province.record(Self.tanAn, MessageBody(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
            issuedOn: Self.date("2026-11-06"), validUntil: Self.date("2029-11-05"))))
        let revoke = MessageBody(CertificateRevoked(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: Self.date("2026-11-22"), ground: "gian lận"))
        try province.record(Self.tanAn, revoke)
        do {
            try province.record(Self.tanAn, revoke)
            Issue.record("revoked twice")
        } catch let error as ControlError {
            #expect(error.description.contains("GCN-TA-1 đã bị thu hồi (ngày 22/11/2026, bởi district-tan-an)"))
        }
        #expect(try province.status(Self.tanAn).totals.messages == 3)
        // Công an holds the relayed registry, but no act of its own.
        #expect(try province.query(Self.congAn, "acts.recent", ["author": "cong-an"], as: [ActEntry].self).isEmpty)
    }

    @Test func killingTheHubMidStreamLosesNothingAndAppliesNothingTwice() throws {
        let province = try Province(districts: 2)
        let districts = [Self.tanAn, Self.kienTuong]
        try province.startAll()
        let perDistrict = 120

        // Record a stream of acts at both districts; kill -9 the hub a third of the way in and
        // restart it two thirds in, while the districts keep recording.
        for i in 1...perDistrict {
            for district in districts {
                let prefix = district == Self.tanAn ? "TA" : "KT"
                try province.record(district, Self.business("\(prefix)-\(i)", in: district))
            }
            if i == perDistrict / 3 { province.kill9(.hub) }
            if i == 2 * perDistrict / 3 { try province.start(.hub) }
        }
        try province.waitUntil("the hub applied every act of both districts", timeout: 60) {
            try province.status(.hub).peers.filter { districts.contains($0.id) }.allSatisfy { $0.applied == UInt64(perDistrict) }
        }
        try province.waitUntil("the districts hold no unacknowledged act", timeout: 30) {
            try districts.allSatisfy { try province.status($0).peers.first { $0.id == .hub }?.outboundPending == 0 }
        }
        province.stopAll()

        // Full sets, not samples: the hub's log holds exactly the ids each district recorded, once each, in order.
        let hub = try PhoiHopDatabase(path: province.databasePath(.hub))
        for district in districts {
            let recorded = try PhoiHopDatabase(path: province.databasePath(district)).read { db in try MessageLog.ids(db, origin: district) }
            let applied = try hub.read { db in try MessageLog.ids(db, origin: district) }
            #expect(recorded.count == perDistrict)
            #expect(applied == recorded)
        }
        #expect(try hub.read(ProvinceQueries.totals).businesses == 2 * perDistrict)
    }

    @Test func daemonsStopCleanlyOnSIGTERMAndResumeWhereTheyStopped() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.startAll()
        try province.record(Self.tanAn, Self.business("TA-1", in: Self.tanAn))
        for agency in province.agencies + [.hub] {
            #expect(province.stop(agency) == 0, "\(agency) did not exit 0 on SIGTERM: \(province.log(agency))")
            #expect(province.log(agency).contains("stopped"))
        }
        try province.startAll()
        try province.record(Self.tanAn, Self.business("TA-2", in: Self.tanAn))
        try province.waitUntil("both acts are at the hub", timeout: 30) { try province.status(.hub).totals.businesses == 2 }
    }

    @Test func aBadConfigurationStopsTheDaemonNamingFileKeyAndProblem() throws {
        let province = try Province(districts: 1)
        let file = province.configFile(.hub)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "stateDirectory:", with: "stateDirectroy:").write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(province.binDirectory)/phoihop-hub")
        process.arguments = ["--config", file]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let output = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        #expect(output.contains("configuration \(file): key 'stateDirectroy': unknown key"), "\(output)")
    }

    @Test func killingAnAgencyRightAfterItCommitsLosesNoActAndSendsNoneTwice() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.startAll()
        var recorded: [String] = []
        // Each round: record a burst, kill -9 the district at once (acts committed, some not yet
        // sent or acknowledged), restart it. Its outbox must deliver the rest exactly once.
        for round in 1...5 {
            for i in 1...20 {
                recorded.append(try province.record(Self.tanAn, Self.business("TA-\(round)-\(i)", in: Self.tanAn)).id)
            }
            province.kill9(Self.tanAn)
            try province.start(Self.tanAn)
        }
        try province.waitUntil("the hub applied all 100 acts", timeout: 60) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 100
        }
        province.stopAll()
        let applied = try PhoiHopDatabase(path: province.databasePath(.hub)).read { db in try MessageLog.ids(db, origin: Self.tanAn) }
        #expect(applied == recorded)
    }

    @Test func theHubRemembersWhenAnAgencyWasLastSeenAcrossItsOwnRestart() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.startAll()
        try province.waitUntil("the hub has heard a heartbeat with the district's version", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.version != nil
        }
        province.stop(Self.tanAn)
        province.stop(.hub)
        try province.start(.hub)
        let remembered = try #require(try province.status(.hub).peers.first { $0.id == Self.tanAn })
        #expect(remembered.online == false)
        #expect(remembered.lastSeen != nil)
        #expect(remembered.version == "0.1.0")
    }
}

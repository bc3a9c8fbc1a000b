import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// The queries every daemon answers: a business's history, recent acts, anomalies.
struct CoreQueryTests {
    static let tanAn = agency("district-tan-an")

    static func registered(_ id: String, on day: String) -> BusinessRegistered {
        BusinessRegistered(businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
                           owner: "Trần Thị Bình", machines: 10, registeredOn: date(day))
    }

    @Test func aBusinessHistoryListsItsActsAcrossAgenciesInTheOrderTheyTookEffect() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.registered("TA-1", on: "2026-11-01"), from: "district-tan-an")
        // Đội 814's violation, recorded on the 20th, arrives before the district's late-recorded issue of the 5th.
        try hub.receive(ViolationRecorded(
            violationID: "VP-1", businessID: "TA-1", district: Self.tanAn, category: "ND15-35-1", observedOn: date("2026-11-20"),
            evidenceRef: "BB-1", description: "Không niêm yết nội quy"), from: "vhttdl")
        try hub.receive(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
            issuedOn: date("2026-11-05"), validUntil: date("2029-11-04")), from: "district-tan-an")
        try hub.receive(Self.registered("TA-2", on: "2026-11-02"), from: "district-tan-an")
        let history = try hub.query("business.history", ["business": "TA-1"], as: [ActEntry].self)
        #expect(history.map(\.type) == ["business.registered", "certificate.issued", "violation.recorded"])
        #expect(history.map(\.author) == ["district-tan-an", "district-tan-an", "vhttdl"])
        #expect(history.map(\.actOn) == ["2026-11-01", "2026-11-05", "2026-11-20"])
    }

    @Test func actsSinceAPositionComeInOrderFilteredWithTheHeadSoAFollowerMissesNothing() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.registered("TA-1", on: "2026-11-01"), from: "district-tan-an")
        try hub.receive(ViolationRecorded(
            violationID: "VP-1", businessID: "TA-1", district: Self.tanAn, category: "ND15-35-1", observedOn: date("2026-11-20"),
            evidenceRef: "BB-1", description: "Không niêm yết nội quy"), from: "vhttdl")
        try hub.receive(Self.registered("TA-2", on: "2026-11-02"), from: "district-tan-an")

        let all = try hub.query("acts.since", ["after": "0"], as: ActsSince.self)
        #expect(all.entries.map(\.business) == ["TA-1", "TA-1", "TA-2"])
        #expect(all.head == all.entries.last?.position)
        let positions = all.entries.map(\.position)
        #expect(positions == positions.sorted())
        // After the first, with a limit of one: the second only; the head still says where the log ends.
        let next = try hub.query("acts.since", ["after": "\(positions[0])", "limit": "1"], as: ActsSince.self)
        #expect(next.entries.map(\.position) == [positions[1]] && next.head == positions[2])
        // Filters: only Đội 814's acts; none after the last.
        #expect(try hub.query("acts.since", ["after": "0", "author": "vhttdl"], as: ActsSince.self).entries.map(\.type) == ["violation.recorded"])
        #expect(try hub.query("acts.since", ["after": "0", "type": "business.registered", "district": "district-tan-an"],
                              as: ActsSince.self).entries.count == 2)
        #expect(try hub.query("acts.since", ["after": "\(positions[2])"], as: ActsSince.self).entries.isEmpty)
        #expect(throws: DomainError.self) { _ = try hub.query("acts.since", ["after": "-1"], as: ActsSince.self) }
    }

    @Test func anActTheTablesCannotPlaceIsListedWithItsProblemAndItsAct() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(CertificateRevoked(
            certificateNo: "GCN-X", businessID: "TA-9", district: Self.tanAn, revokedOn: date("2026-11-22"), ground: "Gian lận"),
            from: "district-tan-an")
        let anomalies = try hub.query("anomalies.list", as: [AnomalyEntry].self)
        #expect(anomalies.count == 1)
        #expect(anomalies.first?.problem.contains("GCN-X") == true)
        #expect(anomalies.first?.act?.type == "certificate.revoked")
        #expect(anomalies.first?.act?.author == "district-tan-an")
    }
}

import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Information security (Điều 4.1–4.2): incidents and advisories.
struct SecurityTests {
    static let tanAn = agency("district-tan-an")

    static func incident(_ id: String = "SC-1", district: AgencyID? = tanAn, on day: String = "2026-11-18", severity: IncidentSeverity = .high,
                         business: String? = nil) -> IncidentReported {
        IncidentReported(incidentID: id, district: district, occurredOn: date(day), severity: severity, summary: "Mã độc",
                         affectedBusinessID: business, measures: "Cách ly máy trạm")
    }

    static func registered(_ id: String, in district: AgencyID = tanAn) -> BusinessRegistered {
        BusinessRegistered(businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: district, address: "1 Đường số 3",
                           owner: "Trần Thị Bình", machines: 12, registeredOn: date("2026-11-01"))
    }

    @Test func anIncidentInADistrictIsRelayedToThatDistrict() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(try hub.receive(Self.incident(), from: "cong-an") == [Self.tanAn])
        #expect(try hub.count("SELECT count(*) FROM incidents WHERE reported_by = 'cong-an' AND measures = 'Cách ly máy trạm'") == 1)
    }

    @Test func anIncidentWithoutADistrictIsRelayedToNobody() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(try congAn.record(Self.incident(district: nil)) == [])
    }

    @Test func anIncidentNamingABusinessOutsideTheRecordersRegistryIsRefused() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(throws: DomainError.self) { try congAn.record(Self.incident(business: "TA-1")) }
        try congAn.receive(Self.registered("TA-1"), from: "district-tan-an")
        try congAn.record(Self.incident(business: "TA-1"))
        #expect(try congAn.count("SELECT count(*) FROM incidents WHERE affected_business = 'TA-1'") == 1)
    }

    @Test func anIncidentPlacedInAnotherDistrictThanItsBusinessIsRefused() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        try congAn.receive(Self.registered("TA-1"), from: "district-tan-an")
        do {
            try congAn.record(Self.incident(district: agency("district-kien-tuong"), business: "TA-1"))
            Issue.record("accepted an incident in the wrong district")
        } catch let error as DomainError {
            #expect(error.message.contains("đăng ký trên địa bàn district-tan-an") && error.message.contains("TA-1"))
        }
    }

    @Test func anIncidentIdIsReportedOnceAndAReplayedDuplicateIsAnAnomaly() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        try congAn.record(Self.incident())
        #expect(throws: DomainError.self) { try congAn.record(Self.incident(severity: .low)) }
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.incident(), from: "cong-an")
        try hub.receive(Self.incident(severity: .low), from: "so-tttt")
        #expect(try hub.anomalies().count == 1)
        #expect(try hub.count("SELECT count(*) FROM incidents WHERE severity = 'high'") == 1)
    }

    @Test func anIncidentCannotHaveOccurredAfterToday() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(throws: DomainError.self) { try congAn.record(Self.incident(on: "2026-11-21")) }
    }

    @Test func onlyCongAnAndTheHubReportIncidents() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        do {
            try district.record(Self.incident())
            Issue.record("a district reported an incident")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P27"))
        }
    }

    @Test func anAdvisoryGoesToEveryAgencyOfTheProvince() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        let recipients = try congAn.record(SecurityAdvisory(
            advisoryID: "CB-1", issuedOn: date("2026-11-19"), severity: .critical, title: "Mã độc tống tiền", advice: "Cập nhật bản vá"))
        let expected = congAn.rules.agencies.map(\.id).filter { $0 != .hub && $0 != agency("cong-an") }
        #expect(recipients == expected)
        #expect(recipients.contains(agency("tai-chinh")) && recipients.contains(agency("district-vinh-hung")))
        #expect(try congAn.query("advisory.list", as: [AdvisoryRow].self).map(\.advisoryID) == ["CB-1"])
    }

    @Test func anAdvisoryIdIsIssuedOnce() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        let advisory = SecurityAdvisory(advisoryID: "CB-1", issuedOn: date("2026-11-19"), severity: .low, title: "T", advice: "A")
        try hub.record(advisory)
        #expect(throws: DomainError.self) { try hub.record(advisory) }
    }

    @Test func incidentsAreListedByFilterAndCountedBySeverity() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.incident("SC-1", on: "2026-11-02", severity: .high), from: "cong-an")
        try hub.receive(Self.incident("SC-2", district: agency("district-kien-tuong"), on: "2026-11-10", severity: .high), from: "cong-an")
        try hub.receive(Self.incident("SC-3", on: "2026-11-15", severity: .low), from: "cong-an")
        #expect(try hub.query("incident.list", ["district": "district-tan-an"], as: [IncidentRow].self).map(\.incidentID) == ["SC-3", "SC-1"])
        #expect(try hub.query("incident.list", ["from": "2026-11-05", "to": "2026-11-12"], as: [IncidentRow].self).map(\.incidentID) == ["SC-2"])
        #expect(try hub.query("incident.list", ["severity": "low"], as: [IncidentRow].self).map(\.incidentID) == ["SC-3"])
        let counts = try hub.query("incident.counts", as: [SeverityCount].self)
        #expect(counts.map(\.count) == [1, 0, 2, 0])
        #expect(try hub.query("incident.show", ["id": "SC-2"], as: IncidentRow.self).severityName == "Cao")
    }
}

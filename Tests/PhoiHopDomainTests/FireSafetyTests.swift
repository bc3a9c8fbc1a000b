import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Fire prevention (Điều 4.3): Công an's guidance and checks.
struct FireSafetyTests {
    static let tanAn = agency("district-tan-an")

    static func congAn() throws -> DomainFixture {
        let fixture = try DomainFixture("cong-an", role: .congAn)
        try fixture.receive(BusinessRegistered(
            businessID: "TA-1", name: "Đại lý TA-1", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 10, registeredOn: date("2026-11-01")), from: tanAn.rawValue)
        return fixture
    }

    static func check(_ id: String = "PC-1", business: String = "TA-1", district: AgencyID = tanAn,
                      result: FireSafetyResult = .passed, deficiencies: String? = nil) -> FireSafetyChecked {
        FireSafetyChecked(checkID: id, businessID: business, district: district, checkedOn: date("2026-11-16"), result: result,
                          deficiencies: deficiencies)
    }

    @Test func guidanceGoesToEveryDistrictOnce() throws {
        let congAn = try Self.congAn()
        let guidance = FireSafetyGuidance(guidanceID: "HD-PCCC-1", issuedOn: date("2026-11-15"), title: "PCCC",
                                          documentRef: "12/HD-CAT", audience: [.internetAgent, .gamePoint], summary: "Bình chữa cháy")
        let recipients = try congAn.record(guidance)
        #expect(recipients == congAn.rules.districts.map(\.id))
        #expect(throws: DomainError.self) { try congAn.check(guidance) }
        #expect(try congAn.query("fire-safety.list", as: [FireSafetyGuidanceRow].self).map(\.audience) == [["internet-agent", "game-point"]])
    }

    @Test func onlyCongAnGuidesOrChecks() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(throws: DomainError.self) { try hub.check(Self.check()) }
    }

    @Test func aCheckNeedsABusinessOfTheRelayedRegistryInItsDistrict() throws {
        let congAn = try Self.congAn()
        #expect(throws: DomainError.self) { try congAn.check(Self.check(business: "ZZ-1")) }
        #expect(throws: DomainError.self) { try congAn.check(Self.check(district: agency("district-ben-luc"))) }
        #expect(try congAn.record(Self.check()) == [Self.tanAn])
        #expect(throws: DomainError.self) { try congAn.check(Self.check()) }
    }

    @Test func aFailedCheckMustNameItsDeficiencies() throws {
        let congAn = try Self.congAn()
        #expect(throws: DomainError.self) { try congAn.check(Self.check(result: .failed)) }
        try congAn.record(Self.check(result: .failed, deficiencies: "Thiếu bình chữa cháy"))
        let failed = try congAn.query("fire-safety.checks", ["result": "failed"], as: [FireSafetyCheckRow].self)
        #expect(failed.map(\.deficiencies) == ["Thiếu bình chữa cháy"])
    }

    @Test func checksAreCountedPerDistrictAtTheHub() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.check("PC-1"), from: "cong-an")
        try hub.receive(Self.check("PC-2", result: .failed, deficiencies: "Lối thoát hiểm bị chắn"), from: "cong-an")
        try hub.receive(Self.check("PC-1"), from: "cong-an")
        let districts = try hub.query("fire-safety.districts", as: [FireSafetyDistrictRow].self)
        #expect(districts.map { "\($0.district) \($0.checks) \($0.passed) \($0.failed)" } == ["district-tan-an 2 1 1"])
        #expect(try hub.anomalies().count == 1)
    }
}

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

    static func refusal(_ body: some CatalogBody, at fixture: DomainFixture) -> String? {
        do { try fixture.check(body); return nil } catch let error as DomainError { return error.message } catch { return "\(error)" }
    }

    @Test func guidanceGoesToEveryDistrictOnce() throws {
        let congAn = try Self.congAn()
        let guidance = FireSafetyGuidance(guidanceID: "HD-PCCC-1", issuedOn: date("2026-11-15"), title: "PCCC",
                                          documentRef: "12/HD-CAT", audience: [.internetAgent, .gamePoint], summary: "Bình chữa cháy")
        let recipients = try congAn.record(guidance)
        #expect(recipients == congAn.rules.districts.map(\.id))
        #expect(throws: DomainError.self) { try congAn.check(guidance) }
        do { try congAn.check(guidance); Issue.record("issued twice") } catch let error as DomainError {
            #expect(error.message.contains("hướng dẫn PCCC HD-PCCC-1 đã được ban hành (bởi cong-an)"))
        }
        #expect(try congAn.query("fire-safety.list", as: [FireSafetyGuidanceRow].self).map(\.audience) == [["internet-agent", "game-point"]])
    }

    @Test func onlyCongAnGuidesOrChecks() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(throws: DomainError.self) { try hub.check(Self.check()) }
    }

    @Test func aCheckNeedsABusinessOfTheRelayedRegistryInItsDistrict() throws {
        let congAn = try Self.congAn()
        #expect(Self.refusal(Self.check(business: "ZZ-1"), at: congAn)?.contains("điểm kinh doanh ZZ-1 không có trong sổ đăng ký của cong-an") == true)
        #expect(Self.refusal(Self.check(district: agency("district-ben-luc")), at: congAn)?
            .contains("TA-1 đăng ký tại district-tan-an, không phải district-ben-luc") == true)
        #expect(try congAn.record(Self.check()) == [Self.tanAn])
        #expect(Self.refusal(Self.check(), at: congAn)?.contains("lượt kiểm tra PCCC PC-1 đã được ghi (bởi cong-an)") == true)
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
        #expect(districts.map(\.districtName) == ["Thành phố Tân An"])
        #expect(try hub.anomalies().count == 1)
    }
}

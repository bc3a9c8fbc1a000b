import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Registry of businesses (Điều 10.1): checks, projection and routing.
struct RegistryTests {
    static let tanAn = agency("district-tan-an")
    static let kienTuong = agency("district-kien-tuong")

    static func registration(_ id: String = "TA-1", in district: AgencyID = tanAn, on day: String = "2026-11-01") -> BusinessRegistered {
        BusinessRegistered(businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: district, address: "1 Đường số 3",
                           owner: "Trần Thị Bình", machines: 15, ispContract: "HĐ-1", registeredOn: date(day))
    }

    func refusal<T>(_ body: @autoclosure () throws -> T) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func aDistrictRegistersABusinessOfItsTerritoryAndTheDepartmentsReceiveIt() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        let recipients = try hub.receive(Self.registration(), from: "district-tan-an")
        #expect(Set(recipients) == [agency("cong-an"), agency("vhttdl"), agency("khdt")])
        #expect(try hub.count("SELECT count(*) FROM businesses WHERE business_id = 'TA-1' AND registered_by = 'district-tan-an'") == 1)
    }

    @Test func aBusinessIdIsRegisteredOnce() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        #expect(refusal(try district.record(Self.registration())).contains("điểm kinh doanh TA-1 đã có trong sổ quản lý"))
    }

    @Test func aDistrictCannotRegisterInAnotherDistrict() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(!refusal(try district.record(Self.registration("KT-1", in: Self.kienTuong))).isEmpty)
    }

    @Test func aChangeAppliesOnlyThePresentFields() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        try district.record(BusinessChanged(businessID: "TA-1", district: Self.tanAn, changedOn: date("2026-11-10"), machines: 30))
        let row = try district.query("business.show", ["id": "TA-1"], as: BusinessDetail.self).business
        #expect(row.machines == 30)
        #expect(row.name == "Đại lý TA-1")
        #expect(row.address == "1 Đường số 3")
        #expect(row.ispContract == "HĐ-1")
        #expect(row.changedOn == date("2026-11-10"))
    }

    @Test func aChangeOfAnUnknownBusinessIsRefused() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        let message = refusal(try district.record(BusinessChanged(businessID: "TA-9", district: Self.tanAn, changedOn: date("2026-11-10"), machines: 3)))
        #expect(message.contains("điểm kinh doanh TA-9 không có trong sổ quản lý của district-tan-an"))
    }

    @Test func aChangeNeedsAtLeastOneField() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        #expect(!refusal(try district.record(BusinessChanged(businessID: "TA-1", district: Self.tanAn, changedOn: date("2026-11-10")))).isEmpty)
    }

    @Test func aChangeBeforeRegistrationIsRefused() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        #expect(refusal(try district.record(BusinessChanged(businessID: "TA-1", district: Self.tanAn, changedOn: date("2026-10-31"), machines: 3)))
            .contains("TA-1 đăng ký ngày 01/11/2026; không thể ghi nhận thay đổi ngày 31/10/2026"))
    }

    @Test func aClosedBusinessIsNotClosedTwiceNorChanged() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        try district.record(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-20"), reason: "Chủ đề nghị"))
        #expect(refusal(try district.record(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-21"), reason: "x")))
            .contains("TA-1 đã chấm dứt hoạt động ngày 20/11/2026"))
        #expect(refusal(try district.record(BusinessChanged(businessID: "TA-1", district: Self.tanAn, changedOn: date("2026-11-22"), machines: 3)))
            .contains("TA-1 đã chấm dứt hoạt động ngày 20/11/2026"))
    }

    @Test func closingLeavesTheCertificatesAsTheyAreAndTheListShowsThem() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.registration())
        try district.record(CertificateIssued(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
                                              issuedOn: date("2026-11-06"), validUntil: date("2029-11-05")))
        try district.record(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-20"), reason: "Chủ đề nghị"))
        let rows = try district.query("business.list", ["status": "closed"], as: [BusinessRow].self)
        #expect(rows.map(\.business.businessID) == ["TA-1"])
        #expect(rows.first?.certificates.map(\.status) == [.valid])
        #expect(try district.query("business.list", ["status": "operating"], as: [BusinessRow].self).isEmpty)
        let summary = try district.query("business.summary", as: [BusinessSummaryRow].self)
        #expect(summary.first?.closed == 1)
        #expect(summary.first?.validCertificates == 1)
    }

    @Test func aChangeOrClosureTheHubCannotPlaceIsAnAnomaly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(BusinessChanged(businessID: "TA-9", district: Self.tanAn, changedOn: date("2026-11-10"), machines: 3), from: "district-tan-an")
        try hub.receive(Self.registration(), from: "district-tan-an")
        try hub.receive(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-20"), reason: "x"), from: "district-tan-an")
        try hub.receive(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-21"), reason: "y"), from: "district-tan-an")
        try hub.receive(Self.registration(), from: "district-tan-an")
        let anomalies = try hub.anomalies()
        #expect(anomalies.count == 3)
        #expect(anomalies[0].contains("change of business TA-9"))
        #expect(anomalies[1].contains("closure of business TA-1"))
        #expect(anomalies[2].contains("registered again"))
        #expect(try hub.count("SELECT count(*) FROM businesses WHERE closed_on = '2026-11-20' AND closed_reason = 'x'") == 1)
    }

    @Test func theSummaryCountsKindsPerDistrictWithCertificateStatusAsOfToday() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-30")
        try hub.receive(Self.registration("TA-1"), from: "district-tan-an")
        try hub.receive(Self.registration("TA-2"), from: "district-tan-an")
        try hub.receive(Self.registration("KT-1", in: Self.kienTuong), from: "district-kien-tuong")
        try hub.receive(CertificateIssued(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .businessRegistration,
                                          issuedOn: date("2026-11-06"), validUntil: date("2029-11-05")), from: "district-tan-an")
        try hub.receive(CertificateIssued(certificateNo: "GCN-TA-2", businessID: "TA-2", district: Self.tanAn, kind: .businessRegistration,
                                          issuedOn: date("2026-11-06"), validUntil: date("2029-11-05")), from: "district-tan-an")
        try hub.receive(CertificateSuspended(certificateNo: "GCN-TA-2", businessID: "TA-2", district: Self.tanAn, from: date("2026-11-25"),
                                             until: date("2026-12-24"), ground: "PCCC"), from: "district-tan-an")
        let summary = try hub.query("business.summary", as: [BusinessSummaryRow].self)
        #expect(summary.map(\.district) == ["district-tan-an", "district-kien-tuong"])
        let tanAn = try #require(summary.first)
        #expect(tanAn.operating == 2)
        #expect(tanAn.validCertificates == 1)
        #expect(tanAn.suspendedCertificates == 1)
        #expect(tanAn.operatingWithoutValidCertificate == 1)
        #expect(summary[1].operatingWithoutValidCertificate == 1)
    }
}

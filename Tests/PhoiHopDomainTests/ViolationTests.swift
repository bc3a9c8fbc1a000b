import GRDB
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Violations and sanctions: the catalog's bands, the violation file's stages, the sanction's
/// effect on the certificate, and who learns of what.
struct ViolationTests {
    static let tanAn = agency("district-tan-an")
    static let benLuc = agency("district-ben-luc")
    static let vhttdl = agency("vhttdl")

    /// A daemon holding TA-1 and TA-2 of Tân An with certificates GCN-TA-1 and GCN-TA-2.
    static func daemon(_ id: String, role: Role) throws -> DomainFixture {
        let fixture = try DomainFixture(id, role: role)
        for business in ["TA-1", "TA-2"] {
            try fixture.receive(BusinessRegistered(
                businessID: business, name: "Điểm \(business)", kind: .gamePoint, district: tanAn, address: "1 Đường số 3",
                owner: "Trần Thị Bình", machines: 10, registeredOn: date("2026-11-01")), from: tanAn.rawValue)
            try fixture.receive(CertificateIssued(
                certificateNo: "GCN-\(business)", businessID: business, district: tanAn, kind: .gamePointEligibility,
                issuedOn: date("2026-11-06"), validUntil: date("2029-11-05")), from: tanAn.rawValue)
        }
        return fixture
    }

    static func violation(_ id: String = "VP-1", category: String = "ND15-35-3-hours", business: String = "TA-1",
                          district: AgencyID = tanAn, inspection: String? = nil) -> ViolationRecorded {
        ViolationRecorded(violationID: id, businessID: business, district: district, category: category,
                          observedOn: date("2026-11-15"), evidenceRef: "BB-1", inspectionID: inspection, description: "Sau 22 giờ")
    }

    static func sanction(_ id: String = "XP-1", violation: String = "VP-1", penalty: SanctionPenalty = .fine, fine: Int64? = 5_000_000,
                         months: Int? = nil, revoke: Bool = false, certificate: String? = nil,
                         on day: String = "2026-11-20") -> SanctionDecided {
        SanctionDecided(sanctionID: id, violationID: violation, businessID: "TA-1", district: tanAn, decisionNo: "\(id)/QĐ-XPVPHC",
                        decidedOn: date(day), penalty: penalty, fineVND: fine, suspensionMonths: months, revokeCertificate: revoke,
                        certificateNo: certificate)
    }

    /// Đội 814 with violation VP-1 of category `category` recorded.
    static func vhttdlWith(_ category: String = "ND15-35-3-hours") throws -> DomainFixture {
        let fixture = try daemon("vhttdl", role: .vhttdl)
        try fixture.record(violation(category: category))
        return fixture
    }

    static func message(_ body: some CatalogBody, at fixture: DomainFixture) -> String? {
        do { try fixture.check(body); return nil } catch let error as DomainError { return error.message } catch { return "\(error)" }
    }

    // MARK: recording

    @Test func aViolationNeedsACatalogCategoryAndABusinessOfTheRecordersRegistry() throws {
        let vhttdl = try Self.daemon("vhttdl", role: .vhttdl)
        #expect(Self.message(Self.violation(category: "ND99-1"), at: vhttdl)?.contains("hành vi vi phạm 'ND99-1' không có trong danh mục") == true)
        #expect(Self.message(Self.violation(business: "ZZ-1"), at: vhttdl)?.contains("điểm kinh doanh ZZ-1 không có trong sổ đăng ký của vhttdl") == true)
        #expect(Self.message(Self.violation(district: Self.benLuc), at: vhttdl)?.contains("TA-1 đăng ký tại district-tan-an, không phải district-ben-luc") == true)
        try vhttdl.record(Self.violation())
        #expect(Self.message(Self.violation(), at: vhttdl)?.contains("vi phạm VP-1 đã được ghi nhận (bởi vhttdl)") == true)
    }

    @Test func aDistrictRecordsViolationsOnlyInItsOwnTerritory() throws {
        let benLuc = try Self.daemon("district-ben-luc", role: .district)
        #expect(Self.message(Self.violation(), at: benLuc)?.hasPrefix("quy tắc P15: district-ben-luc chỉ được ghi nhận trên địa bàn của mình") == true)
    }

    @Test func aCitedInspectionMustConcernTheBusinessAndHaveFoundViolations() throws {
        let vhttdl = try Self.daemon("vhttdl", role: .vhttdl)
        try vhttdl.record(InspectionRecorded(inspectionID: "KT-1", businessID: "TA-1", district: Self.tanAn, kind: .periodic,
                                             conductedOn: date("2026-11-15"), outcome: .compliant, findings: "Tốt"))
        try vhttdl.record(InspectionRecorded(inspectionID: "KT-2", businessID: "TA-2", district: Self.tanAn, kind: .periodic,
                                             conductedOn: date("2026-11-15"), outcome: .violationsFound, findings: "Quá giờ"))
        #expect(Self.message(Self.violation(inspection: "KT-1"), at: vhttdl)?.contains("lượt kiểm tra KT-1 có kết quả compliant") == true)
        #expect(Self.message(Self.violation(inspection: "KT-2"), at: vhttdl)?.contains("lượt kiểm tra KT-2 là của điểm kinh doanh TA-2, không phải TA-1") == true)
        // An inspection the recorder never received (findings travel to a plan's lead only) is accepted.
        #expect(Self.message(Self.violation(inspection: "KT-9"), at: vhttdl) == nil)
        // The hub holds every inspection: there it must be known.
        let hub = try Self.daemon("so-tttt", role: .hub)
        #expect(Self.message(Self.violation(inspection: "KT-9"), at: hub)?.contains("lượt kiểm tra KT-9 chưa được ghi") == true)
    }

    @Test func aViolationRecordedByVhttdlIsRelayedToItsDistrict() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        #expect(try hub.receive(Self.violation(), from: "vhttdl") == [Self.tanAn])
        #expect(try hub.receive(Self.violation("VP-2"), from: "district-tan-an") == [])
    }

    // MARK: fine bands (ND15-35-3-hours: 5,000,000 – 10,000,000, no warning, suspension ≤ 3 months)

    @Test func aFineAtTheBottomOfTheBandIsAccepted() throws {
        #expect(Self.message(Self.sanction(fine: 5_000_000), at: try Self.vhttdlWith()) == nil)
    }

    @Test func aFineAtTheTopOfTheBandIsAccepted() throws {
        #expect(Self.message(Self.sanction(fine: 10_000_000), at: try Self.vhttdlWith()) == nil)
    }

    @Test func aFineOneDongAboveTheBandIsRefusedNamingTheBandAndItsSource() throws {
        let refusal = Self.message(Self.sanction(fine: 10_000_001), at: try Self.vhttdlWith())
        #expect(refusal?.contains("số tiền phạt 10.000.001 đ nằm ngoài khung tiền phạt của hành vi ND15-35-3-hours") == true)
        #expect(refusal?.contains("5.000.000–10.000.000 đ") == true)
        #expect(refusal?.contains("Nghị định 15/2020/NĐ-CP, Điều 35 khoản 3") == true)
    }

    @Test func aFineOneDongBelowTheBandIsRefused() throws {
        #expect(Self.message(Self.sanction(fine: 4_999_999), at: try Self.vhttdlWith())?.contains("số tiền phạt 4.999.999 đ nằm ngoài khung tiền phạt") == true)
    }

    @Test func aWarningIsRefusedWhereTheCategoryAllowsNone() throws {
        #expect(Self.message(Self.sanction(penalty: .warning, fine: nil), at: try Self.vhttdlWith())?.contains("hành vi ND15-35-3-hours không được xử phạt cảnh cáo") == true)
    }

    @Test func aWarningIsAcceptedWhereTheCategoryAllowsIt() throws {
        #expect(Self.message(Self.sanction(penalty: .warning, fine: nil), at: try Self.vhttdlWith("ND15-35-1")) == nil)
    }

    @Test func aSuspensionUpToTheMaximumIsAcceptedAndAboveItRefused() throws {
        let vhttdl = try Self.vhttdlWith()
        #expect(Self.message(Self.sanction(months: 3, certificate: "GCN-TA-1"), at: vhttdl) == nil)
        #expect(Self.message(Self.sanction(months: 4, certificate: "GCN-TA-1"), at: vhttdl)?.contains("tối đa 3 tháng, không phải 4 tháng") == true)
        let noSuspension = try Self.vhttdlWith("ND15-35-2")
        #expect(Self.message(Self.sanction(fine: 2_000_000, months: 1, certificate: "GCN-TA-1"), at: noSuspension)?
            .contains("hành vi ND15-35-2 không áp dụng đình chỉ giấy chứng nhận") == true)
    }

    @Test func aRevocationIsAllowedOnlyWhereTheCategoryAllowsIt() throws {
        #expect(Self.message(Self.sanction(revoke: true, certificate: "GCN-TA-1"), at: try Self.vhttdlWith())?
            .contains("hành vi ND15-35-3-hours không áp dụng thu hồi giấy chứng nhận") == true)
        #expect(Self.message(Self.sanction(revoke: true, certificate: "GCN-TA-1"), at: try Self.vhttdlWith("ND72-false-information")) == nil)
    }

    @Test func theSanctionedCertificateMustBeTheBusinessesAndStillValid() throws {
        let vhttdl = try Self.vhttdlWith("ND72-false-information")
        #expect(Self.message(Self.sanction(revoke: true, certificate: "GCN-TA-2"), at: vhttdl)?.contains("giấy chứng nhận GCN-TA-2 là của TA-2, không phải của TA-1") == true)
        #expect(Self.message(Self.sanction(revoke: true, certificate: "GCN-XX"), at: vhttdl)?.contains("vhttdl không có giấy chứng nhận GCN-XX") == true)
        try vhttdl.receive(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                              revokedOn: date("2026-11-18"), ground: "Giả mạo hồ sơ"), from: "district-tan-an")
        #expect(Self.message(Self.sanction(revoke: true, certificate: "GCN-TA-1"), at: vhttdl)?.contains("giấy chứng nhận GCN-TA-1 đã bị thu hồi (ngày 18/11/2026, bởi district-tan-an)") == true)
    }

    @Test func oneSanctionPerViolationAndOnlyByItsHandlers() throws {
        let vhttdl = try Self.vhttdlWith()
        try vhttdl.record(Self.sanction())
        #expect(Self.message(Self.sanction("XP-2"), at: vhttdl)?.contains("vi phạm VP-1 đã có quyết định xử phạt XP-1") == true)
        let congAn = try Self.daemon("cong-an", role: .congAn)
        try congAn.receive(Self.violation(), from: "vhttdl")
        #expect(Self.message(Self.sanction(), at: congAn)?.hasPrefix("quy tắc P16: vi phạm VP-1 do vhttdl ghi nhận tại district-tan-an") == true)
    }

    @Test func theDistrictOfARelayedViolationMaySanctionIt() throws {
        let district = try Self.daemon("district-tan-an", role: .district)
        try district.receive(Self.violation(), from: "vhttdl")
        #expect(try district.record(Self.sanction()) == [Self.vhttdl])
    }

    // MARK: projection: the sanction flows to the certificate

    @Test func aRevokingSanctionRevokesTheCertificateAtEveryDaemonThatAppliesIt() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation(category: "ND72-false-information"), from: "vhttdl")
        let recipients = try hub.receive(Self.sanction(revoke: true, certificate: "GCN-TA-1"), from: "district-tan-an")
        #expect(recipients == [Self.vhttdl])
        #expect(try hub.count("""
            SELECT count(*) FROM certificates WHERE certificate_no = 'GCN-TA-1' AND status = 'revoked' AND revoked_on = '2026-11-20'
              AND revoked_by = 'district-tan-an' AND ground = 'Quyết định xử phạt XP-1/QĐ-XPVPHC' AND sanction_id = 'XP-1'
            """) == 1)
        #expect(try hub.anomalies().isEmpty)
    }

    @Test func aSuspendingSanctionSetsTheSuspensionToTheDayBeforeTheSameDateMonthsLater() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation(), from: "vhttdl")
        try hub.receive(Self.sanction(months: 3, certificate: "GCN-TA-1"), from: "vhttdl")
        #expect(try hub.count("""
            SELECT count(*) FROM certificates WHERE certificate_no = 'GCN-TA-1' AND status = 'valid' AND suspended_from = '2026-11-20'
              AND suspended_until = '2027-02-19' AND suspension_ground = 'Quyết định xử phạt XP-1/QĐ-XPVPHC' AND sanction_id = 'XP-1'
            """) == 1)
    }

    @Test func aSanctionOnAnUnknownOrRevokedCertificateIsAnAnomaly() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation(category: "ND72-false-information"), from: "vhttdl")
        try hub.receive(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                           revokedOn: date("2026-11-18"), ground: "Giả mạo"), from: "district-tan-an")
        try hub.receive(Self.sanction(revoke: true, certificate: "GCN-TA-1"), from: "vhttdl")
        #expect(try hub.anomalies().contains { $0.contains("GCN-TA-1") && $0.contains("already revoked") })
        try hub.receive(Self.violation("VP-2"), from: "vhttdl")
        try hub.receive(Self.sanction("XP-2", violation: "VP-2", months: 1, certificate: "GCN-XX"), from: "vhttdl")
        #expect(try hub.anomalies().contains { $0.contains("GCN-XX") })
        #expect(try hub.count("SELECT count(*) FROM certificates WHERE revoked_by = 'district-tan-an' AND ground = 'Giả mạo'") == 1)
    }

    @Test func aSanctionOnAnUnknownViolationOrASecondSanctionIsAnAnomaly() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.sanction(violation: "VP-X"), from: "vhttdl")
        #expect(try hub.anomalies().contains { $0.contains("VP-X") })
        try hub.receive(Self.violation(), from: "vhttdl")
        try hub.receive(Self.sanction("XP-2"), from: "vhttdl")
        try hub.receive(Self.sanction("XP-3"), from: "district-tan-an")
        #expect(try hub.anomalies().contains { $0.contains("already has sanction XP-2") })
    }

    @Test func aRebuildFromTheLogGivesTheSameCertificatesAfterSanctions() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation(category: "ND72-false-information"), from: "vhttdl")
        try hub.receive(Self.sanction(revoke: true, certificate: "GCN-TA-1"), from: "district-tan-an")
        try hub.receive(Self.violation("VP-2", business: "TA-2"), from: "vhttdl")
        try hub.receive(SanctionDecided(
            sanctionID: "XP-2", violationID: "VP-2", businessID: "TA-2", district: Self.tanAn, decisionNo: "2/QĐ", decidedOn: date("2026-11-30"),
            penalty: .fine, fineVND: 5_000_000, suspensionMonths: 1, certificateNo: "GCN-TA-2"), from: "vhttdl")
        let state = "SELECT group_concat(certificate_no || status || coalesce(revoked_on, '') || coalesce(suspended_until, '') || coalesce(sanction_id, ''), '|') FROM certificates"
        let before = try hub.database.read { db in try String.fetchOne(db, sql: state) }
        #expect(before?.contains("GCN-TA-2valid2026-12-29XP-2") == true)
        try hub.database.write { db in _ = try Projection.rebuild(db) }
        #expect(try hub.database.read { db in try String.fetchOne(db, sql: state) } == before)
    }

    // MARK: follow-up and closure

    @Test func aFollowUpComesAfterTheSanctionOrTheViolationAndGoesToTheHandlers() throws {
        let vhttdl = try Self.vhttdlWith()
        #expect(Self.message(ViolationFollowedUp(violationID: "VP-1", checkedOn: date("2026-11-14"), remedied: false, note: "x"), at: vhttdl)?
            .contains("phải sau ngày phát hiện vi phạm (15/11/2026), không phải ngày 14/11/2026") == true)
        try vhttdl.check(ViolationFollowedUp(violationID: "VP-1", checkedOn: date("2026-11-16"), remedied: false, note: "x"))
        try vhttdl.record(Self.sanction(on: "2026-11-20"))
        #expect(Self.message(ViolationFollowedUp(violationID: "VP-1", checkedOn: date("2026-11-19"), remedied: true, note: "x"), at: vhttdl)?
            .contains("phải sau ngày quyết định xử phạt (20/11/2026)") == true)
        #expect(try vhttdl.record(ViolationFollowedUp(violationID: "VP-1", checkedOn: date("2026-11-25"), remedied: true, note: "Đã khắc phục"))
            == [Self.tanAn])
    }

    @Test func closingNeedsASanctionOrAFollowUpAndHappensOnce() throws {
        let vhttdl = try Self.vhttdlWith()
        let close = ViolationClosed(violationID: "VP-1", closedOn: date("2026-11-28"), outcome: "Đã chấp hành")
        #expect(Self.message(close, at: vhttdl)?.contains("chưa có quyết định xử phạt hay kiểm tra khắc phục") == true)
        #expect(Self.message(close, at: vhttdl)?.contains("phoihop violation sanction") == true)
        try vhttdl.record(Self.sanction())
        #expect(Self.message(ViolationClosed(violationID: "VP-1", closedOn: date("2026-11-19"), outcome: "x"), at: vhttdl)?
            .contains("bước xử lý cuối cùng của vi phạm VP-1 là ngày 20/11/2026") == true)
        #expect(try vhttdl.record(close) == [Self.tanAn])
        #expect(Self.message(close, at: vhttdl)?.contains("hồ sơ vi phạm VP-1 đã kết thúc ngày 28/11/2026") == true)
        #expect(Self.message(Self.sanction("XP-2"), at: vhttdl)?.contains("không thể ra quyết định xử phạt nữa") == true)
        #expect(Self.message(ViolationFollowedUp(violationID: "VP-1", checkedOn: date("2026-11-29"), remedied: true, note: "x"), at: vhttdl)?
            .contains("không ghi kiểm tra khắc phục sau khi kết thúc hồ sơ") == true)
    }

    @Test func aSecondClosureReachingTheHubIsAnAnomaly() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation(), from: "vhttdl")
        let close = ViolationClosed(violationID: "VP-1", closedOn: date("2026-11-28"), outcome: "x")
        try hub.receive(close, from: "vhttdl")
        try hub.receive(close, from: "district-tan-an")
        #expect(try hub.anomalies().count == 1)
    }

    // MARK: hub's view

    @Test func theHubCountsViolationsAndFinesByDistrictCategoryAndPeriodAndShowsOpenOnesWithTheirStage() throws {
        let hub = try Self.daemon("so-tttt", role: .hub)
        try hub.receive(Self.violation("VP-1"), from: "vhttdl")
        try hub.receive(Self.violation("VP-2"), from: "vhttdl")
        try hub.receive(Self.violation("VP-3", category: "ND15-35-1"), from: "district-tan-an")
        try hub.receive(Self.sanction("XP-1", violation: "VP-1", fine: 6_000_000), from: "vhttdl")
        try hub.receive(Self.sanction("XP-2", violation: "VP-2", fine: 7_000_000), from: "district-tan-an")
        try hub.receive(ViolationClosed(violationID: "VP-2", closedOn: date("2026-11-28"), outcome: "Đã nộp phạt"), from: "district-tan-an")
        let stats = try hub.query("violation.stats", ["from": "2026-11-01", "to": "2026-11-30"], as: [ViolationStatsRow].self)
        #expect(stats.map { "\($0.district) \($0.category) \($0.violations) \($0.sanctioned) \($0.closed) \($0.finesVND)" } == [
            "district-tan-an ND15-35-1 1 0 0 0",
            "district-tan-an ND15-35-3-hours 2 2 1 13000000",
        ])
        // The console shows the district's name from the province file; the id stays the key.
        #expect(stats.map(\.districtName) == ["Thành phố Tân An", "Thành phố Tân An"])
        #expect(try hub.query("violation.stats", ["to": "2026-11-14"], as: [ViolationStatsRow].self).isEmpty)
        let open = try hub.query("violation.list", ["status": "open"], as: [ViolationRow].self)
        #expect(open.map(\.violationID) == ["VP-1", "VP-3"])
        #expect(open.map(\.stage) == ["sanctioned", "recorded"])
        #expect(open.map(\.district) == ["district-tan-an", "district-tan-an"])
        #expect(open.map(\.districtName) == ["Thành phố Tân An", "Thành phố Tân An"])
        let shown = try hub.query("violation.show", ["violation": "VP-2"], as: ViolationDetail.self)
        #expect(shown.sanction?.fineVND == 7_000_000)
        #expect(shown.violation.stage == "closed")
        #expect(shown.closedOutcome == "Đã nộp phạt")
        #expect(shown.categorySource?.contains("Điều 35") == true)
    }
}

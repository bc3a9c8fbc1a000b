import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Certificates (Điều 10.3, Điều 7): the rules of config/rules/certificates.yaml, checks,
/// projection, the one status function and routing.
struct CertificateTests {
    static let tanAn = agency("district-tan-an")

    /// A district with business TA-1 registered on `registeredOn`.
    static func district(registeredOn: String = "2026-11-01", today: String = "2026-11-20") throws -> DomainFixture {
        let district = try DomainFixture("district-tan-an", role: .district, today: today)
        try district.record(BusinessRegistered(
            businessID: "TA-1", name: "Điểm trò chơi TA-1", kind: .gamePoint, district: tanAn, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 15, registeredOn: date(registeredOn)))
        return district
    }

    static func issue(_ number: String = "GCN-TA-1", on day: String = "2026-11-06", until: String = "2029-11-05",
                      kind: CertificateKind = .gamePointEligibility, application: String? = nil) -> CertificateIssued {
        CertificateIssued(certificateNo: number, businessID: "TA-1", district: tanAn, kind: kind, issuedOn: date(day),
                          validUntil: date(until), applicationID: application)
    }

    static func extend(to until: String, on day: String = "2026-11-20", application: String? = nil) -> CertificateExtended {
        CertificateExtended(certificateNo: "GCN-TA-1", businessID: "TA-1", district: tanAn, extendedOn: date(day),
                            newValidUntil: date(until), applicationID: application)
    }

    static func suspend(_ from: String, _ until: String) -> CertificateSuspended {
        CertificateSuspended(certificateNo: "GCN-TA-1", businessID: "TA-1", district: tanAn, from: date(from), until: date(until), ground: "PCCC")
    }

    static func apply(_ id: String, _ request: CertificateRequest, on day: String, certificate: String? = nil,
                      kind: CertificateKind = .gamePointEligibility) -> CertificateApplied {
        CertificateApplied(applicationID: id, businessID: "TA-1", district: tanAn, kind: kind, request: request, receivedOn: date(day),
                           certificateNo: certificate)
    }

    func refusal<T>(_ body: @autoclosure () throws -> T) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    func status(_ fixture: DomainFixture, _ number: String = "GCN-TA-1") throws -> CertificateStatus {
        try fixture.query("certificate.show", ["number": number], as: CertificateDetail.self).row.status
    }

    // MARK: the rules

    @Test func validityEndsTheDayBeforeTheThirdAnniversary() throws {
        let rule = try #require(try DomainFixture.loadRules().certificates.rule(.gamePointEligibility))
        #expect(rule.validUntil(issuedOn: date("2026-11-06")) == date("2029-11-05"))
        #expect(rule.validUntil(issuedOn: date("2027-01-01")) == date("2029-12-31"))
    }

    @Test func aCertificateIssuedOn29FebruaryEndsOnTheLastDayOfFebruary() throws {
        let rule = try #require(try DomainFixture.loadRules().certificates.rule(.gamePointEligibility))
        #expect(rule.validUntil(issuedOn: date("2028-02-29")) == date("2031-02-28"))
        #expect(rule.validUntil(issuedOn: date("2028-02-28")) == date("2031-02-27"))
        #expect(rule.validUntil(issuedOn: date("2029-03-01")) == date("2032-02-29"))
    }

    @Test func processingCountsWorkingDaysAcrossAWeekendAndHolidays() throws {
        // Received Friday 24 April 2026: 25–26 weekend, 27 Giỗ Tổ (nghỉ bù), 30/4–1/5 holidays.
        let district = try Self.district(registeredOn: "2026-04-01", today: "2026-05-06")
        try district.record(Self.apply("HS-1", .new, on: "2026-04-24"))
        try district.record(Self.issue("GCN-TA-1", on: "2026-04-28", until: "2029-04-27"))
        try district.record(Self.apply("HS-2", .extend, on: "2026-04-24", certificate: "GCN-TA-1"))
        let rows = try district.query("certificate.applications", as: [ApplicationRow].self)
        #expect(rows.first { $0.application.applicationID == "HS-1" }?.dueOn == date("2026-05-13"))
        let extend = try #require(rows.first { $0.application.applicationID == "HS-2" })
        #expect(extend.dueOn == date("2026-05-06"))
        #expect(extend.overdue == false)
        district.today = date("2026-05-07")
        #expect(try district.query("certificate.applications", ["overdue": "true"], as: [ApplicationRow].self).map(\.application.applicationID) == ["HS-2"])
    }

    // MARK: applications

    @Test func anApplicationIsClosedByTheIssueNamingItAndRecordsItWasOnTime() throws {
        let district = try Self.district()
        try district.record(Self.apply("HS-1", .new, on: "2026-11-02"))
        #expect(try district.query("certificate.applications", as: [ApplicationRow].self).count == 1)
        try district.record(Self.issue(application: "HS-1"))
        #expect(try district.query("certificate.applications", as: [ApplicationRow].self).isEmpty)
        let all = try district.query("certificate.applications", ["all": "true"], as: [ApplicationRow].self)
        #expect(all.first?.application.decidedOn == date("2026-11-06"))
        #expect(all.first?.application.decidedByCertificate == "GCN-TA-1")
        #expect(all.first?.onTime == true)
    }

    @Test func anApplicationAnsweredAfterItsDeadlineIsLate() throws {
        let district = try Self.district(registeredOn: "2026-10-01")
        try district.record(Self.apply("HS-1", .new, on: "2026-10-01"))
        try district.record(Self.issue(on: "2026-11-06", application: "HS-1"))
        #expect(try district.query("certificate.applications", ["all": "true"], as: [ApplicationRow].self).first?.onTime == false)
    }

    @Test func anApplicationIdIsUsedOnceAndAnsweredOnce() throws {
        let district = try Self.district()
        try district.record(Self.apply("HS-1", .new, on: "2026-11-02"))
        #expect(refusal(try district.record(Self.apply("HS-1", .new, on: "2026-11-03"))).contains("hồ sơ HS-1 đã được tiếp nhận"))
        try district.record(Self.issue(application: "HS-1"))
        try district.record(Self.issue("GCN-TA-2", kind: .businessRegistration, application: nil))
        #expect(refusal(try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                                                revokedOn: date("2026-11-10"), ground: "gian lận"))).isEmpty)
        #expect(refusal(try district.record(Self.issue("GCN-TA-3", on: "2026-11-11", until: "2029-11-10", application: "HS-1")))
            .contains("hồ sơ HS-1 đã được giải quyết ngày 06/11/2026 bằng giấy chứng nhận GCN-TA-1"))
    }

    @Test func anAmendExtendOrReissueApplicationNamesACertificateOfItsBusinessAndKind() throws {
        let district = try Self.district()
        #expect(refusal(try district.record(Self.apply("HS-1", .extend, on: "2026-11-02", certificate: "GCN-X"))).contains("giấy chứng nhận GCN-X không có trong dữ liệu của district-tan-an"))
        try district.record(Self.issue())
        #expect(refusal(try district.record(Self.apply("HS-2", .amend, on: "2026-11-07", certificate: "GCN-TA-1", kind: .businessRegistration)))
            .contains("GCN-TA-1 thuộc loại game-point-eligibility, không phải business-registration"))
        try district.record(Self.apply("HS-3", .amend, on: "2026-11-07", certificate: "GCN-TA-1"))
    }

    @Test func anApplicationForAnUnregisteredBusinessIsRefused() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(refusal(try district.record(Self.apply("HS-1", .new, on: "2026-11-02"))).contains("điểm kinh doanh TA-1 không có trong sổ quản lý của district-tan-an"))
    }

    @Test func anExtensionAnswersOnlyAnExtendApplicationAboutItsCertificate() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(Self.apply("HS-2", .extend, on: "2026-11-16", certificate: "GCN-TA-1"))
        try district.record(Self.apply("HS-3", .new, on: "2026-11-16"))
        #expect(refusal(try district.record(Self.extend(to: "2030-01-01", application: "HS-3"))).contains("hồ sơ HS-3 là hồ sơ cấp mới (new), không phải hồ sơ gia hạn GCN-TA-1"))
        try district.record(Self.extend(to: "2030-01-01", application: "HS-2"))
        let answered = try district.query("certificate.applications", ["all": "true"], as: [ApplicationRow].self)
            .first { $0.application.applicationID == "HS-2" }
        #expect(answered?.application.decidedByCertificate == "GCN-TA-1")
        #expect(answered?.dueOn == date("2026-11-23"))
        #expect(answered?.onTime == true)
    }

    @Test func anIssueMayNotAnswerAnExtendApplication() throws {
        let district = try Self.district()
        try district.record(Self.issue(kind: .businessRegistration, application: nil).with(number: "GCN-TA-0"))
        try district.record(Self.apply("HS-2", .extend, on: "2026-11-10", certificate: "GCN-TA-0", kind: .businessRegistration))
        try district.record(CertificateRevoked(certificateNo: "GCN-TA-0", businessID: "TA-1", district: Self.tanAn,
                                               revokedOn: date("2026-11-10"), ground: "cấp lại"))
        #expect(refusal(try district.record(Self.issue("GCN-TA-2", on: "2026-11-11", until: "2029-11-10", kind: .businessRegistration,
                                                       application: "HS-2"))).contains("hồ sơ HS-2 đề nghị gia hạn"))
    }

    // MARK: issue

    @Test func theValidityMustBeTheRulesValidity() throws {
        let district = try Self.district()
        #expect(refusal(try district.record(Self.issue(until: "2029-11-06"))).contains("có hiệu lực đến 05/11/2029"))
        try district.record(Self.issue(until: "2029-11-05"))
    }

    @Test func aCertificateNumberIsNeverReused() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                               revokedOn: date("2026-11-10"), ground: "gian lận"))
        #expect(refusal(try district.record(Self.issue(on: "2026-11-11", until: "2029-11-10"))).contains("số giấy chứng nhận GCN-TA-1 đã được sử dụng"))
    }

    @Test func aBusinessHoldsOneValidCertificateOfAKindAtATime() throws {
        let district = try Self.district(registeredOn: "2020-01-01")
        try district.record(Self.issue("GCN-OLD", on: "2020-01-10", until: "2023-01-09"))
        // The old one expired: a new one may be issued.
        try district.record(Self.issue())
        #expect(refusal(try district.record(Self.issue("GCN-TA-2", on: "2026-11-07", until: "2029-11-06")))
            .contains("TA-1 đang có giấy chứng nhận GCN-TA-1 loại game-point-eligibility"))
        // Another kind is fine.
        try district.record(Self.issue("GCN-TA-3", kind: .businessRegistration))
        try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                               revokedOn: date("2026-11-10"), ground: "gian lận"))
        try district.record(Self.issue("GCN-TA-2", on: "2026-11-11", until: "2029-11-10"))
    }

    @Test func aClosedBusinessGetsNoCertificate() throws {
        let district = try Self.district()
        try district.record(BusinessClosed(businessID: "TA-1", district: Self.tanAn, closedOn: date("2026-11-05"), reason: "x"))
        #expect(refusal(try district.record(Self.issue())).contains("TA-1 đã chấm dứt hoạt động ngày 05/11/2026"))
    }

    // MARK: extension

    @Test func anExtensionOfExactlySixMonthsIsAcceptedAndOneDayMoreRefused() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        #expect(refusal(try district.record(Self.extend(to: "2030-05-06"))).contains("GCN-TA-1 chỉ được gia hạn tối đa 6 tháng, đến ngày 05/05/2030"))
        try district.record(Self.extend(to: "2030-05-05"))
        let detail = try district.query("certificate.show", ["number": "GCN-TA-1"], as: CertificateDetail.self)
        #expect(detail.row.certificate.validUntil == date("2030-05-05"))
        #expect(detail.row.certificate.originalValidUntil == date("2029-11-05"))
        #expect(detail.extensionsLeft == 0)
    }

    @Test func aSecondExtensionIsRefused() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(Self.extend(to: "2030-01-05"))
        #expect(refusal(try district.record(Self.extend(to: "2030-02-05", on: "2026-11-21"))).contains("GCN-TA-1 đã được gia hạn 1 lần (lần cuối ngày 20/11/2026)"))
    }

    @Test func anExtensionMustEndLater() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        #expect(refusal(try district.record(Self.extend(to: "2029-11-05"))).contains("GCN-TA-1 đã có hiệu lực đến 05/11/2029; ngày hết hiệu lực mới (05/11/2029) phải sau ngày đó"))
    }

    @Test func anExpiredOrRevokedCertificateIsNotExtended() throws {
        let district = try Self.district(registeredOn: "2020-01-01")
        try district.record(Self.issue("GCN-TA-1", on: "2020-01-10", until: "2023-01-09"))
        #expect(refusal(try district.record(Self.extend(to: "2023-06-01", on: "2023-01-10"))).contains("GCN-TA-1 đã hết hạn ngày 09/01/2023"))
        try district.record(Self.extend(to: "2023-06-01", on: "2023-01-09"))

        let other = try Self.district()
        try other.record(Self.issue())
        try other.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: date("2026-11-10"), ground: "x"))
        #expect(refusal(try other.record(Self.extend(to: "2030-01-01"))).contains("giấy chứng nhận GCN-TA-1 đã bị thu hồi (ngày 10/11/2026, bởi district-tan-an)"))
    }

    // MARK: suspension

    @Test func aSuspensionLiesWithinTheValidity() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        #expect(refusal(try district.record(Self.suspend("2026-11-05", "2026-12-01"))).contains("GCN-TA-1 cấp ngày 06/11/2026; không thể đình chỉ"))
        #expect(refusal(try district.record(Self.suspend("2029-10-01", "2029-11-06"))).contains("GCN-TA-1 có hiệu lực đến 05/11/2029; không thể đình chỉ đến ngày 06/11/2029"))
        try district.record(Self.suspend("2026-11-06", "2029-11-05"))
    }

    @Test func anOverlappingSuspensionIsRefusedAndALaterOneReplacesTheEndedOne() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(Self.suspend("2026-11-20", "2026-12-19"))
        #expect(refusal(try district.record(Self.suspend("2026-12-19", "2027-01-10"))).contains("GCN-TA-1 đang bị đình chỉ từ 20/11/2026 đến 19/12/2026"))
        try district.record(Self.suspend("2026-12-20", "2027-01-10"))
        #expect(try district.count("SELECT count(*) FROM certificates WHERE suspended_from = '2026-12-20'") == 1)
    }

    @Test func aRevokedCertificateIsNotSuspended() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: date("2026-11-10"), ground: "x"))
        #expect(refusal(try district.record(Self.suspend("2026-11-20", "2026-12-19"))).contains("GCN-TA-1 đã bị thu hồi"))
    }

    // MARK: revocation

    @Test func aRevocationNamesItsGroundAndSanctionAndIsNotRepeated() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: date("2026-11-10"),
                                               ground: "Gian lận hồ sơ", sanctionID: "XP-1"))
        let c = try district.query("certificate.show", ["number": "GCN-TA-1"], as: CertificateDetail.self).row.certificate
        #expect(c.revocationGround == "Gian lận hồ sơ")
        #expect(c.sanctionID == "XP-1")
        #expect(refusal(try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                                                revokedOn: date("2026-11-11"), ground: "x")))
            .contains("GCN-TA-1 đã bị thu hồi (ngày 10/11/2026, bởi district-tan-an, quyết định xử phạt XP-1)"))
    }

    @Test func aRevocationOfAnotherBusinessesCertificateIsRefused() throws {
        let district = try Self.district()
        try district.record(Self.issue())
        #expect(refusal(try district.record(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-2", district: Self.tanAn,
                                                                revokedOn: date("2026-11-10"), ground: "x"))).contains("GCN-TA-1 thuộc điểm kinh doanh TA-1, không phải TA-2"))
    }

    // MARK: status

    @Test func theStatusIsDerivedFromTheDatesWithBothEndsOfASuspensionIncluded() throws {
        let district = try Self.district(today: "2026-11-19")
        try district.record(Self.issue())
        try district.record(Self.suspend("2026-11-20", "2026-12-19"))
        #expect(try status(district) == .valid)
        district.today = date("2026-11-20")
        #expect(try status(district) == .suspended)
        district.today = date("2026-12-19")
        #expect(try status(district) == .suspended)
        district.today = date("2026-12-20")
        #expect(try status(district) == .valid)
        district.today = date("2029-11-05")
        #expect(try status(district) == .valid)
        district.today = date("2029-11-06")
        #expect(try status(district) == .expired)
    }

    @Test func theStatusReadsTheColumnsASanctionWrites() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-25")
        try hub.receive(Self.issue(), from: "district-tan-an")
        try hub.receive(Self.issue("GCN-TA-2", kind: .businessRegistration), from: "district-tan-an")
        // As the sanction group's projection marks a certificate suspended or revoked by a decision.
        try hub.database.write { db in
            try db.execute(sql: """
                UPDATE certificates SET suspended_from = '2026-11-21', suspended_until = '2027-01-20', suspension_ground = 'ND15',
                    sanction_id = 'XP-1' WHERE certificate_no = 'GCN-TA-1';
                UPDATE certificates SET status = 'revoked', revoked_on = '2026-11-22', revoked_by = 'vhttdl', ground = 'ND15',
                    sanction_id = 'XP-2' WHERE certificate_no = 'GCN-TA-2';
                """)
        }
        #expect(try status(hub, "GCN-TA-1") == .suspended)
        #expect(try status(hub, "GCN-TA-2") == .revoked)
        #expect(try hub.query("certificate.list", ["status": "revoked"], as: [CertificateRow].self).map(\.certificate.certificateNo) == ["GCN-TA-2"])
    }

    @Test func theListFiltersByStatusAndExpiryWindow() throws {
        let district = try Self.district(registeredOn: "2020-01-01", today: "2026-11-20")
        try district.record(Self.issue("GCN-1", on: "2023-12-01", until: "2026-11-30"))
        try district.record(Self.issue("GCN-2", on: "2026-11-06", until: "2029-11-05", kind: .businessRegistration))
        #expect(try district.query("certificate.list", ["expiring-within": "10"], as: [CertificateRow].self).map(\.certificate.certificateNo) == ["GCN-1"])
        #expect(try district.query("certificate.list", ["expiring-within": "9"], as: [CertificateRow].self).isEmpty)
        #expect(try district.query("certificate.list", ["status": "valid"], as: [CertificateRow].self).count == 2)
        #expect(try district.query("certificate.list", ["kind": "business-registration"], as: [CertificateRow].self).map(\.certificate.certificateNo) == ["GCN-2"])
    }

    // MARK: projection and routing

    @Test func transitionsTheHubCannotPlaceAreAnomalies() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.extend(to: "2030-01-01"), from: "district-tan-an")
        try hub.receive(Self.issue(application: "HS-9"), from: "district-tan-an")
        try hub.receive(Self.suspend("2026-11-20", "2026-12-19"), from: "district-tan-an")
        try hub.receive(Self.suspend("2026-12-01", "2026-12-31"), from: "district-tan-an")
        try hub.receive(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: date("2026-11-25"), ground: "x"),
                        from: "district-tan-an")
        try hub.receive(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, revokedOn: date("2026-11-26"), ground: "y"),
                        from: "district-tan-an")
        try hub.receive(Self.issue(), from: "district-tan-an")
        let anomalies = try hub.anomalies()
        #expect(anomalies.count == 5)
        #expect(anomalies[0].contains("extension of certificate GCN-TA-1"))
        #expect(anomalies[1].contains("application HS-9, which is unknown"))
        #expect(anomalies[2].contains("suspension of certificate GCN-TA-1 from 2026-12-01"))
        #expect(anomalies[3].contains("revocation of certificate GCN-TA-1"))
        #expect(anomalies[4].contains("issued again"))
        #expect(try hub.count("SELECT count(*) FROM certificates WHERE revoked_on = '2026-11-25' AND ground = 'x'") == 1)
    }

    @Test func everyCertificateActIsRelayedToTheDepartmentsThatKeepTheRegistry() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        let departments: Set<AgencyID> = [agency("cong-an"), agency("vhttdl"), agency("khdt")]
        #expect(Set(try hub.receive(Self.apply("HS-1", .new, on: "2026-11-02"), from: "district-tan-an")) == departments)
        #expect(Set(try hub.receive(Self.issue(application: "HS-1"), from: "district-tan-an")) == departments)
        #expect(Set(try hub.receive(Self.extend(to: "2030-01-01"), from: "district-tan-an")) == departments)
        #expect(Set(try hub.receive(Self.suspend("2026-11-20", "2026-12-19"), from: "district-tan-an")) == departments)
        #expect(Set(try hub.receive(CertificateRevoked(certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn,
                                                       revokedOn: date("2026-11-25"), ground: "x"), from: "district-tan-an")) == departments)
    }

    @Test func onlyTheDistrictOfTheBusinessActsOnItsCertificates() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(refusal(try congAn.record(Self.issue())).contains("không được gửi certificate.issued"))
    }
}

extension CertificateIssued {
    func with(number: String) -> CertificateIssued {
        var copy = self
        copy.certificateNo = number
        return copy
    }
}

import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Complaint and denunciation workflow: checks, projection, routing and the legal limits.
struct ComplaintTests {
    func hub(today: String = "2026-11-20") throws -> DomainFixture { try DomainFixture("so-tttt", role: .hub, today: today) }

    /// The act is refused with a message holding every fragment (the Vietnamese wording and the ids).
    func expectRefusal(_ fragments: String..., body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a refusal containing \(fragments)")
        } catch {
            for fragment in fragments { #expect("\(error)".contains(fragment), "\(error)") }
        }
    }

    func show(_ f: DomainFixture, _ id: String) throws -> CaseDetail { try f.query("complaint.show", ["case": id], as: CaseDetail.self) }

    // MARK: Receipt and routing

    @Test func aCaseForwardedByADepartmentReachesItsDistrict() throws {
        let f = try hub()
        let to = try f.receive(Cases.received("KN-1"), from: "cong-an")
        #expect(to == [agency("district-tan-an")])
        #expect(try show(f, "KN-1").record.receivedBy == agency("cong-an"))
    }

    @Test func aDistrictRecordsOnlyCasesOfItsOwnTerritory() throws {
        let d = try DomainFixture("district-tan-an", role: .district)
        try d.record(Cases.received("KN-1"))
        expectRefusal("quy tắc P19", "district-tan-an", "district-ben-luc") { try d.record(Cases.received("KN-2", district: "district-ben-luc")) }
    }

    @Test func aCaseIdIsReceivedOnce() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        expectRefusal("đã được ghi nhận", "KN-1", "hãy dùng mã đơn khác") { try f.record(Cases.received("KN-1")) }
        try f.receive(Cases.received("KN-1"), from: "cong-an")
        #expect(try f.anomalies().count == 1)
    }

    @Test func showingAnUnknownCaseSaysItIsNotInTheRecords() throws {
        let f = try hub()
        do { _ = try show(f, "KN-9"); Issue.record("expected a refusal") } catch {
            #expect("\(error)".contains("đơn KN-9 không có trong hồ sơ của so-tttt"), "\(error)")
        }
    }

    @Test func aCaseIsNotReceivedInTheFuture() throws {
        let f = try hub()
        expectRefusal("sau ngày hôm nay", "21/11/2026", "20/11/2026") { try f.record(Cases.received("KN-1", on: "2026-11-21")) }
    }

    // MARK: Transitions

    @Test func noAcceptanceAfterARefusalAndNoSecondAcceptance() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(ComplaintRefused(caseID: "KN-1", refusedOn: date("2026-11-03"), ground: "Quá thời hiệu"))
        expectRefusal("không thể thụ lý đơn KN-1", "đã có thông báo không thụ lý ngày 03/11/2026", "Quá thời hiệu") { try f.record(Cases.accepted("KN-1")) }
        try f.record(Cases.received("KN-2"))
        try f.record(Cases.accepted("KN-2"))
        expectRefusal("không thể thụ lý đơn KN-2", "đã thụ lý ngày 03/11/2026") { try f.record(Cases.accepted("KN-2")) }
        expectRefusal("không thể ra thông báo không thụ lý đơn KN-2", "đã thụ lý ngày") { try f.record(ComplaintRefused(caseID: "KN-2", refusedOn: date("2026-11-04"), ground: "x")) }
    }

    @Test func aRefusedCaseIsNotResolvedAndAReceivedOneMustBeAcceptedFirst() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        expectRefusal("không thể giải quyết đơn KN-1", "chưa được thụ lý", "phoihop complaint accept") { try f.record(Cases.resolved("KN-1")) }
        try f.record(ComplaintRefused(caseID: "KN-1", refusedOn: date("2026-11-03"), ground: "Không thuộc thẩm quyền"))
        expectRefusal("không thể giải quyết đơn KN-1", "đã có thông báo không thụ lý ngày 03/11/2026") { try f.record(Cases.resolved("KN-1")) }
        expectRefusal("đơn KN-9 không có trong hồ sơ của so-tttt", "phoihop complaint receive") { try f.record(Cases.resolved("KN-9")) }
    }

    @Test func aCaseIsResolvedOnce() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(Cases.accepted("KN-1"))
        try f.record(Cases.resolved("KN-1"))
        expectRefusal("không thể giải quyết đơn KN-1", "đã giải quyết ngày 20/11/2026 (quyết định 12/QĐ-STTTT)") { try f.record(Cases.resolved("KN-1")) }
        #expect(try show(f, "KN-1").record.status == .resolved)
        try f.receive(Cases.resolved("KN-1"), from: "so-tttt")
        #expect(try f.anomalies().count == 1)
    }

    @Test func anAcceptanceIsNotBeforeReceiptNorAfterToday() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1", on: "2026-11-05"))
        expectRefusal("ngày thụ lý 04/11/2026 phải từ ngày tiếp nhận (05/11/2026)") { try f.record(Cases.accepted("KN-1", on: "2026-11-04")) }
        expectRefusal("ngày thụ lý 21/11/2026", "đến hôm nay (20/11/2026)") { try f.record(Cases.accepted("KN-1", on: "2026-11-21")) }
    }

    @Test func onlyDenunciationsAreEspeciallyComplex() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        expectRefusal("đơn KN-1 là đơn khiếu nại", "chỉ áp dụng cho đơn tố cáo") { try f.record(Cases.accepted("KN-1", .especiallyComplex)) }
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1", .especiallyComplex))
    }

    @Test func anAcceptanceAfterItsLimitIsAllowedButRecordedLate() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1", on: "2026-11-02"))   // limit 12/11
        try f.record(Cases.accepted("KN-1", on: "2026-11-13"))
        let detail = try show(f, "KN-1")
        #expect(detail.deadlines.acceptanceDue == date("2026-11-12"))
        #expect(detail.deadlines.acceptedLate == true)
        let stats = try f.query("complaint.stats", as: [CaseStatistics].self)
        #expect(stats.first { $0.kind == .complaint }?.acceptedLate == 1)
    }

    @Test func theLodgingLimitIsShownNotEnforced() throws {
        let f = try hub()
        // Act on 1/8; 90 days → 30/10 (Friday). Received 2/11: late, yet it may be accepted.
        try f.record(Cases.received("KN-1", on: "2026-11-02", actOn: "2026-08-01"))
        var detail = try show(f, "KN-1")
        #expect(detail.deadlines.lodgingLimit == date("2026-10-30"))
        #expect(detail.deadlines.lodgedLate)
        try f.record(Cases.accepted("KN-1"))
        try f.record(Cases.received("KN-2", on: "2026-10-30", actOn: "2026-08-01"))
        detail = try show(f, "KN-2")
        #expect(!detail.deadlines.lodgedLate)
    }

    // MARK: Assignment and verification

    @Test func anAssignmentGoesToAnAgencyOfTheProvinceAndToTheCasesHolders() throws {
        let f = try hub()
        try f.receive(Cases.received("KN-1"), from: "district-tan-an")
        expectRefusal("không thể giao xác minh đơn KN-1", "hãy thụ lý trước") { try f.record(Cases.assigned("KN-1", to: "cong-an")) }
        try f.record(Cases.accepted("KN-1"))
        expectRefusal("'district-nowhere' không phải cơ quan, đơn vị của tỉnh") { try f.record(Cases.assigned("KN-1", to: "district-nowhere")) }
        let to = try f.record(Cases.assigned("KN-1", to: "cong-an"))
        #expect(to == [agency("cong-an"), agency("district-tan-an")])
        #expect(try f.record(Cases.resolved("KN-1")) == [agency("district-tan-an"), agency("cong-an")])
    }

    @Test func onlyTheAssigneeReportsTheVerification() throws {
        let d = try DomainFixture("district-tan-an", role: .district)
        try d.record(Cases.received("KN-1"))
        try d.receive(Cases.accepted("KN-1"), from: "so-tttt")
        let verified = ComplaintVerified(caseID: "KN-1", verifiedOn: date("2026-11-10"), findings: "Đúng như phản ánh")
        expectRefusal("quy tắc P23", "đơn KN-1 không được giao cho district-tan-an xác minh") { try d.record(verified) }
        try d.receive(Cases.assigned("KN-1", to: "district-tan-an"), from: "so-tttt")
        try d.record(verified)
        expectRefusal("đơn KN-1", "kết quả xác minh đã được báo cáo ngày 10/11/2026") { try d.record(verified) }
        #expect(try show(d, "KN-1").record.verifiedOn == date("2026-11-10"))
    }

    @Test func anAssigneeThatNeverSawTheReceiptLearnsTheCaseFromTheAssignment() throws {
        let police = try DomainFixture("cong-an", role: .congAn)
        let received = Cases.received("TC-1", .denunciation)
        try police.receive(Cases.assigned("TC-1", to: "cong-an", received: received), from: "so-tttt")
        let detail = try show(police, "TC-1")
        #expect(detail.record.kind == .denunciation && detail.record.status == .accepted && detail.record.assignee == agency("cong-an"))
        try police.record(ComplaintVerified(caseID: "TC-1", verifiedOn: date("2026-11-12"), findings: "Có vi phạm"))
        #expect(try police.anomalies().isEmpty)
    }

    @Test func theParticularsCarriedMustBeTheAssignedCase() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(Cases.accepted("KN-1"))
        expectRefusal("nội dung không hợp lệ", "received.caseID") { try f.record(Cases.assigned("KN-1", to: "cong-an", received: Cases.received("KN-2"))) }
        expectRefusal("đơn KN-1", "không khớp với đơn đã tiếp nhận") {
            try f.record(Cases.assigned("KN-1", to: "cong-an", received: Cases.received("KN-1", .denunciation)))
        }
        expectRefusal("nội dung không hợp lệ", "assignee") { try f.record(Cases.assigned("KN-1", to: "so-tttt")) }
    }

    @Test func anAssignmentWithoutTheCaseIsAnAnomalyAtAnAgencyThatNeverSawIt() throws {
        let police = try DomainFixture("cong-an", role: .congAn)
        try police.receive(Cases.assigned("TC-1", to: "cong-an"), from: "so-tttt")
        #expect(try police.anomalies().count == 1)
    }

    @Test func aVerificationByAnotherAgencyIsAnAnomalyAtTheHub() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(Cases.accepted("KN-1"))
        try f.record(Cases.assigned("KN-1", to: "cong-an"))
        try f.receive(ComplaintVerified(caseID: "KN-1", verifiedOn: date("2026-11-10"), findings: "x"), from: "vhttdl")
        #expect(try f.anomalies().count == 1)
        #expect(try show(f, "KN-1").record.verifiedOn == nil)
    }

    // MARK: Resolution limits

    @Test(arguments: [
        (1, false, CaseComplexity.normal, "2026-12-02"), (1, false, .complex, "2026-12-17"),
        (1, true, .normal, "2026-12-17"), (1, true, .complex, "2027-01-01"),
        (2, false, .normal, "2026-12-17"), (2, false, .complex, "2027-01-01"),
        (2, true, .normal, "2027-01-01"), (2, true, .complex, "2027-01-11"),
    ])
    func complaintResolutionLimitsFollowRoundComplexityAndRemoteArea(round: Int, remote: Bool, complexity: CaseComplexity, due: String) throws {
        let f = try hub()
        try f.record(Cases.received("KN-1", round: round, remote: remote))
        try f.record(Cases.accepted("KN-1", on: "2026-11-02", complexity))   // Monday
        // 30 → 2/12 (Wed); 45 → 17/12 (Thu); 60 → 1/1/2027 (Fri); 70 → 11/1/2027 (Mon).
        #expect(try show(f, "KN-1").deadlines.resolutionDue == date(due))
    }

    @Test func aRemoteAreaResolutionLimitEndingOnASundayMovesToMonday() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1", on: "2026-10-01", district: "district-tan-hung", remote: true))
        try f.record(Cases.accepted("KN-1", on: "2026-10-04"))   // Sunday; + 45 = 18/11 (Wed)
        #expect(try show(f, "KN-1").deadlines.resolutionDue == date("2026-11-18"))
        try f.record(Cases.received("KN-2", on: "2026-10-01", district: "district-tan-hung", remote: true))
        try f.record(Cases.accepted("KN-2", on: "2026-10-03"))   // + 45 = 17/11 (Tue)
        #expect(try show(f, "KN-2").deadlines.resolutionDue == date("2026-11-17"))
        try f.record(Cases.received("KN-3", on: "2026-09-20", district: "district-tan-hung", remote: true))
        try f.record(Cases.accepted("KN-3", on: "2026-09-30"))   // + 45 = 14/11 (Saturday) → 16/11
        #expect(try show(f, "KN-3").deadlines.resolutionDue == date("2026-11-16"))
    }

    @Test func aDenunciationsLimitIsThirtyDaysPlusItsExtensions() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1", on: "2026-11-02", .complex))
        #expect(try show(f, "TC-1").deadlines.resolutionDue == date("2026-12-02"))
        try f.record(Cases.extended("TC-1", "01/QĐ-STTTT", days: 20))
        #expect(try show(f, "TC-1").deadlines.resolutionDue == date("2026-12-22"))
    }

    // MARK: Extensions

    @Test func aComplexDenunciationIsExtendedOnceTheSecondIsRefused() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1", .complex))
        try f.record(Cases.extended("TC-1", "01/QĐ-STTTT"))
        expectRefusal("đơn TC-1", "chỉ được gia hạn 1 lần", "01/QĐ-STTTT") { try f.record(Cases.extended("TC-1", "02/QĐ-STTTT")) }
    }

    @Test func anEspeciallyComplexDenunciationIsExtendedTwiceTheThirdIsRefused() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1", .especiallyComplex))
        try f.record(Cases.extended("TC-1", "01/QĐ-STTTT", on: "2026-11-10"))
        try f.record(Cases.extended("TC-1", "02/QĐ-STTTT"))
        expectRefusal("đơn TC-1", "chỉ được gia hạn 2 lần", "01/QĐ-STTTT ngày 10/11/2026, 02/QĐ-STTTT") { try f.record(Cases.extended("TC-1", "03/QĐ-STTTT")) }
        // 3/11 + 30 + 30 + 30 = 1/2/2027 (Monday).
        #expect(try show(f, "TC-1").deadlines.resolutionDue == date("2027-02-01"))
    }

    @Test func aNormalDenunciationIsNotExtended() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1"))
        expectRefusal("đơn TC-1 (mức độ thông thường) không được gia hạn", "chưa lần nào") { try f.record(Cases.extended("TC-1", "01/QĐ-STTTT")) }
    }

    @Test func anExtensionIsAtMostThirtyDaysAndInWriting() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.record(Cases.accepted("TC-1", .especiallyComplex))
        expectRefusal("đơn TC-1", "mỗi lần gia hạn tối đa 30 ngày", "đề nghị 31 ngày") { try f.record(Cases.extended("TC-1", "01/QĐ-STTTT", days: 31)) }
        expectRefusal("nội dung không hợp lệ", "decisionRef") { try f.record(Cases.extended("TC-1", "")) }
        try f.record(Cases.extended("TC-1", "01/QĐ-STTTT"))
        expectRefusal("đơn TC-1 đã được gia hạn theo văn bản 01/QĐ-STTTT") { try f.record(Cases.extended("TC-1", "01/QĐ-STTTT")) }
    }

    @Test func aComplaintIsNeverExtended() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(Cases.accepted("KN-1", .complex))
        expectRefusal("đơn KN-1 là đơn khiếu nại", "không được gia hạn") { try f.record(Cases.extended("KN-1", "01/QĐ-STTTT")) }
    }

    @Test func anExtensionOfAnUnacceptedCaseIsAnAnomaly() throws {
        let f = try hub()
        try f.record(Cases.received("TC-1", .denunciation))
        try f.receive(Cases.extended("TC-1", "01/QĐ-STTTT"), from: "so-tttt")
        #expect(try f.anomalies().count == 1)
        #expect(try f.count("SELECT COUNT(*) FROM case_extensions") == 0)
    }

    // MARK: Statistics

    @Test func statisticsCountOpenOverdueAndResolvedOnTimeOrLateByKind() throws {
        let f = try hub(today: "2026-11-30")
        try f.record(Cases.received("KN-1", on: "2026-10-01"))
        try f.record(Cases.accepted("KN-1", on: "2026-10-02"))          // due 2/11 (1/11 is a Sunday)
        try f.record(Cases.resolved("KN-1", on: "2026-11-03"))          // late
        try f.record(Cases.received("KN-2", on: "2026-11-02"))
        try f.record(Cases.accepted("KN-2", on: "2026-11-03"))
        try f.record(Cases.resolved("KN-2", on: "2026-11-20"))          // on time
        try f.record(Cases.received("KN-3", on: "2026-11-02"))          // acceptance overdue since 12/11
        try f.record(Cases.received("TC-1", .denunciation, on: "2026-11-25"))
        let stats = try f.query("complaint.stats", as: [CaseStatistics].self)
        let complaints = try #require(stats.first { $0.kind == .complaint })
        #expect(complaints.received == 3 && complaints.open == 1 && complaints.overdue == 1)
        #expect(complaints.resolvedOnTime == 1 && complaints.resolvedLate == 1)
        let denunciations = try #require(stats.first { $0.kind == .denunciation })
        #expect(denunciations.open == 1 && denunciations.overdue == 0)
    }

    @Test func theListFiltersByStatusAndDistrict() throws {
        let f = try hub()
        try f.record(Cases.received("KN-1"))
        try f.record(Cases.received("KN-2", district: "district-ben-luc"))
        try f.record(Cases.accepted("KN-2"))
        #expect(try f.query("complaint.list", ["status": "accepted"], as: [CaseSummary].self).map(\.caseID) == ["KN-2"])
        #expect(try f.query("complaint.list", ["district": "district-tan-an"], as: [CaseSummary].self).map(\.caseID) == ["KN-1"])
    }
}

import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Inspection plans: who may plan what, confirmations, findings per target, conclusion, routing.
struct InspectionTests {
    static let tanAn = agency("district-tan-an")
    static let benLuc = agency("district-ben-luc")
    static let vhttdl = agency("vhttdl")
    static let congAn = agency("cong-an")

    /// A daemon holding TA-1, TA-2 (Tân An) and BL-1 (Bến Lức) in its registry.
    static func withRegistry(_ id: String, role: Role) throws -> DomainFixture {
        let fixture = try DomainFixture(id, role: role)
        for (business, district) in [("TA-1", tanAn), ("TA-2", tanAn), ("BL-1", benLuc)] {
            try fixture.receive(BusinessRegistered(
                businessID: business, name: "Đại lý \(business)", kind: .internetAgent, district: district, address: "1 Đường số 3",
                owner: "Trần Thị Bình", machines: 10, registeredOn: date("2026-11-01")), from: district.rawValue)
        }
        return fixture
    }

    static func plan(_ id: String = "KH-1", kind: InspectionKind = .periodic, lead: AgencyID = .hub,
                     participants: [AgencyID] = [vhttdl, tanAn], targets: [String] = ["TA-1", "TA-2"],
                     from: String = "2026-11-14", to: String = "2026-11-18") -> InspectionPlanned {
        InspectionPlanned(planID: id, kind: kind, title: "Kiểm tra", lead: lead, participants: participants, targets: targets,
                          startsOn: date(from), endsOn: date(to))
    }

    static func finding(_ id: String, _ business: String, plan: String? = "KH-1", district: AgencyID = tanAn,
                        on day: String = "2026-11-15", outcome: InspectionOutcome = .compliant) -> InspectionRecorded {
        InspectionRecorded(inspectionID: id, planID: plan, businessID: business, district: district, kind: .periodic,
                           conductedOn: date(day), outcome: outcome, findings: "Biên bản")
    }

    /// The refusal a daemon gives `body`, or nil if it accepts it.
    static func refusal(_ body: some CatalogBody, at fixture: DomainFixture) -> String? {
        do { try fixture.check(body); return nil } catch let error as DomainError { return error.message } catch { return "\(error)" }
    }

    // MARK: planning

    @Test func theHubPlansWithKnownTargetsAndTheRouteIsLeadAndParticipantsOnly() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        let recipients = try hub.record(Self.plan(participants: [Self.vhttdl, Self.tanAn]))
        #expect(recipients == [Self.vhttdl, Self.tanAn])
    }

    @Test func anUnannouncedPlanReachesOnlyItsLeadAndParticipants() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        let recipients = try hub.record(Self.plan(kind: .unannounced, lead: Self.vhttdl, participants: [Self.vhttdl, Self.tanAn]))
        #expect(Set(recipients) == [Self.vhttdl, Self.tanAn])
        #expect(!recipients.contains(Self.benLuc))
        #expect(!recipients.contains(Self.congAn))
    }

    @Test func aPlanWithAnUnknownTargetIsRefusedNamingIt() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        #expect(throws: DomainError.self) { try hub.record(Self.plan(targets: ["TA-1", "XX-9"])) }
        do { try hub.check(Self.plan(targets: ["TA-1", "XX-9"])) } catch let error as DomainError {
            #expect(error.message.contains("không có trong sổ đăng ký của so-tttt"))
            #expect(error.message.contains("XX-9"))
        }
    }

    @Test func vhttdlPlansOnlyTargetsOfItsRelayedRegistry() throws {
        let vhttdl = try DomainFixture("vhttdl", role: .vhttdl)
        #expect(Self.refusal(Self.plan(lead: Self.vhttdl), at: vhttdl)?.contains("không có trong sổ đăng ký của vhttdl: TA-1, TA-2") == true)
        let registered = try Self.withRegistry("vhttdl", role: .vhttdl)
        try registered.check(Self.plan(lead: Self.vhttdl))
    }

    @Test func aDistrictPlansOnlyAsLeadAndOnlyItsOwnBusinesses() throws {
        let district = try Self.withRegistry("district-tan-an", role: .district)
        try district.check(Self.plan(lead: Self.tanAn, participants: [Self.tanAn, Self.congAn]))
        #expect(Self.refusal(Self.plan(lead: Self.vhttdl, participants: [Self.vhttdl, Self.tanAn]), at: district)?
            .contains("huyện chỉ lập kế hoạch kiểm tra do chính mình chủ trì; đặt đơn vị chủ trì là district-tan-an") == true)
        #expect(Self.refusal(Self.plan(lead: Self.tanAn, participants: [Self.tanAn], targets: ["TA-1", "BL-1"]), at: district)?
            .contains("không được kiểm tra BL-1 (district-ben-luc)") == true)
    }

    @Test func participantsMustBeAgenciesOfTheProvinceFile() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        #expect(Self.refusal(Self.plan(participants: [Self.vhttdl, agency("district-ha-noi")]), at: hub)?
            .contains("đơn vị tham gia không có trong danh mục tỉnh (province file): district-ha-noi") == true)
    }

    @Test func aPlanIdIsUsedOnce() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan())
        #expect(Self.refusal(Self.plan(), at: hub)?.contains("kế hoạch kiểm tra KH-1 đã có (do so-tttt lập)") == true)
    }

    @Test func theLeadMustBeTheHubOrAParticipant() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        #expect(throws: DomainError.self) { try hub.check(Self.plan(lead: Self.congAn, participants: [Self.vhttdl, Self.tanAn])) }
    }

    @Test func aDistrictsUnannouncedPlanGoesToItsParticipantsOnly() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        let recipients = try hub.receive(Self.plan(kind: .unannounced, lead: Self.tanAn, participants: [Self.tanAn, Self.congAn]),
                                         from: "district-tan-an")
        #expect(recipients == [Self.congAn])
    }

    // MARK: confirmation

    @Test func aParticipantConfirmsOnceAndOnlyIfItHoldsThePlan() throws {
        let vhttdl = try Self.withRegistry("vhttdl", role: .vhttdl)
        let confirm = InspectionConfirmed(planID: "KH-1", confirmedOn: date("2026-11-13"), officers: ["Lê Văn Cường"])
        #expect(Self.refusal(confirm, at: vhttdl)?.contains("kế hoạch kiểm tra KH-1 không có trong hồ sơ của vhttdl") == true)
        try vhttdl.receive(Self.plan(), from: "so-tttt")
        #expect(try vhttdl.record(confirm).isEmpty)  // the lead is the hub, which holds it anyway
        #expect(Self.refusal(confirm, at: vhttdl)?.contains("vhttdl đã xác nhận tham gia kế hoạch KH-1 ngày 13/11/2026") == true)
        #expect(try vhttdl.count("SELECT count(*) FROM inspection_confirmations WHERE plan_id = 'KH-1' AND agency = 'vhttdl'") == 1)
    }

    @Test func aNonParticipantMayNotConfirm() throws {
        let congAn = try Self.withRegistry("cong-an", role: .congAn)
        try congAn.receive(Self.plan(), from: "so-tttt")
        do {
            try congAn.check(InspectionConfirmed(planID: "KH-1", confirmedOn: date("2026-11-13"), officers: ["A"]))
            Issue.record("a non-participant confirmed")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P12: cong-an không tham gia kế hoạch KH-1"))
        }
    }

    @Test func noConfirmationAfterTheConclusion() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan(participants: [Self.vhttdl, Self.tanAn], targets: ["TA-1"]))
        try hub.receive(Self.finding("KT-1", "TA-1"), from: "vhttdl")
        try hub.record(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-18"), conclusion: "Đạt"))
        let tanAn = try Self.withRegistry("district-tan-an", role: .district)
        try tanAn.receive(Self.plan(participants: [Self.vhttdl, Self.tanAn], targets: ["TA-1"]), from: "so-tttt")
        try tanAn.receive(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-18"), conclusion: "Đạt"), from: "so-tttt")
        #expect(Self.refusal(InspectionConfirmed(planID: "KH-1", confirmedOn: date("2026-11-19"), officers: ["A"]), at: tanAn)?
            .contains("kế hoạch KH-1 đã có kết luận kiểm tra ngày 18/11/2026") == true)
    }

    @Test func aConfirmationOfAnUnknownPlanIsAnAnomalyAtTheHub() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(InspectionConfirmed(planID: "KH-X", confirmedOn: date("2026-11-13"), officers: ["A"]), from: "vhttdl")
        #expect(try hub.anomalies().contains { $0.contains("KH-X") })
    }

    // MARK: findings

    @Test func findingsComeFromParticipantsOnTargetsWithinTheDatesOncePerTarget() throws {
        let vhttdl = try Self.withRegistry("vhttdl", role: .vhttdl)
        try vhttdl.receive(Self.plan(), from: "so-tttt")
        #expect(Self.refusal(Self.finding("K1", "BL-1", district: Self.benLuc), at: vhttdl)?
            .contains("điểm kinh doanh BL-1 không thuộc kế hoạch KH-1") == true)
        #expect(Self.refusal(Self.finding("K1", "TA-1", on: "2026-11-13"), at: vhttdl)?
            .contains("thực hiện từ 14/11/2026 đến 18/11/2026; ngày 13/11/2026 nằm ngoài") == true)
        #expect(Self.refusal(Self.finding("K1", "TA-1", on: "2026-11-19"), at: vhttdl)?.contains("ngày 19/11/2026 nằm ngoài") == true)
        try vhttdl.check(Self.finding("K1", "TA-1", on: "2026-11-14"))
        try vhttdl.record(Self.finding("K1", "TA-1", on: "2026-11-18"))
        #expect(Self.refusal(Self.finding("K2", "TA-1"), at: vhttdl)?
            .contains("vhttdl đã ghi kết quả kiểm tra TA-1 theo kế hoạch KH-1 (lượt kiểm tra K1)") == true)
        #expect(Self.refusal(Self.finding("K1", "TA-2"), at: vhttdl)?.contains("lượt kiểm tra K1 đã được ghi (bởi vhttdl)") == true)
    }

    @Test func aNonParticipantRecordsNoFindingForThePlan() throws {
        let congAn = try Self.withRegistry("cong-an", role: .congAn)
        try congAn.receive(Self.plan(), from: "so-tttt")
        do { try congAn.check(Self.finding("K1", "TA-1")); Issue.record("accepted") } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P13: cong-an không tham gia kế hoạch KH-1"))
        }
    }

    @Test func findingsOfAPlanGoToItsLeadAndAnIndependentInspectionToTheDistrict() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.receive(Self.plan(lead: Self.vhttdl, participants: [Self.vhttdl, Self.tanAn, Self.congAn]), from: "so-tttt")
        #expect(try hub.receive(Self.finding("K1", "TA-1"), from: "cong-an") == [Self.vhttdl])
        #expect(try hub.receive(Self.finding("K9", "BL-1", plan: nil, district: Self.benLuc), from: "vhttdl") == [Self.benLuc])
    }

    @Test func anIndependentInspectionNeedsAKnownBusinessInItsDistrict() throws {
        let congAn = try Self.withRegistry("cong-an", role: .congAn)
        try congAn.check(Self.finding("K1", "BL-1", plan: nil, district: Self.benLuc))
        #expect(throws: DomainError.self) { try congAn.check(Self.finding("K1", "BL-1", plan: nil, district: Self.tanAn)) }
        #expect(throws: DomainError.self) { try congAn.check(Self.finding("K1", "ZZ-1", plan: nil, district: Self.tanAn)) }
    }

    @Test func aFindingMustCarryThePlansKind() throws {
        let vhttdl = try Self.withRegistry("vhttdl", role: .vhttdl)
        try vhttdl.receive(Self.plan(kind: .unannounced), from: "so-tttt")
        #expect(throws: DomainError.self) { try vhttdl.check(Self.finding("K1", "TA-1")) }
    }

    @Test func noFindingAfterTheConclusion() throws {
        let vhttdl = try Self.withRegistry("vhttdl", role: .vhttdl)
        try vhttdl.receive(Self.plan(), from: "so-tttt")
        try vhttdl.receive(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-19"), conclusion: "x"), from: "so-tttt")
        #expect(throws: DomainError.self) { try vhttdl.check(Self.finding("K1", "TA-1")) }
    }

    // MARK: conclusion

    @Test func aConclusionCannotPrecedeThePlansStart() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan(targets: ["TA-1"]))
        #expect(throws: DomainError.self) {
            try hub.check(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-13"), conclusion: "x"))
        }
    }

    @Test func onlyTheLeadConcludesAndNotTwice() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan(lead: Self.vhttdl, targets: ["TA-1"]))
        try hub.receive(Self.finding("K1", "TA-1"), from: "vhttdl")
        let conclude = InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-18"), conclusion: "Đạt")
        do { try hub.check(conclude); Issue.record("the hub concluded a plan vhttdl leads") } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P14: kế hoạch KH-1 do vhttdl chủ trì"))
        }
        let vhttdl = try Self.withRegistry("vhttdl", role: .vhttdl)
        try vhttdl.receive(Self.plan(lead: Self.vhttdl, targets: ["TA-1"]), from: "so-tttt")
        try vhttdl.receive(Self.finding("K1", "TA-1"), from: "district-tan-an")
        #expect(try vhttdl.record(conclude) == [Self.tanAn])
        #expect(throws: DomainError.self) { try vhttdl.check(conclude) }
    }

    @Test func aConclusionWithinThePlanIsRefusedWhileATargetHasNoFinding() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan())
        try hub.receive(Self.finding("K1", "TA-1"), from: "vhttdl")
        do {
            try hub.check(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-18"), conclusion: "Xong"))
            Issue.record("concluded with a gap")
        } catch let error as DomainError {
            #expect(error.message.contains("kế hoạch KH-1 chưa có kết quả kiểm tra tại TA-2"))
            #expect(error.message.contains("18/11/2026"))
            #expect(!error.message.contains("TA-1,"))
        }
    }

    @Test func aConclusionAfterTheEndIsAllowedAndTheGapsStayListed() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.record(Self.plan())
        try hub.receive(Self.finding("K1", "TA-1"), from: "vhttdl")
        let recipients = try hub.record(InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-19"), conclusion: "Xong"))
        #expect(recipients == [Self.vhttdl, Self.tanAn])
        let plans = try hub.query("inspection.list", ["status": "concluded"], as: [InspectionPlanRow].self)
        #expect(plans.first?.missingTargets == ["TA-2"])
        #expect(plans.first?.concludedOn == "2026-11-19")
        #expect(try hub.query("inspection.list", ["status": "open"], as: [InspectionPlanRow].self).isEmpty)
    }

    @Test func aSecondConclusionReachingTheHubIsAnAnomaly() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        try hub.receive(Self.plan(lead: Self.vhttdl), from: "so-tttt")
        let conclude = InspectionConcluded(planID: "KH-1", concludedOn: date("2026-11-19"), conclusion: "Xong")
        try hub.receive(conclude, from: "vhttdl")
        #expect(try hub.anomalies().isEmpty)
        try hub.receive(conclude, from: "vhttdl")
        #expect(try hub.anomalies().count == 1)
    }

    // MARK: hub's view

    @Test func theOpenPlanListsMissingConfirmationsAndFindingsPerTarget() throws {
        let hub = try Self.withRegistry("so-tttt", role: .hub)
        hub.today = date("2026-11-20")
        try hub.record(Self.plan(participants: [Self.vhttdl, Self.tanAn, Self.congAn]))
        try hub.receive(InspectionConfirmed(planID: "KH-1", confirmedOn: date("2026-11-13"), officers: ["A"]), from: "vhttdl")
        try hub.receive(Self.finding("K1", "TA-1"), from: "vhttdl")
        let open = try hub.query("inspection.list", ["status": "open"], as: [InspectionPlanRow].self)
        #expect(open.count == 1)
        #expect(open[0].missingConfirmations == ["district-tan-an", "cong-an"])
        #expect(open[0].missingTargets == ["TA-2"])
        #expect(open[0].overdue)
        let detail = try hub.query("inspection.show", ["plan": "KH-1"], as: InspectionPlanDetail.self)
        #expect(detail.targets.first { $0.businessID == "TA-1" }?.inspectedBy == ["vhttdl"])
        #expect(detail.targets.first { $0.businessID == "TA-1" }?.notYetBy == ["district-tan-an", "cong-an"])
        #expect(detail.confirmations.map(\.agency) == ["vhttdl"])
        #expect(detail.findings.map(\.inspectionID) == ["K1"])
    }
}

/// What a participant that does not lead the plan can know of it.
struct InspectionVisibilityTests {
    @Test func aParticipantThatIsNotTheLeadIsAccountableOnlyForItsOwnConfirmationAndFindings() throws {
        let vhttdl = try InspectionTests.withRegistry("vhttdl", role: .vhttdl)
        try vhttdl.receive(InspectionTests.plan(), from: "so-tttt")
        try vhttdl.record(InspectionConfirmed(planID: "KH-1", confirmedOn: date("2026-11-13"), officers: ["Lê Văn Hùng"]))
        try vhttdl.record(InspectionTests.finding("KT-1", "TA-1"))
        let rows = try vhttdl.query("inspection.list", as: [InspectionPlanRow].self)
        // The district's confirmation and findings go to the lead, not here: vhttdl must not call them missing.
        #expect(rows.first?.missingConfirmations == [])
        #expect(rows.first?.missingTargets == ["TA-2"])
    }
}

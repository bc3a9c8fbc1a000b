import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import PhoiHopStore
import Testing

/// The ad-hoc report over a subset (issue 6): one district, one business kind, some topics; and
/// the fines collected and outreach figures, golden. The fixture: October 2026 at the hub, acts in
/// Tân An and Bến Lức, at internet agents and game points, on both sides of the window's edges;
/// every expected number is counted by hand in the comments.
struct ReportScopeTests {
    static let tanAn = agency("district-tan-an"), benLuc = agency("district-ben-luc")
    static let october = ReportWindow(from: date("2026-10-01"), to: date("2026-10-31"))

    static func hub() throws -> DomainFixture {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-10")
        func business(_ id: String, _ kind: BusinessKind, _ district: AgencyID, _ day: String) throws {
            try hub.receive(BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: kind, district: district, address: "1 Đường số 3",
                                               owner: "Trần Thị Bình", machines: 10, registeredOn: date(day)), from: district.rawValue)
        }
        // Tân An: an agent from before the window, a game point new in it.
        try business("TA-A1", .internetAgent, tanAn, "2026-09-01")
        try business("TA-G1", .gamePoint, tanAn, "2026-10-05")
        // Bến Lức: an agent registered on the window's last day, a game point closed on its first,
        // a game point registered the day after it.
        try business("BL-A1", .internetAgent, benLuc, "2026-10-31")
        try business("BL-G1", .gamePoint, benLuc, "2026-09-10")
        try hub.receive(BusinessClosed(businessID: "BL-G1", district: benLuc, closedOn: date("2026-10-01"), reason: "Chủ điểm xin thôi"),
                        from: benLuc.rawValue)
        try business("BL-G2", .gamePoint, benLuc, "2026-11-01")

        for (no, business, district, day) in [("GCN-TA-A1", "TA-A1", tanAn, "2026-10-02"), ("GCN-TA-G1", "TA-G1", tanAn, "2026-10-06"),
                                              ("GCN-BL-A1", "BL-A1", benLuc, "2026-10-31"), ("GCN-BL-G2", "BL-G2", benLuc, "2026-11-01")] {
            try hub.receive(CertificateIssued(certificateNo: no, businessID: business, district: district, kind: .businessRegistration,
                                              issuedOn: date(day), validUntil: date("2031-01-01")), from: district.rawValue)
        }
        try hub.receive(InspectionRecorded(inspectionID: "KT-1", businessID: "TA-G1", district: tanAn, kind: .periodic,
                                           conductedOn: date("2026-10-10"), outcome: .violationsFound, findings: "Quá giờ"), from: "vhttdl")
        try hub.receive(InspectionRecorded(inspectionID: "KT-2", businessID: "BL-A1", district: benLuc, kind: .unannounced,
                                           conductedOn: date("2026-10-31"), outcome: .compliant, findings: "Tốt"), from: "vhttdl")

        func violation(_ id: String, _ business: String, _ district: AgencyID, _ category: String, _ day: String) throws {
            try hub.receive(ViolationRecorded(violationID: id, businessID: business, district: district, category: category,
                                              observedOn: date(day), evidenceRef: "BB-\(id)", description: "Vi phạm"), from: "vhttdl")
        }
        func sanction(_ id: String, _ violation: String, _ business: String, _ district: AgencyID, _ day: String, _ fine: Int64) throws {
            try hub.receive(SanctionDecided(sanctionID: id, violationID: violation, businessID: business, district: district,
                                            decisionNo: "\(id)/QĐ-XPVPHC", decidedOn: date(day), penalty: .fine, fineVND: fine), from: "vhttdl")
        }
        func payment(_ sanction: String, _ violation: String, _ amount: Int64, _ day: String, _ receipt: String) throws {
            try hub.receive(FinePaid(violationID: violation, sanctionID: sanction, amountVND: amount, paidOn: date(day), receiptRef: receipt),
                            from: "vhttdl")
        }
        // Tân An, agent: found and fined in September, paid in full on the window's first day.
        try violation("VP-0", "TA-A1", tanAn, "ND15-35-3-hours", "2026-09-20")
        try sanction("XP-0", "VP-0", "TA-A1", tanAn, "2026-09-25", 6_000_000)
        try payment("XP-0", "VP-0", 6_000_000, "2026-10-01", "BL-0")
        // Tân An, game point: found and fined in October; 4 million paid in it, 3.5 the day after it.
        try violation("VP-1", "TA-G1", tanAn, "ND15-35-3-hours", "2026-10-10")
        try sanction("XP-1", "VP-1", "TA-G1", tanAn, "2026-10-12", 7_500_000)
        try payment("XP-1", "VP-1", 4_000_000, "2026-10-20", "BL-1")
        try payment("XP-1", "VP-1", 3_500_000, "2026-11-01", "BL-2")
        // Bến Lức, agent: found, fined and partly paid on the window's last day.
        try violation("VP-2", "BL-A1", benLuc, "ND15-35-2", "2026-10-31")
        try sanction("XP-2", "VP-2", "BL-A1", benLuc, "2026-10-31", 3_000_000)
        try payment("XP-2", "VP-2", 1_000_000, "2026-10-31", "BL-3")

        // Acts of no district: a harmful game, a province-wide campaign.
        try hub.receive(GameFlagged(gameID: "G-1", name: "Trò chơi X", reasons: [.violence], flaggedOn: date("2026-10-15"), evidence: "Ảnh chụp"),
                        from: "vhttdl")
        try hub.receive(OutreachReported(campaignID: "TT-0", title: "Tuyên truyền trên báo", channel: .media, from: date("2026-10-01"),
                                         to: date("2026-10-31"), reach: 5_000), from: "so-tttt")
        // Tân An's campaign ends in the window, one ends the day before it; Bến Lức proposes training.
        try hub.receive(OutreachReported(campaignID: "TT-1", title: "Hội nghị", channel: .meetings, from: date("2026-10-01"),
                                         to: date("2026-10-01"), reach: 120, district: tanAn), from: tanAn.rawValue)
        try hub.receive(OutreachReported(campaignID: "TT-2", title: "Hội nghị", channel: .meetings, from: date("2026-09-20"),
                                         to: date("2026-09-30"), reach: 80, district: tanAn), from: tanAn.rawValue)
        try hub.receive(TrainingProposed(proposalID: "DT-1", title: "Tập huấn quản lý đại lý", audience: "Cán bộ văn hóa xã",
                                         participants: 40, proposedOn: date("2026-10-31")), from: benLuc.rawValue)
        try hub.receive(TrainingProposed(proposalID: "DT-2", title: "Tập huấn", audience: "Cán bộ", participants: 25,
                                         proposedOn: date("2026-11-01")), from: tanAn.rawValue)
        #expect(try hub.anomalies() == [])
        return hub
    }

    static func figures(_ hub: DomainFixture, _ scope: ReportScope) throws -> (PeriodicFigures, ActivityFigures) {
        try hub.database.read { db in
            (try PeriodicFigures.compute(db, window: october, rules: hub.rules, scope: scope),
             try ActivityFigures.compute(db, window: october, rules: hub.rules, scope: scope))
        }
    }

    static func movement(_ figures: PeriodicFigures, _ district: AgencyID, _ kind: BusinessKind) -> [Int]? {
        figures.businesses.first { $0.district == district.rawValue && $0.kind == kind }.map { [$0.atStart, $0.registered, $0.closed, $0.atEnd] }
    }

    @Test func theProvincesFinesCollectedCountPaymentsByTheirOwnDateWhateverTheSanctionsDate() throws {
        let (figures, activity) = try Self.figures(try Self.hub(), .province)
        #expect(figures.violations == [
            // VP-1 found, XP-1 decided 7.5 M; collected 6 M (XP-0, paid 1/10) + 4 M (XP-1, 20/10).
            ViolationFigures(district: Self.tanAn.rawValue, category: "ND15-35-3-hours", found: 1, sanctioned: 1, finesVND: 7_500_000,
                             collectedVND: 10_000_000),
            ViolationFigures(district: Self.benLuc.rawValue, category: "ND15-35-2", found: 1, sanctioned: 1, finesVND: 3_000_000,
                             collectedVND: 1_000_000),
        ], "in the province file's order: Tân An before Bến Lức")
        #expect(activity.outreach == OutreachFigures(campaigns: ["media": 1, "meetings": 1], reach: ["media": 5_000, "meetings": 120],
                                                     trainingProposals: 1, trainingParticipants: 40))
        #expect(activity.gamesFlagged == 1)
    }

    @Test func aDistrictsReportCountsOnlyThatDistrictsBusinessesAndActs() throws {
        let (figures, activity) = try Self.figures(try Self.hub(), ReportScope(district: Self.benLuc))
        #expect(Set(figures.businesses.map(\.district)) == [Self.benLuc.rawValue])
        #expect(figures.businesses.count == BusinessKind.allCases.count)
        #expect(Self.movement(figures, Self.benLuc, .internetAgent) == [0, 1, 0, 1])
        #expect(Self.movement(figures, Self.benLuc, .gamePoint) == [1, 0, 1, 0])
        #expect(activity.certificates.issued == 1)  // GCN-BL-A1; GCN-BL-G2 is of November
        #expect([activity.inspections.periodic, activity.inspections.unannounced, activity.inspections.businesses] as [Int] == [0, 1, 1])
        #expect(figures.violations.map(\.district) == [Self.benLuc.rawValue])
        #expect(figures.violations.map(\.collectedVND) == [1_000_000])
        #expect(activity.gamesFlagged == 0, "a game belongs to no district")
        #expect(activity.outreach == OutreachFigures(trainingProposals: 1, trainingParticipants: 40))
    }

    @Test func aKindsReportCountsOnlyBusinessesOfThatKindAndLeavesFiguresOfNoBusinessAlone() throws {
        let (figures, activity) = try Self.figures(try Self.hub(), ReportScope(kind: .gamePoint))
        #expect(Set(figures.businesses.map(\.kind)) == [.gamePoint])
        #expect(Self.movement(figures, Self.tanAn, .gamePoint) == [0, 1, 0, 1])
        #expect(Self.movement(figures, Self.benLuc, .gamePoint) == [1, 0, 1, 0])
        #expect(activity.certificates.issued == 1)  // GCN-TA-G1
        #expect([activity.inspections.periodic, activity.inspections.unannounced, activity.inspections.violationsFound] as [Int] == [1, 0, 1])
        // Only VP-1 (TA-G1): XP-0's payment was for an agent.
        #expect(figures.violations == [ViolationFigures(district: Self.tanAn.rawValue, category: "ND15-35-3-hours", found: 1, sanctioned: 1,
                                                        finesVND: 7_500_000, collectedVND: 4_000_000)])
        #expect(activity.gamesFlagged == 1)
        #expect(activity.outreach.totalCampaigns == 2)
    }

    @Test func theDistrictReportsAddUpToTheProvinceReportAndTheRestIsActsOfNoDistrict() throws {
        let hub = try Self.hub()
        let (province, provinceActivity) = try Self.figures(hub, .province)
        let parts = try hub.rules.districts.map { try Self.figures(hub, ReportScope(district: $0.id)) }
        #expect(parts.flatMap(\.0.businesses) == province.businesses)
        #expect(parts.flatMap(\.0.violations) == province.violations)
        let sum = { (figure: (ActivityFigures) -> Int) in parts.map { figure($0.1) }.reduce(0, +) }
        let lines: [(ActivityFigures) -> Int] = [
            { $0.certificates.issued }, { $0.certificates.expired }, { $0.inspections.periodic }, { $0.inspections.unannounced },
            { $0.inspections.businesses }, { $0.inspections.violationsFound }, { $0.outreach.trainingProposals },
            { $0.outreach.trainingParticipants },
        ]
        for line in lines { #expect(sum(line) == line(provinceActivity)) }
        // The province counts besides the game and the campaign that belong to no district.
        #expect(sum { $0.gamesFlagged } == provinceActivity.gamesFlagged - 1)
        #expect(sum { $0.outreach.totalCampaigns } == provinceActivity.outreach.totalCampaigns - 1)
        #expect(sum { $0.outreach.totalReach } == provinceActivity.outreach.totalReach - 5_000)
    }

    @Test func anAdHocReportOverADistrictKindAndTopicsNamesTheSubsetAndShowsOnlyThoseSections() throws {
        let hub = try Self.hub()
        let answer = try hub.query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31", "district": "district-ben-luc",
                                                    "kind": "public-access-point", "topic": "outreach,violations"], as: PeriodicReportAnswer.self)
        #expect(answer.scope == ReportScope(district: Self.benLuc, kind: .publicAccessPoint, topics: [.violations, .outreach]))
        #expect(answer.document.subject == "Tình hình quản lý dịch vụ Internet đối với điểm truy nhập Internet công cộng trên địa bàn huyện Bến Lức, tỉnh Long An từ ngày 01/10/2026 đến ngày 31/10/2026")
        #expect(answer.document.sections.map(\.title) == ["Kiểm tra, xử lý vi phạm", "Tuyên truyền, phổ biến, đào tạo, bồi dưỡng"])
        let captions = answer.document.sections.flatMap(\.blocks).compactMap { block -> String? in
            if case let .table(table) = block { return table.caption } else { return nil }
        }
        #expect(captions == ["Bảng 1. Vi phạm và xử phạt theo địa bàn và hành vi", "Bảng 2. Tuyên truyền, phổ biến và đào tạo"])
    }

    @Test func aDistrictsBusinessTableListsThatDistrictOnly() throws {
        let answer = try Self.hub().query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31", "district": "district-tan-an"],
                                          as: PeriodicReportAnswer.self)
        #expect(answer.document.subject.contains("trên địa bàn thành phố Tân An, tỉnh Long An"))
        guard case let .table(businesses)? = answer.document.sections.first?.blocks.first(where: { if case .table = $0 { true } else { false } })
        else { Issue.record("no business table"); return }
        #expect(businesses.rows == [["Thành phố Tân An", "1", "1", "0", "2"]])
    }

    @Test(arguments: [
        ("district", "district-x", "--district: 'district-x' is not a district of the province file; use one of district-tan-an, "),
        ("kind", "cafe", "--kind: 'cafe' is not a business kind; use one of isp, internet-agent, public-access-point, game-point"),
        ("topic", "violations,weather", "--topic: 'weather' is not a report topic; use one or more of businesses, certificates, inspections, violations, complaints, security, outreach"),
    ])
    func anUnknownDistrictKindOrTopicIsRefusedListingTheValidOnes(parameter: String, value: String, message: String) throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-10")
        #expect { _ = try hub.query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31", parameter: value], as: PeriodicReportAnswer.self) }
            throws: { ($0 as? DomainError)?.message.hasPrefix(message) == true }
    }

    @Test func tableFourShowsTheFinesCollectedAndTheOutreachTableComparesWithThePeriodsBefore() throws {
        let answer = try Self.hub().query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31"], as: PeriodicReportAnswer.self)
        let tables = answer.document.sections.flatMap(\.blocks).compactMap { block -> ReportTable? in
            if case let .table(table) = block { return table } else { return nil }
        }
        let violations = try #require(tables.first { $0.caption.hasPrefix("Bảng 4.") })
        #expect(violations.header.last == "Đã thu (đồng)")
        #expect(violations.total == ["Tổng cộng", "", "2", "2", "10.500.000", "11.000.000"])
        let outreach = try #require(tables.first { $0.caption.hasPrefix("Bảng 7.") })
        // 1–31/10 against 31 days before (31/08–30/09: TT-2 ended 30/09) and October 2025 (nothing).
        #expect(outreach.rows == [
            ["Đợt tuyên truyền, phổ biến kết thúc trong kỳ", "2", "1", "+1", "0", "+2"],
            ["Số lượt người được tiếp cận — Hội nghị, tập huấn", "120", "80", "+40", "0", "+120"],
            ["Số lượt người được tiếp cận — Báo, đài", "5.000", "0", "+5.000", "0", "+5.000"],
            ["Tổng số lượt người được tiếp cận", "5.120", "80", "+5.040", "0", "+5.120"],
            ["Đề xuất đào tạo, bồi dưỡng", "1", "0", "+1", "0", "+1"],
            ["Số người dự kiến tham gia đào tạo, bồi dưỡng", "40", "0", "+40", "0", "+40"],
        ])
    }
}

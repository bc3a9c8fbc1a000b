import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Training, outreach, school programmes and funding (Điều 3.4, 3.7, 6, 8, 9).
struct OutreachTests {
    static let tanAn = agency("district-tan-an")
    static let taiChinh = agency("tai-chinh")

    static func campaign(_ id: String, _ channel: OutreachChannel, reach: Int, district: AgencyID? = nil, to: String = "2026-11-12") -> OutreachReported {
        OutreachReported(campaignID: id, title: "Tuyên truyền \(id)", channel: channel, from: date("2026-11-10"), to: date(to), reach: reach,
                         district: district)
    }

    static func funding(_ id: String = "KP-1", purpose: FundingPurpose = .outreach, amount: Int64 = 50_000_000) -> FundingRequested {
        FundingRequested(requestID: id, purpose: purpose, amountVND: amount, fiscalYear: 2027, requestedOn: date("2026-11-10"),
                         justification: "Tuyên truyền trong trường học")
    }

    static func allocation(_ amount: Int64, requester: AgencyID = tanAn, note: String? = nil, on day: String = "2026-11-18") -> FundingAllocated {
        FundingAllocated(requestID: "KP-1", requester: requester, allocatedVND: amount, allocatedOn: date(day), decisionRef: "QĐ-12/STC", note: note)
    }

    /// Sở Tài chính's daemon holding the district's request, as the hub relays it.
    static func taiChinhWithRequest() throws -> DomainFixture {
        let tc = try DomainFixture("tai-chinh", role: .taiChinh)
        try tc.receive(funding(), from: "district-tan-an")
        return tc
    }

    @Test func aTrainingProposalGoesToTheHubOnlyAndIsMadeOnce() throws {
        let gddt = try DomainFixture("gddt", role: .gddt)
        let proposal = TrainingProposed(proposalID: "DT-1", title: "Kỹ năng an toàn mạng", audience: "Cán bộ quản lý giáo dục",
                                        participants: 120, proposedOn: date("2026-11-05"), estimatedCostVND: 80_000_000)
        #expect(try gddt.record(proposal) == [])
        #expect(throws: DomainError.self) { try gddt.record(proposal) }
        #expect(try gddt.query("training.list", as: [TrainingRow].self).map(\.estimatedCostVND) == [80_000_000])
    }

    @Test func aDistrictReportsOutreachOnlyOnItsOwnTerritory() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(throws: DomainError.self) { try district.record(Self.campaign("TT-1", .meetings, reach: 10, district: agency("district-kien-tuong"))) }
        try district.record(Self.campaign("TT-1", .meetings, reach: 10, district: Self.tanAn))
    }

    @Test func aCampaignInADistrictIsRelayedToItAndIsReportedOnceEnded() throws {
        let tinhDoan = try DomainFixture("tinh-doan", role: .tinhDoan)
        #expect(try tinhDoan.record(Self.campaign("TT-1", .youthUnion, reach: 500, district: Self.tanAn)) == [Self.tanAn])
        #expect(try tinhDoan.record(Self.campaign("TT-2", .online, reach: 500)) == [])
        #expect(throws: DomainError.self) { try tinhDoan.record(Self.campaign("TT-1", .online, reach: 1)) }
        #expect(throws: DomainError.self) { try tinhDoan.record(Self.campaign("TT-3", .online, reach: 1, to: "2026-11-21")) }
    }

    @Test func khdtAndTaiChinhDoNotReportOutreach() throws {
        let tc = try DomainFixture("tai-chinh", role: .taiChinh)
        #expect(throws: DomainError.self) { try tc.record(Self.campaign("TT-1", .media, reach: 1)) }
    }

    @Test func outreachIsTotalledByChannelAndDistrict() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.campaign("TT-1", .youthUnion, reach: 500, district: Self.tanAn), from: "tinh-doan")
        try hub.receive(Self.campaign("TT-2", .schools, reach: 300, district: Self.tanAn), from: "gddt")
        try hub.receive(Self.campaign("TT-3", .schools, reach: 200), from: "gddt")
        let summary = try hub.query("outreach.list", as: OutreachSummary.self)
        #expect(summary.totalReach == 1000)
        #expect(summary.byChannel.map { "\($0.key)=\($0.reach)" } == ["schools=500", "youth-union=500"])
        #expect(summary.byDistrict.map { "\($0.key)=\($0.campaigns)/\($0.reach)" } == ["district-tan-an=2/800", "province=1/200"])
        #expect(try hub.query("outreach.list", ["channel": "schools", "district": "district-tan-an"], as: OutreachSummary.self).totalReach == 300)
    }

    @Test func aSchoolProgrammeCannotHaveMoreRuralSchoolsThanSchools() throws {
        let gddt = try DomainFixture("gddt", role: .gddt)
        let programme = SchoolProgrammeReported(programmeID: "CT-1", title: "Internet cho học sinh vùng biên", schoolYear: "2026-2027",
                                                schools: 20, ruralSchools: 21, students: 4000, district: agency("district-vinh-hung"))
        #expect(throws: DomainError.self) { try gddt.record(programme) }
        var atTheEdge = programme
        atTheEdge.ruralSchools = 20
        #expect(try gddt.record(atTheEdge) == [agency("district-vinh-hung")])
        let summary = try gddt.query("school.list", as: SchoolProgrammeSummary.self)
        #expect(summary.schools == 20 && summary.ruralSchools == 20 && summary.students == 4000)
        #expect(throws: DomainError.self) { try gddt.record(atTheEdge) }
    }

    @Test func onlyGddtReportsSchoolProgrammes() throws {
        let tinhDoan = try DomainFixture("tinh-doan", role: .tinhDoan)
        #expect(throws: DomainError.self) {
            try tinhDoan.record(SchoolProgrammeReported(programmeID: "CT-1", title: "T", schoolYear: "2026-2027", schools: 1, ruralSchools: 0, students: 1))
        }
    }

    @Test func aFundingRequestGoesToSoTaiChinhOnly() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(try district.record(Self.funding()) == [Self.taiChinh])
        #expect(throws: DomainError.self) { try district.record(Self.funding()) }
    }

    @Test func soTaiChinhDoesNotRequestFunding() throws {
        let tc = try DomainFixture("tai-chinh", role: .taiChinh)
        #expect(throws: DomainError.self) { try tc.record(Self.funding()) }
    }

    @Test func anAllocationIsRelayedToTheRequesterAndMadeOnce() throws {
        let tc = try Self.taiChinhWithRequest()
        #expect(try tc.record(Self.allocation(40_000_000)) == [Self.tanAn])
        #expect(throws: DomainError.self) { try tc.record(Self.allocation(40_000_000)) }
        let row = try tc.query("funding.show", ["request": "KP-1"], as: FundingRow.self)
        #expect(row.status == "allocated" && row.allocatedVND == 40_000_000 && row.allocatedBy == "tai-chinh")
    }

    @Test func anAllocationNeedsTheRequestInTheAllocatorsRecordsFromItsRequester() throws {
        let tc = try DomainFixture("tai-chinh", role: .taiChinh)
        do {
            try tc.record(Self.allocation(1))
            Issue.record("allocated to an unknown request")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P41"))
        }
        try tc.receive(Self.funding(), from: "district-tan-an")
        do {
            try tc.record(Self.allocation(1, requester: agency("gddt")))
            Issue.record("allocated to the wrong requester")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P41"))
        }
    }

    @Test func allocatingMoreThanRequestedNeedsANoteSayingWhy() throws {
        let tc = try Self.taiChinhWithRequest()
        #expect(throws: DomainError.self) { try tc.record(Self.allocation(50_000_001)) }
        try tc.record(Self.allocation(55_000_000, note: "Bổ sung chi phí in ấn theo đơn giá mới"))
        #expect(try tc.query("funding.show", ["request": "KP-1"], as: FundingRow.self).allocationNote?.isEmpty == false)
    }

    @Test func allocatingExactlyTheRequestNeedsNoNote() throws {
        let tc = try Self.taiChinhWithRequest()
        try tc.record(Self.allocation(50_000_000))
    }

    @Test func anAllocationCannotPrecedeTheRequest() throws {
        let tc = try Self.taiChinhWithRequest()
        #expect(throws: DomainError.self) { try tc.record(Self.allocation(1, on: "2026-11-09")) }
    }

    @Test func theRequesterSeesTheAllocationAndTheHubTotalsByPurpose() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.record(Self.funding())
        try district.receive(Self.allocation(40_000_000), from: "tai-chinh")
        #expect(try district.query("funding.list", ["status": "allocated"], as: FundingSummary.self).allocatedVND == 40_000_000)

        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.funding(), from: "district-tan-an")
        try hub.receive(Self.funding("KP-2", purpose: .inspection, amount: 30_000_000), from: "vhttdl")
        try hub.receive(Self.funding("KP-3", purpose: .outreach, amount: 10_000_000), from: "gddt")
        try hub.receive(Self.allocation(40_000_000), from: "tai-chinh")
        let summary = try hub.query("funding.list", as: FundingSummary.self)
        #expect(summary.requestedVND == 90_000_000 && summary.allocatedVND == 40_000_000)
        #expect(summary.byPurpose.map { "\($0.purpose) \($0.requests) pending \($0.pending)" } == ["inspection 1 pending 1", "outreach 2 pending 1"])
        #expect(try hub.query("funding.list", ["status": "pending"], as: FundingSummary.self).requests.map(\.requestID).sorted() == ["KP-2", "KP-3"])
    }

    @Test func anAllocationOfAnUnknownRequestIsAnAnomalyAtTheHub() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.allocation(1), from: "tai-chinh")
        #expect(try hub.anomalies().count == 1)
    }
}

import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Funding, schools and outreach through real daemons, including Sở Tài chính's and Sở GD-ĐT's.
@Suite(.serialized)
struct OutreachWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let taiChinh = AgencyID(rawValue: "tai-chinh")!
    static let gddt = AgencyID(rawValue: "gddt")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func aDistrictsFundingRequestIsAllocatedBySoTaiChinhAndTheDistrictSeesIt() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.taiChinh)

        let request = try province.record(Self.tanAn, MessageBody(FundingRequested(
            requestID: "KP-TA-1", purpose: .inspection, amountVND: 60_000_000, fiscalYear: 2027, requestedOn: Self.date("2026-11-10"),
            justification: "Kiểm tra liên ngành các điểm trò chơi điện tử")))
        #expect(request.recipients == [.hub])
        try province.waitUntil("Sở Tài chính holds the request", timeout: 20) {
            (try? province.query(Self.taiChinh, "funding.show", ["request": "KP-TA-1"], as: FundingRow.self)) != nil
        }
        // More than requested needs a reason.
        do {
            try province.record(Self.taiChinh, MessageBody(FundingAllocated(
                requestID: "KP-TA-1", requester: Self.tanAn, allocatedVND: 70_000_000, allocatedOn: Self.date("2026-11-18"), decisionRef: "QĐ-1/STC")))
            Issue.record("allocated more than requested without a note")
        } catch let error as ControlError {
            #expect(error.description.contains("vượt số kinh phí đề nghị 60.000.000 đ"))
        }
        try province.record(Self.taiChinh, MessageBody(FundingAllocated(
            requestID: "KP-TA-1", requester: Self.tanAn, allocatedVND: 45_000_000, allocatedOn: Self.date("2026-11-18"), decisionRef: "QĐ-1/STC")))
        try province.waitUntil("the district sees the allocation", timeout: 20) {
            (try? province.query(Self.tanAn, "funding.show", ["request": "KP-TA-1"], as: FundingRow.self))?.status == "allocated"
        }
        let atDistrict = try province.query(Self.tanAn, "funding.show", ["request": "KP-TA-1"], as: FundingRow.self)
        #expect(atDistrict.allocatedVND == 45_000_000 && atDistrict.decisionRef == "QĐ-1/STC" && atDistrict.allocatedBy == "tai-chinh")
        try province.waitUntil("the hub totals the allocation", timeout: 20) {
            try province.query(.hub, "funding.list", as: FundingSummary.self).allocatedVND == 45_000_000
        }
    }

    @Test func soGddtReportsItsSchoolProgrammeOutreachAndFundingNeeds() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.gddt)
        try province.start(Self.tanAn)
        try province.start(Self.taiChinh)

        // Rural schools cannot outnumber the schools.
        do {
            try province.record(Self.gddt, MessageBody(SchoolProgrammeReported(
                programmeID: "CT-1", title: "Internet cho học sinh vùng biên", schoolYear: "2026-2027", schools: 10, ruralSchools: 11, students: 900)))
            Issue.record("more rural schools than schools")
        } catch let error as ControlError {
            #expect(error.description.contains("ruralSchools"))
        }
        try province.record(Self.gddt, MessageBody(SchoolProgrammeReported(
            programmeID: "CT-1", title: "Internet an toàn trong trường học", schoolYear: "2026-2027", schools: 12, ruralSchools: 7,
            students: 5400, district: Self.tanAn)))
        try province.record(Self.gddt, MessageBody(OutreachReported(
            campaignID: "TT-GD-1", title: "Ngày hội Internet an toàn", channel: .schools, from: Self.date("2026-11-02"),
            to: Self.date("2026-11-06"), reach: 3200, district: Self.tanAn)))
        try province.record(Self.gddt, MessageBody(FundingRequested(
            requestID: "KP-GD-1", purpose: .outreach, amountVND: 25_000_000, fiscalYear: 2027, requestedOn: Self.date("2026-11-12"),
            justification: "In tài liệu cho học sinh")))

        try province.waitUntil("the district holds the programme and the campaign on its territory", timeout: 20) {
            try province.query(Self.tanAn, "school.list", as: SchoolProgrammeSummary.self).students == 5400
                && province.query(Self.tanAn, "outreach.list", as: OutreachSummary.self).totalReach == 3200
        }
        try province.waitUntil("Sở Tài chính holds Sở GD-ĐT's request, pending", timeout: 20) {
            try province.query(Self.taiChinh, "funding.list", ["status": "pending"], as: FundingSummary.self).requests.map(\.requestID) == ["KP-GD-1"]
        }
        try province.waitUntil("the hub totals outreach by channel", timeout: 20) {
            try province.query(.hub, "outreach.list", as: OutreachSummary.self).byChannel.map(\.key) == ["schools"]
        }
        // The district did not receive the funding request: it is for Sở Tài chính only.
        #expect(try province.query(Self.tanAn, "funding.list", as: FundingSummary.self).requests.isEmpty)
    }
}

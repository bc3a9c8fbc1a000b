import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Report requests through real daemons: the hub asks a district and Công an; each daemon
/// assembles its answer from its own records; the hub tracks who answered.
@Suite(.serialized)
struct ReportingWorkflowTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func bothAddresseesAssembleAndSubmitTheirFiguresAndTheHubSeesBothAnswered() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.congAn)

        // Records of the period 2026-10-15…2026-11-14 at each agency.
        try province.record(Self.tanAn, MessageBody(BusinessRegistered(
            businessID: "TA-1", name: "Đại lý Minh Anh", kind: .internetAgent, district: Self.tanAn, address: "12 Hùng Vương",
            owner: "Nguyễn Văn An", machines: 20, registeredOn: Self.date("2026-11-03"))))
        try province.record(Self.congAn, MessageBody(IncidentReported(
            incidentID: "SC-1", district: Self.tanAn, occurredOn: Self.date("2026-11-08"), severity: .high, summary: "Mã độc")))
        try province.record(Self.congAn, MessageBody(IncidentReported(
            incidentID: "SC-2", occurredOn: Self.date("2026-11-16"), severity: .high, summary: "Sau ngày chốt số liệu")))

        // The hub computes the monthly period of November and asks both.
        let period = try province.query(.hub, "reporting.period", ["kind": "monthly", "month": "2026-11"], as: ReportPeriodAnswer.self)
        #expect("\(period.periodFrom)…\(period.periodTo) due \(period.dueOn)" == "2026-10-15…2026-11-14 due 2026-11-17")
        let request = try province.record(.hub, MessageBody(ReportRequested(
            requestID: "BC-2026-11", kind: .periodic, subject: "Báo cáo tháng 11/2026", periodFrom: period.periodFrom,
            periodTo: period.periodTo, requestedOn: Self.date("2026-11-15"), dueOn: Self.date("2026-11-25"), addressees: [Self.tanAn, Self.congAn])))
        #expect(request.recipients == [Self.tanAn, Self.congAn])

        for agency in [Self.tanAn, Self.congAn] {
            try province.waitUntil("\(agency) holds the request", timeout: 20) {
                (try? province.query(agency, "reporting.draft", ["request": "BC-2026-11"], as: ReportDraft.self)) != nil
            }
            let draft = try province.query(agency, "reporting.draft", ["request": "BC-2026-11"], as: ReportDraft.self)
            try province.record(agency, MessageBody(ReportSubmitted(
                requestID: "BC-2026-11", submittedOn: Self.date("2026-11-20"), figures: draft.figures, note: "Số liệu do hệ thống tổng hợp")))
        }
        // Answering twice is refused at the agency.
        do {
            try province.record(Self.congAn, MessageBody(ReportSubmitted(requestID: "BC-2026-11", submittedOn: Self.date("2026-11-20"), figures: [])))
            Issue.record("answered twice")
        } catch let error as ControlError {
            #expect(error.description.contains("đã gửi báo cáo theo yêu cầu BC-2026-11"))
        }

        try province.waitUntil("the hub holds both answers", timeout: 20) {
            try province.query(.hub, "reporting.status", ["request": "BC-2026-11"], as: ReportRequestStatus.self).summary.answered == 2
        }
        let status = try province.query(.hub, "reporting.status", ["request": "BC-2026-11"], as: ReportRequestStatus.self)
        #expect(status.summary.total == 2 && status.summary.late == 0)
        func figure(_ agency: AgencyID, _ key: String) -> Int64? {
            status.answers.first { $0.agency == agency.rawValue }?.figures.first { $0.key == key }?.value
        }
        #expect(figure(Self.tanAn, "district.businesses-registered") == 1)
        #expect(figure(Self.congAn, "incidents.high") == 1)
        #expect(status.answers.allSatisfy { $0.submittedOn == Self.date("2026-11-20") && $0.note != nil })
        let list = try province.query(.hub, "reporting.list", as: [ReportRequestSummary].self)
        #expect(list.map { "\($0.request.requestID) \($0.answered)/\($0.total)" } == ["BC-2026-11 2/2"])
    }
}

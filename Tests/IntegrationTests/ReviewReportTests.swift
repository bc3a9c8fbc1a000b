import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// `phoihop report review` against a running hub: a report request answered on time by one
/// agency and not at all by the other shows as exactly that in the Điều 11 review.
@Suite(.serialized)
struct ReviewReportTests {
    @Test func theReviewShowsOneAgencyAnsweringOnTimeAndTheOtherOverdue() throws {
        let province = try Province(districts: 1, today: "2026-12-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(ProvinceTests.tanAn)
        try province.start(ReportingWorkflowTests.congAn)

        try province.record(
            .hub,
            MessageBody(
                ReportRequested(
                    requestID: "BC-NHANH", kind: .adHoc, subject: "Báo cáo nhanh tháng 11",
                    periodFrom: ReportingWorkflowTests.date("2026-10-01"),
                    periodTo: ReportingWorkflowTests.date("2026-10-31"), requestedOn: ReportingWorkflowTests.date("2026-11-15"),
                    dueOn: ReportingWorkflowTests.date("2026-11-25"),
                    addressees: [ProvinceTests.tanAn, ReportingWorkflowTests.congAn])))
        try province.waitUntil("Tân An holds the request", timeout: 20) {
            (try? province.query(ProvinceTests.tanAn, "reporting.draft", ["request": "BC-NHANH"], as: ReportDraft.self)) != nil
        }
        try province.record(
            ProvinceTests.tanAn,
            MessageBody(
                ReportSubmitted(
                    requestID: "BC-NHANH", submittedOn: ReportingWorkflowTests.date("2026-11-20"), figures: [])))
        try province.waitUntil("the hub holds Tân An's answer", timeout: 20) {
            try province.query(.hub, "reporting.status", ["request": "BC-NHANH"], as: ReportRequestStatus.self).summary.answered
                == 1
        }

        let json = "\(province.directory)/so-ket.json"
        let written = try BackupTests.console(
            province,
            [
                "report", "review", "--control", province.controlPath(.hub),
                "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json", "--out", json,
            ])
        #expect(written.status == 0, "\(written.output)")
        let answer = try JSONDecoder().decode(CoordinationReviewAnswer.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        func requests(_ agency: AgencyID) -> String {
            let tally = answer.review.agencies.first { $0.agency == agency }!.tally(.reportRequest)
            return "\(tally.kept)/\(tally.late)/\(tally.overdue)/\(tally.pending)"
        }
        #expect(requests(ProvinceTests.tanAn) == "1/0/0/0")
        #expect(requests(ReportingWorkflowTests.congAn) == "0/0/1/0")
        let total = answer.review.province.tally(.reportRequest)
        #expect("\(total.kept)/\(total.late)/\(total.overdue)/\(total.pending)" == "1/0/1/0")
        #expect(
            answer.review.agencies.first { $0.agency == ReportingWorkflowTests.congAn }?.overdueNow.map(\.subjectID)
                == ["BC-NHANH@cong-an"])
        #expect(answer.document.subject.hasPrefix("Sơ kết tình hình thực hiện Quy chế phối hợp quản lý dịch vụ Internet"))
    }

    @Test func theConsoleRefusesAWindowGivenBothWays() throws {
        let province = try Province(districts: 1, today: "2026-12-20")
        let refused = try BackupTests.console(
            province,
            [
                "report", "review", "--control", province.controlPath(.hub), "--kind", "annual",
                "--month", "2026-12", "--from", "2026-01-01", "--to", "2026-12-31",
            ])
        #expect(refused.status != 0 && refused.output.contains("không dùng lẫn hai cách"), "\(refused.output)")
    }
}

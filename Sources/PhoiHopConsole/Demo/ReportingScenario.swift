import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 15–17, the monthly report of November: the hub asks, the agencies answer from their
    /// own records; Tỉnh đoàn does not answer, so the hub sees it overdue on the 30th.
    func playReporting() throws {
        let period = try queryAgency(.hub, "reporting.period", ["kind": "monthly", "month": "2026-11"], as: ReportPeriodAnswer.self)
        let answering = [Self.congAn, Self.vhttdl, Self.gddt, Self.taiChinh] + districts.prefix(2)
        let addressees = (answering + [Self.tinhDoan]).filter { departments.contains($0) || districts.contains($0) }
        print("Ngày 15: Sở TT&TT yêu cầu báo cáo tháng 11 (kỳ số liệu \(period.periodFrom.vietnameseText) – \(period.periodTo.vietnameseText), hạn nộp \(period.dueOn.vietnameseText))")
        try record(.hub, MessageBody(ReportRequested(
            requestID: "BC-2026-11", kind: .periodic, subject: "Báo cáo tình hình quản lý hoạt động Internet tháng 11/2026",
            periodFrom: period.periodFrom, periodTo: period.periodTo, requestedOn: day(15), dueOn: period.dueOn, addressees: addressees)),
            "yêu cầu báo cáo BC-2026-11 gửi \(addressees.count) đơn vị")

        print("Ngày 16–17: các đơn vị tổng hợp số liệu từ dữ liệu của mình và gửi báo cáo")
        var actsInPeriod: Int64 = 0
        for (i, agency) in answering.enumerated() where addressees.contains(agency) {
            try awaitAgency(agency, "yêu cầu báo cáo BC-2026-11") {
                (try? queryAgency(agency, "reporting.draft", ["request": "BC-2026-11"], as: ReportDraft.self)) != nil
            }
            let draft = try queryAgency(agency, "reporting.draft", ["request": "BC-2026-11"], as: ReportDraft.self)
            // Acts count by the day they took effect (act_on), not by today's recording of the month.
            let acts = draft.figures.filter { $0.key.hasPrefix("acts.") }.reduce(Int64(0)) { $0 + $1.value }
            actsInPeriod += acts
            try record(agency, MessageBody(ReportSubmitted(requestID: "BC-2026-11", submittedOn: day(16 + i % 2), figures: draft.figures)),
                       "gửi báo cáo BC-2026-11 (\(draft.figures.count) chỉ tiêu, \(acts) lượt ghi nhận trong kỳ)")
        }
        guard actsInPeriod > 0 else {
            throw ConsoleFailure("các báo cáo BC-2026-11 không có lượt ghi nhận nào trong kỳ \(period.periodFrom.vietnameseText) – \(period.periodTo.vietnameseText)")
        }
    }
}

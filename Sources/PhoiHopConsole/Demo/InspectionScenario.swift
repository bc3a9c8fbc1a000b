import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 12–27: a periodic plan, Đội 814 findings and violations, a revocation, an unannounced plan.
    func playInspections() throws {
        let inspected = Array(districts.prefix(2))
        let targets = inspected.flatMap { d in (1...3).map { "\(code(d))-\($0)" } }
        print("Ngày 12: Sở TT&TT lập kế hoạch kiểm tra định kỳ, gửi các đơn vị tham gia")
        try record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-2026-11-01", kind: .periodic, title: "Kiểm tra định kỳ đại lý Internet, điểm trò chơi tháng 11/2026",
            lead: .hub, participants: [Self.vhttdl, Self.congAn] + inspected, targets: targets, startsOn: day(14), endsOn: day(18))),
            "kế hoạch KH-2026-11-01 → \(([Self.vhttdl, Self.congAn] + inspected).map(\.rawValue).joined(separator: ", "))")
        print("Ngày 14–18: Đội 814 kiểm tra, ghi nhận vi phạm")
        let category = rules.violationCategories.first { $0.code.contains("35-3") }?.code ?? rules.violationCategories[0].code
        for (i, target) in targets.enumerated() {
            let district = inspected[i / 3]
            let violation = i % 3 == 1
            try record(Self.vhttdl, MessageBody(InspectionRecorded(
                inspectionID: "KT-\(target)", planID: "KH-2026-11-01", businessID: target, district: district, kind: .periodic,
                conductedOn: day(14 + i % 5), outcome: violation ? .violationsFound : .compliant,
                findings: violation ? "Hoạt động quá giờ quy định (sau 22 giờ)" : "Chấp hành tốt các quy định")),
                "kiểm tra \(target): \(violation ? "phát hiện vi phạm" : "chấp hành tốt")")
            if violation {
                try record(Self.vhttdl, MessageBody(ViolationRecorded(
                    violationID: "VP-\(target)", businessID: target, district: district, category: category,
                    observedOn: day(14 + i % 5), evidenceRef: "BB-814-\(target)", inspectionID: "KT-\(target)",
                    description: "Cung cấp dịch vụ trò chơi điện tử sau 22 giờ")), "vi phạm \(category) tại \(target)")
            }
        }
        if let district = inspected.first {
            print("Ngày 22: thu hồi giấy chứng nhận của điểm vi phạm")
            try record(district, MessageBody(CertificateRevoked(
                certificateNo: "GCN-\(code(district))-2", businessID: "\(code(district))-2", district: district, revokedOn: day(22),
                ground: "Vi phạm giờ hoạt động, biên bản BB-814-\(code(district))-2")), "thu hồi GCN-\(code(district))-2")
        }
        if let last = districts.last {
            print("Ngày 25: Sở TT&TT lập kế hoạch kiểm tra đột xuất (chỉ gửi đơn vị tham gia)")
            try record(.hub, MessageBody(InspectionPlanned(
                planID: "KH-2026-11-02", kind: .unannounced, title: "Kiểm tra đột xuất điểm trò chơi điện tử", lead: Self.vhttdl,
                participants: [Self.vhttdl, last], targets: ["\(code(last))-2"], startsOn: day(27), endsOn: day(27))),
                "kế hoạch đột xuất KH-2026-11-02 → vhttdl, \(last)")
        }
    }
}

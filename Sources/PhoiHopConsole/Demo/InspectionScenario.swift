import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 12–28: a periodic plan confirmed, inspected and concluded; Đội 814's violations, a fine,
    /// a suspension and a revocation by sanction; follow-ups and closures; an unannounced plan
    /// concluded by Đội 814, and a district's unannounced plan still open on the 30th.
    func playInspections() throws {
        let inspected = Array(districts.prefix(2))
        guard let first = inspected.first else { return }
        let targets = inspected.flatMap { d in (1...3).map { "\(code(d))-\($0)" } }
        let participants = [Self.vhttdl, Self.congAn] + inspected
        let businesses = districts.count * 3
        try awaitDemoState("the hub and Đội 814 hold the registry", agencies: [.hub, Self.vhttdl]) { $0.totals.businesses >= businesses }

        print("Ngày 12: Sở TT&TT lập kế hoạch kiểm tra định kỳ, gửi các đơn vị tham gia")
        try record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-2026-11-01", kind: .periodic, title: "Kiểm tra định kỳ đại lý Internet, điểm trò chơi tháng 11/2026",
            lead: .hub, participants: participants, targets: targets, startsOn: day(14), endsOn: day(18))),
            "kế hoạch KH-2026-11-01 → \(participants.map(\.rawValue).joined(separator: ", "))")
        try awaitDemoState("every participant holds plan KH-2026-11-01", agencies: participants) { $0.totals.inspectionPlans >= 1 }
        print("Ngày 13: các đơn vị xác nhận tham gia đoàn kiểm tra")
        for (i, agency) in participants.enumerated() {
            try record(agency, MessageBody(InspectionConfirmed(
                planID: "KH-2026-11-01", confirmedOn: day(13), officers: ["Cán bộ \(["Lê Văn Cường", "Phạm Thị Dung", "Võ Minh Em", "Đỗ Thị Giang"][i % 4])"])),
                "xác nhận tham gia KH-2026-11-01")
        }

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
        try awaitDemoState("the hub holds every finding of KH-2026-11-01", agencies: [.hub]) { $0.totals.inspections >= targets.count }
        print("Ngày 18: Sở TT&TT kết luận kế hoạch KH-2026-11-01, gửi các đơn vị tham gia")
        try record(.hub, MessageBody(InspectionConcluded(
            planID: "KH-2026-11-01", concludedOn: day(18),
            conclusion: "Kiểm tra \(targets.count) điểm; \(inspected.count) điểm trò chơi hoạt động quá giờ, đề nghị xử phạt theo Nghị định 15/2020/NĐ-CP")),
            "kết luận KH-2026-11-01")

        let game1 = "\(code(first))-2"
        try awaitDemoState("\(first) holds Đội 814's violation at \(game1)", agencies: [first]) { $0.totals.violations >= 1 }
        print("Ngày 20: \(first) xử phạt vi phạm giờ hoạt động tại \(game1)")
        try record(first, MessageBody(SanctionDecided(
            sanctionID: "XP-\(game1)", violationID: "VP-\(game1)", businessID: game1, district: first,
            decisionNo: "01/QĐ-XPVPHC-\(code(first))", decidedOn: day(20), penalty: .fine, fineVND: 7_500_000)),
            "phạt tiền 7.500.000 đồng (khung 5–10 triệu, Nghị định 15/2020 Điều 35 khoản 3)")
        print("Ngày 21–22: hồ sơ xin cấp giấy chứng nhận của \(game1) khai sai khoảng cách tới trường học — xử phạt và thu hồi GCN")
        try record(first, MessageBody(ViolationRecorded(
            violationID: "VP-\(game1)-HS", businessID: game1, district: first, category: "ND72-false-information",
            observedOn: day(21), evidenceRef: "BB-XM-\(game1)",
            description: "Hồ sơ khai khoảng cách tới cổng trường 250 m; đo thực tế 120 m")), "vi phạm khai báo không trung thực tại \(game1)")
        try record(first, MessageBody(SanctionDecided(
            sanctionID: "XP-\(game1)-HS", violationID: "VP-\(game1)-HS", businessID: game1, district: first,
            decisionNo: "02/QĐ-XPVPHC-\(code(first))", decidedOn: day(22), penalty: .fine, fineVND: 5_000_000,
            revokeCertificate: true, certificateNo: "GCN-\(game1)")),
            "phạt 5.000.000 đồng và thu hồi GCN-\(game1) theo quyết định xử phạt")

        if inspected.count > 1 {
            let game2 = "\(code(inspected[1]))-2"
            print("Ngày 21: Đội 814 xử phạt vi phạm tại \(game2), đình chỉ giấy chứng nhận 2 tháng")
            try record(Self.vhttdl, MessageBody(SanctionDecided(
                sanctionID: "XP-\(game2)", violationID: "VP-\(game2)", businessID: game2, district: inspected[1],
                decisionNo: "05/QĐ-XPVPHC-814", decidedOn: day(21), penalty: .fine, fineVND: 6_000_000, suspensionMonths: 2,
                certificateNo: "GCN-\(game2)")), "phạt 6.000.000 đồng, đình chỉ GCN-\(game2) đến 20/01/2027")
            try record(Self.vhttdl, MessageBody(ViolationFollowedUp(
                violationID: "VP-\(game2)", checkedOn: day(28), remedied: false, note: "Chưa nộp phạt; điểm đã ngừng hoạt động theo quyết định đình chỉ")),
                "kiểm tra khắc phục \(game2): chưa khắc phục (hồ sơ còn mở)")
        }
        let last = districts.last ?? first
        let surprise = "\(code(last))-2"
        print("Ngày 25: Sở TT&TT lập kế hoạch kiểm tra đột xuất (chỉ gửi đơn vị tham gia)")
        try record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-2026-11-02", kind: .unannounced, title: "Kiểm tra đột xuất điểm trò chơi điện tử", lead: Self.vhttdl,
            participants: [Self.vhttdl, last], targets: [surprise], startsOn: day(27), endsOn: day(27))),
            "kế hoạch đột xuất KH-2026-11-02 → vhttdl, \(last)")
        try awaitDemoState("Đội 814 holds KH-2026-11-02", agencies: [Self.vhttdl]) { $0.totals.inspectionPlans >= 2 }
        try record(Self.vhttdl, MessageBody(InspectionConfirmed(planID: "KH-2026-11-02", confirmedOn: day(26), officers: ["Lê Văn Cường"])),
                   "xác nhận KH-2026-11-02")
        try record(Self.vhttdl, MessageBody(InspectionRecorded(
            inspectionID: "KT-\(surprise)-DX", planID: "KH-2026-11-02", businessID: surprise, district: last, kind: .unannounced,
            conductedOn: day(27), outcome: .compliant, findings: "Không phát hiện vi phạm")), "kiểm tra đột xuất \(surprise): chấp hành tốt")
        try record(Self.vhttdl, MessageBody(InspectionConcluded(
            planID: "KH-2026-11-02", concludedOn: day(27), conclusion: "Điểm \(surprise) chấp hành tốt")), "kết luận KH-2026-11-02")

        let local = "\(code(last))-3"
        print("Ngày 26: \(last) lập kế hoạch kiểm tra đột xuất trên địa bàn, phối hợp Công an (đến 30/11 chưa kết luận)")
        try record(last, MessageBody(InspectionPlanned(
            planID: "KH-\(code(last))-2026-11", kind: .unannounced, title: "Kiểm tra đột xuất đại lý Internet trên địa bàn", lead: last,
            participants: [last, Self.congAn], targets: [local, "\(code(last))-1"], startsOn: day(27), endsOn: day(28))),
            "kế hoạch đột xuất KH-\(code(last))-2026-11 → cong-an")
        try record(last, MessageBody(InspectionConfirmed(planID: "KH-\(code(last))-2026-11", confirmedOn: day(26), officers: ["Trần Văn Hải"])),
                   "xác nhận KH-\(code(last))-2026-11")
        try record(last, MessageBody(InspectionRecorded(
            inspectionID: "KT-\(local)-DX", planID: "KH-\(code(last))-2026-11", businessID: local, district: last, kind: .unannounced,
            conductedOn: day(27), outcome: .compliant, findings: "Chấp hành tốt")), "kiểm tra \(local): chấp hành tốt")

        try playFinePayments(first: first, game1: game1)
        print("Ngày 26–28: \(first) kiểm tra khắc phục và kết thúc hồ sơ")
        try record(first, MessageBody(ViolationFollowedUp(
            violationID: "VP-\(game1)", checkedOn: day(26), remedied: true, note: "Đã nộp phạt; chấp hành giờ hoạt động")),
            "kiểm tra khắc phục \(game1): đã khắc phục")
        try record(first, MessageBody(ViolationClosed(violationID: "VP-\(game1)", closedOn: day(27), outcome: "Đã chấp hành quyết định xử phạt")),
                   "kết thúc hồ sơ VP-\(game1)")
        try record(first, MessageBody(ViolationClosed(violationID: "VP-\(game1)-HS", closedOn: day(28), outcome: "Đã nộp phạt; giấy chứng nhận đã thu hồi")),
                   "kết thúc hồ sơ VP-\(game1)-HS")
    }

    /// Polls the daemons of `agencies` until `condition` holds for each: a relayed act is applied
    /// asynchronously, and the next step's checks need it.
    func awaitDemoState(_ what: String, agencies: [AgencyID], timeout: TimeInterval = 30,
                        _ condition: (DaemonStatus) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        for agency in agencies {
            while !condition(try client(agency).call(ControlCommand(command: "status"), as: DaemonStatus.self)) {
                guard Date() < deadline else { throw ConsoleFailure("demo: timed out after \(Int(timeout)) s waiting until \(what) (\(agency))") }
                usleep(50_000)
            }
        }
    }
}

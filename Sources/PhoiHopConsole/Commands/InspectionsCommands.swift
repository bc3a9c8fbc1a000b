import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "Thanh tra, kiểm tra: lập kế hoạch, xác nhận tham gia, ghi kết quả, kết luận (Điều 3.3, 5.1, 10.2).",
        subcommands: [Plan.self, Confirm.self, Record.self, Conclude.self, List.self, Show.self])

    static func kind(_ text: String) throws -> InspectionKind {
        guard let kind = InspectionKind(rawValue: text) else { throw ValidationError("--kind: '\(text)' không hợp lệ; chọn periodic (định kỳ) hoặc unannounced (đột xuất)") }
        return kind
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập kế hoạch kiểm tra; chỉ gửi tới đơn vị chủ trì và các đơn vị tham gia (Sở TT&TT, Đội 814, huyện).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var id: String
        @Option(help: "Tiêu đề.") var title: String
        @Option(help: "periodic (định kỳ) hoặc unannounced (đột xuất).") var kind = "periodic"
        @Option(help: "Đơn vị chủ trì (mặc định so-tttt; huyện lập kế hoạch thì chủ trì là chính huyện).") var lead = "so-tttt"
        @Option(parsing: .upToNextOption, help: "Các đơn vị tham gia.") var participants: [String]
        @Option(parsing: .upToNextOption, help: "Các điểm kinh doanh được kiểm tra.") var targets: [String]
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String

        func run() throws {
            try recordAct(options, MessageBody(InspectionPlanned(
                planID: id, kind: try InspectionCommand.kind(kind), title: title, lead: try agencyID(lead, "--lead"),
                participants: try participants.map { try agencyID($0, "--participants") }, targets: targets,
                startsOn: try parseDate(from, "--from"), endsOn: try parseDate(to, "--to"))))
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xác nhận đơn vị tham gia đoàn kiểm tra và cử cán bộ.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var plan: String
        @Option(parsing: .upToNextOption, help: "Họ tên cán bộ tham gia.") var officers: [String]
        @Option(help: "Ngày xác nhận YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(InspectionConfirmed(planID: plan, confirmedOn: try parseDate(on, "--on"), officers: officers)))
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi kết quả kiểm tra một điểm kinh doanh (theo kế hoạch, hoặc kiểm tra độc lập nếu không có --plan).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã lượt kiểm tra.") var id: String
        @Option(help: "Mã kế hoạch (nếu có).") var plan: String?
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "periodic hoặc unannounced.") var kind = "periodic"
        @Option(help: "compliant hoặc violations-found.") var outcome = "compliant"
        @Option(help: "Nội dung biên bản.") var findings: String
        @Option(help: "Ngày kiểm tra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let outcome = InspectionOutcome(rawValue: outcome) else {
                throw ValidationError("--outcome: '\(outcome)' không hợp lệ; chọn compliant (chấp hành tốt) hoặc violations-found (phát hiện vi phạm)")
            }
            try recordAct(options, MessageBody(InspectionRecorded(
                inspectionID: id, planID: plan, businessID: business, district: try agencyID(district, "--district"),
                kind: try InspectionCommand.kind(kind), conductedOn: try parseDate(on, "--on"), outcome: outcome, findings: findings)))
        }
    }

    struct Conclude: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kết luận kiểm tra (đơn vị chủ trì); trước ngày kết thúc kế hoạch, mọi điểm phải có kết quả.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var plan: String
        @Option(help: "Nội dung kết luận.") var conclusion: String
        @Option(help: "Ngày kết luận YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(InspectionConcluded(planID: plan, concludedOn: try parseDate(on, "--on"), conclusion: conclusion)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách kế hoạch kiểm tra, còn thiếu xác nhận và kết quả.")
        @OptionGroup var options: ControlOptions
        @Option(help: "open (chưa kết luận), concluded hoặc all.") var status = "all"
        @Option(help: "periodic hoặc unannounced.") var kind: String?
        @Option(help: "Đơn vị chủ trì.") var lead: String?

        func run() throws {
            var parameters = ["status": status]
            if let kind { parameters["kind"] = kind }
            if let lead { parameters["lead"] = lead }
            let plans = try queryDaemon(options, "inspection.list", parameters, as: [InspectionPlanRow].self)
            options.emit(plans) {
                var table = Table(["Kế hoạch", "Loại", "Chủ trì", "Từ ngày", "Đến ngày", "Trạng thái", "Chưa xác nhận", "Điểm", "Chưa có kết quả"],
                                  rightAligned: [7])
                for plan in plans {
                    let state = plan.status == "open" ? (plan.overdue ? "Quá hạn" : "Đang thực hiện") : "Đã kết luận \(plan.concludedOn.map(vnDate) ?? "")"
                    table.add([plan.planID, InspectionKind(rawValue: plan.kind)?.vietnameseName ?? plan.kind, plan.lead, plan.startsOn,
                               plan.endsOn, state, plan.missingConfirmations.joined(separator: ", "), "\(plan.targets)",
                               plan.missingTargets.joined(separator: ", ")])
                }
                print(table.render())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Toàn bộ một kế hoạch: xác nhận, kết quả từng điểm, kết luận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var plan: String

        func run() throws {
            let detail = try queryDaemon(options, "inspection.show", ["plan": plan], as: InspectionPlanDetail.self)
            options.emit(detail) {
                let p = detail.plan
                print("Kế hoạch \(p.planID) — \(p.title)")
                print("Loại: \(InspectionKind(rawValue: p.kind)?.vietnameseName ?? p.kind); chủ trì: \(p.lead); từ \(vnDate(p.startsOn)) đến \(vnDate(p.endsOn))")
                print("Tham gia: \(p.participants.joined(separator: ", ")); lập bởi: \(detail.plannedBy ?? "—")")
                print("")
                var confirmations = Table(["Đơn vị xác nhận", "Ngày", "Cán bộ"])
                for c in detail.confirmations { confirmations.add([c.agency, c.confirmedOn, c.officers]) }
                print(confirmations.render())
                if !p.missingConfirmations.isEmpty { print("Chưa xác nhận: \(p.missingConfirmations.joined(separator: ", "))") }
                print("")
                var targets = Table(["Điểm kinh doanh", "Đã kiểm tra", "Chưa có kết quả của"])
                for t in detail.targets { targets.add([t.businessID, t.inspectedBy.joined(separator: ", "), t.notYetBy.joined(separator: ", ")]) }
                print(targets.render())
                print("")
                var findings = Table(["Lượt kiểm tra", "Điểm", "Ngày", "Kết quả", "Đơn vị", "Biên bản"])
                for f in detail.findings {
                    findings.add([f.inspectionID, f.businessID, f.conductedOn, InspectionOutcome(rawValue: f.outcome)?.vietnameseName ?? f.outcome,
                                  f.recordedBy, f.findings])
                }
                print(findings.render())
                print("")
                if let concluded = p.concludedOn {
                    print("Kết luận ngày \(vnDate(concluded)): \(detail.conclusion ?? "")")
                    if !p.missingTargets.isEmpty { print("Kết luận khi còn thiếu kết quả tại: \(p.missingTargets.joined(separator: ", "))") }
                } else {
                    print(p.overdue ? "Chưa kết luận — đã quá ngày kết thúc kế hoạch" : "Chưa kết luận")
                }
            }
        }
    }
}

/// A `YYYY-MM-DD` from a daemon's answer as Vietnamese documents write it (22/11/2026).
private func vnDate(_ iso: String) -> String { (try? CivilDate(parsing: iso))?.vietnameseText ?? iso }

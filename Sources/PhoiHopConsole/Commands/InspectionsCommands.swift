import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection", abstract: "Kiểm tra: lập kế hoạch (hub), ghi kết quả.", subcommands: [Plan.self, Record.self])

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập kế hoạch kiểm tra và gửi tới các đơn vị tham gia (hub operator).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var id: String
        @Option(help: "Tiêu đề.") var title: String
        @Option(help: "periodic hoặc unannounced.") var kind = "periodic"
        @Option(help: "Đơn vị chủ trì.") var lead = "so-tttt"
        @Option(parsing: .upToNextOption, help: "Các đơn vị tham gia.") var participants: [String]
        @Option(parsing: .upToNextOption, help: "Các điểm kinh doanh được kiểm tra.") var targets: [String]
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String

        func run() throws {
            guard let kind = InspectionKind(rawValue: kind) else { throw ValidationError("--kind: use periodic or unannounced") }
            try recordAct(options, MessageBody(InspectionPlanned(
                planID: id, kind: kind, title: title, lead: try agencyID(lead, "--lead"),
                participants: try participants.map { try agencyID($0, "--participants") }, targets: targets,
                startsOn: try parseDate(from, "--from"), endsOn: try parseDate(to, "--to"))))
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi kết quả kiểm tra một điểm kinh doanh.")
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
            guard let kind = InspectionKind(rawValue: kind) else { throw ValidationError("--kind: use periodic or unannounced") }
            guard let outcome = InspectionOutcome(rawValue: outcome) else { throw ValidationError("--outcome: use compliant or violations-found") }
            try recordAct(options, MessageBody(InspectionRecorded(
                inspectionID: id, planID: plan, businessID: business, district: try agencyID(district, "--district"), kind: kind,
                conductedOn: try parseDate(on, "--on"), outcome: outcome, findings: findings)))
        }
    }
}

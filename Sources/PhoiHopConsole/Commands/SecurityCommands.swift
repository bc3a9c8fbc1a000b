import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

/// The date an act is dated: `--on` when given, else the daemon's today (its drill date under
/// `PHOIHOP_TODAY`), so an act is never dated after the day its daemon counts from.
func dateOrDaemonToday(_ text: String?, _ option: String, _ options: ControlOptions) throws -> CivilDate {
    if text != nil { return try parseDate(text, option) }
    return try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self).today ?? today()
}

func incidentSeverity(_ text: String, _ option: String) throws -> IncidentSeverity {
    guard let value = IncidentSeverity(rawValue: text) else {
        throw ValidationError("\(option): '\(text)' không phải một trong các mức \(IncidentSeverity.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Sự cố an ninh thông tin (Công an, Sở TT&TT, Điều 4.2).", subcommands: [Report.self, List.self, Show.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo một sự cố an ninh thông tin.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã sự cố.") var id: String
        @Option(help: "Địa bàn (district id), nếu có.") var district: String?
        @Option(help: "Mức độ: low, medium, high, critical.") var severity = "medium"
        @Option(help: "Tóm tắt.") var summary: String
        @Option(help: "Mã điểm kinh doanh hoặc doanh nghiệp bị ảnh hưởng (phải có trong sổ đăng ký của đơn vị).") var business: String?
        @Option(help: "Biện pháp đã áp dụng.") var measures: String?
        @Option(help: "Ngày xảy ra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(IncidentReported(
                incidentID: id, district: try district.map { try agencyID($0, "--district") }, occurredOn: try dateOrDaemonToday(on, "--on", options),
                severity: try incidentSeverity(severity, "--severity"), summary: summary, affectedBusinessID: business, measures: measures)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách sự cố và số sự cố theo mức độ.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ mức độ này.") var severity: String?
        @Option(help: "Chỉ địa bàn này (district id).") var district: String?
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String?
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let severity { parameters["severity"] = try incidentSeverity(severity, "--severity").rawValue }
            if let district { parameters["district"] = district }
            if let from { parameters["from"] = from }
            if let to { parameters["to"] = to }
            let incidents = try queryDaemon(options, "incident.list", parameters, as: [IncidentRow].self)
            let counts = try queryDaemon(options, "incident.counts", parameters, as: [SeverityCount].self)
            struct Answer: Codable { var incidents: [IncidentRow]; var counts: [SeverityCount] }
            options.emit(Answer(incidents: incidents, counts: counts)) {
                guard !incidents.isEmpty else { return print("Không có sự cố nào.") }
                var table = Table(["Mã", "Ngày", "Mức độ", "Địa bàn", "Điểm KD", "Báo cáo bởi", "Tóm tắt"])
                for i in incidents {
                    table.add([i.incidentID, i.occurredOn, i.severityName, i.district ?? "—", i.affectedBusiness ?? "—", i.reportedBy, i.summary])
                }
                print(table.render())
                print("\nTheo mức độ: " + counts.map { "\($0.severityName) \($0.count)" }.joined(separator: ", ") + " — tổng \(incidents.count)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chi tiết một sự cố.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã sự cố.") var id: String

        func run() throws {
            let i = try queryDaemon(options, "incident.show", ["id": id], as: IncidentRow.self)
            options.emit(i) {
                print("Sự cố \(i.incidentID) — \(i.severityName), ngày \(i.occurredOn), báo cáo bởi \(i.reportedBy)")
                print("Địa bàn: \(i.district ?? "—"); điểm kinh doanh bị ảnh hưởng: \(i.affectedBusiness ?? "—")")
                print("Tóm tắt: \(i.summary)")
                print("Biện pháp: \(i.measures ?? "—")")
            }
        }
    }
}

struct AdvisoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advisory", abstract: "Cảnh báo an ninh thông tin (Công an, Sở TT&TT, Điều 4.1).", subcommands: [Issue.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Phát hành cảnh báo tới mọi cơ quan, đơn vị trong tỉnh.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã cảnh báo.") var id: String
        @Option(help: "Mức độ: low, medium, high, critical.") var severity = "medium"
        @Option(help: "Tiêu đề.") var title: String
        @Option(help: "Nội dung khuyến cáo, việc cần làm.") var advice: String
        @Option(help: "Ngày phát hành YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(SecurityAdvisory(
                advisoryID: id, issuedOn: try dateOrDaemonToday(on, "--on", options), severity: try incidentSeverity(severity, "--severity"),
                title: title, advice: advice)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các cảnh báo an ninh thông tin đã nhận hoặc phát hành.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ mức độ này.") var severity: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let severity { parameters["severity"] = try incidentSeverity(severity, "--severity").rawValue }
            let rows = try queryDaemon(options, "advisory.list", parameters, as: [AdvisoryRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có cảnh báo nào.") }
                var table = Table(["Mã", "Ngày", "Mức độ", "Phát hành bởi", "Tiêu đề", "Khuyến cáo"])
                for a in rows { table.add([a.advisoryID, a.issuedOn, a.severityName, a.issuedBy, a.title, a.advice]) }
                print(table.render())
            }
        }
    }
}

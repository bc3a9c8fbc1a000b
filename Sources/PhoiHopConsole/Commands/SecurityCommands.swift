import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incident", abstract: "Sự cố an ninh thông tin (Công an).", subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo một sự cố an ninh thông tin.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã sự cố.") var id: String
        @Option(help: "Địa bàn (district id), nếu có.") var district: String?
        @Option(help: "Mức độ: low, medium, high, critical.") var severity = "medium"
        @Option(help: "Tóm tắt.") var summary: String
        @Option(help: "Ngày xảy ra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let severity = IncidentSeverity(rawValue: severity) else { throw ValidationError("--severity: use low, medium, high or critical") }
            try recordAct(options, MessageBody(IncidentReported(
                incidentID: id, district: try district.map { try agencyID($0, "--district") }, occurredOn: try parseDate(on, "--on"),
                severity: severity, summary: summary)))
        }
    }
}

struct AdvisoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "advisory", abstract: "Cảnh báo an ninh thông tin (Công an, Sở TT&TT, Điều 4.1).", subcommands: [])
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "violation", abstract: "Vi phạm.", subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi nhận một hành vi vi phạm (danh mục: config/rules/violation-categories.yaml).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var id: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "Mã danh mục vi phạm.") var category: String
        @Option(help: "Số biên bản / chứng cứ.") var evidence: String
        @Option(help: "Mã lượt kiểm tra (nếu có).") var inspection: String?
        @Option(help: "Mô tả.") var description: String
        @Option(help: "Ngày phát hiện YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(ViolationRecorded(
                violationID: id, businessID: business, district: try agencyID(district, "--district"), category: category,
                observedOn: try parseDate(on, "--on"), evidenceRef: evidence, inspectionID: inspection, description: description)))
        }
    }
}

import ArgumentParser
import Foundation
import PhoiHopDomain
import PhoiHopReports

extension CompiledReportAnswer: ReportOutput.Answer {}
extension AgencyReportSection: ReportOutput.Answer {}

extension ReportCommand {
    /// `phoihop report compiled`: the hub's compilation of the answers to one report request —
    /// who answered and when, the province's figures summed over the answers, each agency's
    /// answer — in the Decree 30/2020 form.
    struct Compiled: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo cáo tổng hợp theo một yêu cầu báo cáo: đơn vị nào đã gửi, đúng hạn hay trễ, số liệu toàn tỉnh và báo cáo của từng đơn vị.",
            discussion: "Chỉ Sở TT&TT có báo cáo của mọi đơn vị. Số liệu toàn tỉnh là tổng của các đơn vị đã gửi; đơn vị chưa gửi không được tính.")

        @OptionGroup var options: ControlOptions
        @Option(help: "Mã yêu cầu báo cáo (xem: phoihop reporting list).") var request: String
        @Option(help: "Định dạng: html, md, json, csv.") var format = "md"
        @Option(help: "Ghi ra tệp (với csv: thư mục, mỗi bảng một tệp) thay cho màn hình.") var out: String?

        func validate() throws { try ReportOutput.validate(format: format, out: out) }

        func run() throws {
            let answer = try queryDaemon(options, "report.compiled", ["request": request], as: CompiledReportAnswer.self)
            try ReportOutput.write(answer, format: format, out: out)
        }
    }
}

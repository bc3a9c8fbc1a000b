import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

extension ReportCommand {
    /// `phoihop report issue`: the hub computes the periodic report now and stores it with the
    /// state it came from, numbered as its configuration says (`reports.numbering`).
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập và lưu báo cáo định kỳ ngay bây giờ (đánh số theo cấu hình), kèm trạng thái dữ liệu đã dùng để lập.")

        @OptionGroup var options: ControlOptions
        @Option(help: "Kỳ báo cáo: monthly, quarterly, six-month, nine-month, annual.") var kind = "quarterly"
        @Option(help: "Tháng kết thúc kỳ, YYYY-MM (ví dụ 2026-12 cho quý IV năm 2026).") var month: String

        func run() throws {
            let report = try callDaemon(options, ControlCommand(command: "report-issue", parameters: ["kind": kind, "month": month]),
                                        as: IssuedReport.self)
            options.emit(report) {
                print("Đã lưu báo cáo số lưu trữ \(report.id): Số \(report.numberAndSymbol), kỳ \(Archive.period(report)), "
                      + "ngày \(VietnameseFormat.day(report.issuedOn.description)), vị trí nhật ký \(report.logPosition), "
                      + "SHA-256 \(report.documentSHA256.prefix(16))…")
            }
        }
    }

    /// `phoihop report archive`: the hub's stored reports — list, show one as stored, verify one
    /// against the audit log.
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Các báo cáo đã lưu: xem danh sách, xem nguyên văn, đối chiếu với nhật ký.",
            subcommands: [List.self, Show.self, Verify.self], defaultSubcommand: List.self)

        /// "tháng 11 năm 2026 (15/10/2026–14/11/2026)".
        static func period(_ report: IssuedReport) -> String {
            "\(report.periodName) (\(VietnameseFormat.day(report.periodFrom.description))–\(VietnameseFormat.day(report.periodTo.description)))"
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Danh sách các báo cáo đã lưu.")
            @OptionGroup var options: ControlOptions

            func run() throws {
                let reports = try queryDaemon(options, "report.archive.list", as: [IssuedReport].self)
                options.emit(reports) {
                    guard !reports.isEmpty else { return print("Chưa lưu báo cáo nào.") }
                    var table = Table(["Số lưu trữ", "Số, ký hiệu", "Kỳ", "Ngày", "Lập", "Vị trí nhật ký", "Mã băm"], rightAligned: [0, 5])
                    for report in reports {
                        table.add(["\(report.id)", report.numberAndSymbol, period(report),
                                   VietnameseFormat.day(report.issuedOn.description), report.trigger == "schedule" ? "theo lịch" : "theo yêu cầu",
                                   "\(report.logPosition)", String(report.documentSHA256.prefix(16))])
                    }
                    print(table.render())
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Một báo cáo đã lưu, nguyên văn như khi lập.")
            @OptionGroup var options: ControlOptions
            @Option(help: "Số lưu trữ của báo cáo (cột đầu của 'phoihop report archive list').") var id: Int
            @Option(help: "Định dạng: html, md, json, csv (html và json: đúng từng byte như đã lưu).") var format = "html"
            @Option(help: "Ghi ra tệp (với csv: thư mục, mỗi bảng một tệp) thay cho màn hình.") var out: String?

            func validate() throws { try ReportOutput.validate(format: format, out: out) }

            func run() throws {
                let stored = try queryDaemon(options, "report.archive.show", ["id": "\(id)"], as: ArchivedReport.self)
                switch format {
                case "html": try ReportOutput.emit(Array(stored.html.utf8), out: out)
                case "json": try ReportOutput.emit(Array(stored.answerJSON.utf8), out: out)
                default:
                    let answer = try JSONDecoder().decode(PeriodicReportAnswer.self, from: Data(stored.answerJSON.utf8))
                    try ReportOutput.write(answer, format: format, out: out)
                }
            }
        }

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Tính lại một báo cáo đã lưu từ nhật ký (đến đúng vị trí đã lưu) và đối chiếu; mã thoát khác 0 nếu không khớp.")
            @OptionGroup var options: ControlOptions
            @Option(help: "Số lưu trữ của báo cáo.") var id: Int

            func run() throws {
                let result = try queryDaemon(options, "report.archive.verify", ["id": "\(id)"], as: ArchiveVerification.self)
                options.emit(result) {
                    let report = result.report
                    print("Báo cáo số lưu trữ \(report.id) (Số \(report.numberAndSymbol), kỳ \(period(report))): \(result.matches ? "khớp" : "không khớp")")
                    print("  Chuỗi nhật ký tại vị trí \(report.logPosition): \(result.chainMatches ? "khớp" : "không khớp") (\(result.recomputedChainHead.prefix(16))…)")
                    print("  Văn bản tính lại: \(result.documentMatches ? "khớp" : "không khớp") (SHA-256 \(result.recomputedSHA256.map { String($0.prefix(16)) + "…" } ?? "—"))")
                    print("  Số liệu tính lại: \(result.answerMatches ? "khớp" : "không khớp")")
                    for problem in result.problems { print("  - \(problem)") }
                }
                if !result.matches { throw ExitCode(1) }
            }
        }
    }
}

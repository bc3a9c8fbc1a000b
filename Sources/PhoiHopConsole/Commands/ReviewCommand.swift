import ArgumentParser
import PhoiHopDomain

extension ReportCommand {
    /// `phoihop report review`: the Điều 11 review (sơ kết, or tổng kết for a year) of how the
    /// agencies kept the coordination rules over a report period or any window, in the Decree
    /// 30/2020 form, as HTML, Markdown, JSON or CSV.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Sơ kết, tổng kết tình hình thực hiện Quy chế phối hợp (Điều 11 Quyết định 52/2009/QĐ-UBND): theo đơn vị, việc đúng hạn, trễ hạn, quá hạn, gửi kết quả kiểm tra, trao đổi thông điệp.",
            discussion:
                "Theo kỳ báo cáo: --kind quarterly --month 2026-12 (annual: tổng kết năm). Theo khoảng ngày bất kỳ: --from 2026-01-01 --to 2026-06-30."
        )

        @OptionGroup var options: ControlOptions
        @Option(help: "Kỳ báo cáo: monthly, quarterly, six-month, nine-month, annual (cùng với --month).") var kind: String?
        @Option(help: "Tháng kết thúc kỳ, YYYY-MM (cùng với --kind).") var month: String?
        @Option(help: "Ngày đầu, YYYY-MM-DD (cùng với --to, thay cho --kind/--month).") var from: String?
        @Option(help: "Ngày cuối (tính cả ngày này), YYYY-MM-DD.") var to: String?
        @Option(help: "Định dạng: html, md, json, csv.") var format = "md"
        @Option(help: "Ghi ra tệp (với csv: thư mục, mỗi bảng một tệp) thay cho màn hình.") var out: String?

        func validate() throws {
            try ReportOutput.validate(format: format, out: out)
            let byPeriod = kind != nil || month != nil, byDays = from != nil || to != nil
            if byPeriod && byDays {
                throw ValidationError(
                    "cần --kind và --month (một kỳ báo cáo), hoặc --from và --to (khoảng ngày bất kỳ), không dùng lẫn hai cách")
            }
            if byPeriod, kind == nil || month == nil {
                throw ValidationError(
                    "--kind và --month đi cùng nhau: thêm \(kind == nil ? "--kind (monthly, quarterly, six-month, nine-month, annual)" : "--month YYYY-MM")"
                )
            }
            if byDays, from == nil || to == nil {
                throw ValidationError("--from và --to đi cùng nhau: thêm \(from == nil ? "--from" : "--to") YYYY-MM-DD")
            }
            if !byPeriod && !byDays {
                throw ValidationError(
                    "cần --kind và --month (ví dụ --kind annual --month 2026-12), hoặc --from và --to (YYYY-MM-DD)")
            }
        }

        func run() throws {
            let parameters = ["kind": kind, "month": month, "from": from, "to": to].compactMapValues { $0 }
            let answer = try queryDaemon(options, "report.review", parameters, as: CoordinationReviewAnswer.self)
            try ReportOutput.write(answer, format: format, out: out)
        }
    }
}

extension CoordinationReviewAnswer: ReportOutput.Answer {}

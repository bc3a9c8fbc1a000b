import ArgumentParser
import Foundation
import PhoiHopDomain
import PhoiHopReports

extension ReportCommand {
    /// `phoihop report periodic`: the hub's periodic report on Internet service activity, in the
    /// Decree 30/2020 form, as HTML (A4, to print or open in a browser), Markdown, JSON or CSV.
    struct Periodic: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo cáo định kỳ về tình hình quản lý dịch vụ Internet (tháng, quý, 6 tháng, 9 tháng, năm) theo mẫu Nghị định 30/2020/NĐ-CP.")

        @OptionGroup var options: ControlOptions
        @Option(help: "Kỳ báo cáo: monthly, quarterly, six-month, nine-month, annual.") var kind = "quarterly"
        @Option(help: "Tháng kết thúc kỳ, YYYY-MM (ví dụ 2026-12 cho quý IV năm 2026).") var month: String
        @Option(help: "Định dạng: html, md, json, csv.") var format = "md"
        @Option(help: "Ghi ra tệp (với csv: thư mục, mỗi bảng một tệp) thay cho màn hình.") var out: String?

        func validate() throws { try ReportOutput.validate(format: format, out: out) }

        func run() throws {
            let answer = try queryDaemon(options, "report.periodic", ["kind": kind, "month": month], as: PeriodicReportAnswer.self)
            try ReportOutput.write(answer, format: format, out: out)
        }
    }
}

extension ReportCommand {
    /// `phoihop report adhoc`: the same report over any window (báo cáo đột xuất), compared with
    /// the window of the same length just before and the same window a year earlier.
    struct AdHoc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adhoc",
            abstract: "Báo cáo đột xuất về tình hình quản lý dịch vụ Internet trong khoảng ngày bất kỳ, theo mẫu Nghị định 30/2020/NĐ-CP.")

        @OptionGroup var options: ControlOptions
        @Option(help: "Ngày đầu, YYYY-MM-DD.") var from: String
        @Option(help: "Ngày cuối (tính cả ngày này), YYYY-MM-DD.") var to: String
        @OptionGroup var subset: ReportSubsetOptions
        @Option(help: "Định dạng: html, md, json, csv.") var format = "md"
        @Option(help: "Ghi ra tệp (với csv: thư mục, mỗi bảng một tệp) thay cho màn hình.") var out: String?

        func validate() throws { try ReportOutput.validate(format: format, out: out) }

        func run() throws {
            let answer = try queryDaemon(options, "report.adhoc", ["from": from, "to": to].merging(subset.parameters) { $1 },
                                         as: PeriodicReportAnswer.self)
            try ReportOutput.write(answer, format: format, out: out)
        }
    }
}

/// Where a report goes: the screen or a file, in the format asked for.
enum ReportOutput {
    /// An answer that carries its official document; JSON output is the whole answer.
    protocol Answer: Encodable { var document: OfficialDocument { get } }

    static func validate(format: String, out: String?) throws {
        guard ["html", "md", "json", "csv"].contains(format) else {
            throw ValidationError("--format: '\(format)' không phải html, md, json hoặc csv")
        }
        if format == "csv", out == nil { throw ValidationError("--format csv cần --out THƯ_MỤC (mỗi bảng một tệp .csv)") }
    }

    static func write(_ answer: some Answer, format: String, out: String?) throws {
        if format == "csv", let out { return try writeTables(answer.document, into: out) }
        let bytes: [UInt8]
        switch format {
        case "html": bytes = Array(answer.document.renderHTML().utf8)
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            bytes = Array(try encoder.encode(answer)) + [0x0A]
        default: bytes = Array(answer.document.renderMarkdown().utf8)
        }
        try emit(bytes, out: out)
    }

    /// Writes `bytes` as they are to the file `out`, or to the screen.
    static func emit(_ bytes: [UInt8], out: String?) throws {
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else { throw ConsoleFailure("không ghi được tệp \(out)") }
            print("Đã ghi báo cáo vào \(out)")
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// Every table of the document as its own CSV file (UTF-8 with BOM), named by its number.
    static func writeTables(_ document: OfficialDocument, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for table in document.tables {
            let path = "\(directory)/bang-\(written.count + 1).csv"
            guard FileManager.default.createFile(atPath: path, contents: Data(table.csv)) else { throw ConsoleFailure("không ghi được tệp \(path)") }
            written.append(path)
        }
        print("Đã ghi \(written.count) bảng: \(written.joined(separator: ", "))")
    }
}

extension PeriodicReportAnswer: ReportOutput.Answer {}

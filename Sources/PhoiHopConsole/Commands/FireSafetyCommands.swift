import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct FireSafetyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fire-safety", abstract: "Phòng cháy, chữa cháy: hướng dẫn, kiểm tra (Công an, Điều 4.3).",
        subcommands: [Guidance.self, Check.self, List.self, Checks.self])

    struct Guidance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ban hành hướng dẫn PCCC; gửi tới mọi huyện để phổ biến cho các điểm kinh doanh.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã hướng dẫn.") var id: String
        @Option(help: "Tiêu đề.") var title: String
        @Option(help: "Số, ký hiệu văn bản.") var document: String
        @Option(parsing: .upToNextOption, help: "Đối tượng: isp, internet-agent, public-access-point, game-point.") var audience: [String]
        @Option(help: "Tóm tắt nội dung.") var summary: String
        @Option(help: "Ngày ban hành YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            let kinds = try audience.map { text in
                guard let kind = BusinessKind(rawValue: text) else {
                    throw ValidationError("--audience: '\(text)' không hợp lệ; chọn trong: \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return kind
            }
            try recordAct(options, MessageBody(FireSafetyGuidance(
                guidanceID: id, issuedOn: try parseDate(on, "--on"), title: title, documentRef: document, audience: kinds, summary: summary)))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi kết quả kiểm tra PCCC một điểm kinh doanh; gửi tới huyện sở tại.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã lượt kiểm tra.") var id: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "passed (đạt) hoặc failed (không đạt).") var result = "passed"
        @Option(help: "Các thiếu sót (bắt buộc khi không đạt).") var deficiencies: String?
        @Option(help: "Ngày kiểm tra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let result = FireSafetyResult(rawValue: result) else { throw ValidationError("--result: '\(result)' không hợp lệ; chọn passed (đạt) hoặc failed (không đạt)") }
            try recordAct(options, MessageBody(FireSafetyChecked(
                checkID: id, businessID: business, district: try agencyID(district, "--district"), checkedOn: try parseDate(on, "--on"),
                result: result, deficiencies: deficiencies)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các hướng dẫn PCCC đã ban hành.")
        @OptionGroup var options: ControlOptions

        func run() throws {
            let rows = try queryDaemon(options, "fire-safety.list", as: [FireSafetyGuidanceRow].self)
            options.emit(rows) {
                var table = Table(["Mã", "Ngày", "Văn bản", "Tiêu đề", "Đối tượng"])
                for row in rows {
                    let audience = row.audience.map { BusinessKind(rawValue: $0)?.vietnameseName ?? $0 }.joined(separator: "; ")
                    table.add([row.guidanceID, row.issuedOn, row.documentRef, row.title, audience])
                }
                print(table.render())
            }
        }
    }

    struct Checks: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các lượt kiểm tra PCCC, hoặc tổng hợp theo huyện (--by-district).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Lọc theo huyện (district id).") var district: String?
        @Option(help: "passed hoặc failed.") var result: String?
        @Flag(help: "Tổng hợp số lượt đạt / không đạt theo huyện.") var byDistrict = false

        func run() throws {
            if byDistrict {
                let rows = try queryDaemon(options, "fire-safety.districts", as: [FireSafetyDistrictRow].self)
                options.emit(rows) {
                    var table = Table(["Huyện", "Số lượt", "Đạt", "Không đạt"], rightAligned: [1, 2, 3])
                    for row in rows { table.add([ViolationCommand.districtText(row.district, row.districtName), "\(row.checks)", "\(row.passed)", "\(row.failed)"]) }
                    print(table.render())
                }
                return
            }
            var parameters: [String: String] = [:]
            if let district { parameters["district"] = district }
            if let result { parameters["result"] = result }
            let rows = try queryDaemon(options, "fire-safety.checks", parameters, as: [FireSafetyCheckRow].self)
            options.emit(rows) {
                var table = Table(["Mã", "Điểm", "Huyện", "Ngày", "Kết quả", "Thiếu sót"])
                for row in rows {
                    table.add([row.checkID, row.businessID, ViolationCommand.districtText(row.district, row.districtName), row.checkedOn,
                               FireSafetyResult(rawValue: row.result)?.vietnameseName ?? row.result, row.deficiencies ?? ""])
                }
                print(table.render())
            }
        }
    }
}

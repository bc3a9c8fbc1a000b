import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

/// `phoihop history --business ID`: every act about one business, across agencies, in order.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Lịch sử đầy đủ của một điểm kinh doanh qua các cơ quan (đăng ký, giấy chứng nhận, kiểm tra, vi phạm, xử phạt…).")
    @OptionGroup var options: ControlOptions
    @Option(help: "Mã điểm kinh doanh.") var business: String

    func run() throws {
        let entries = try queryDaemon(options, "business.history", ["business": business], as: [ActEntry].self)
        options.emit(entries) {
            guard !entries.isEmpty else { return print("Không có hoạt động nào về \(business) trong dữ liệu của đơn vị.") }
            print("Lịch sử điểm kinh doanh \(business) (\(entries.count) hoạt động)")
            print(ActsCommand.table(entries))
        }
    }
}

/// `phoihop acts`: the latest acts this daemon holds.
struct ActsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "acts", abstract: "Các hoạt động mới nhất đã ghi nhận tại đơn vị (hub: toàn tỉnh).")
    @OptionGroup var options: ControlOptions
    @Option(help: "Số dòng (1–1000).") var limit = 50
    @Option(help: "Chỉ loại thông điệp này, e.g. certificate.revoked.") var type: String?
    @Option(help: "Chỉ hoạt động của cơ quan này.") var author: String?

    func run() throws {
        var parameters = ["limit": "\(limit)"]
        if let type { parameters["type"] = type }
        if let author { parameters["author"] = author }
        let entries = try queryDaemon(options, "acts.recent", parameters, as: [ActEntry].self)
        options.emit(entries) { print(entries.isEmpty ? "Chưa có hoạt động nào." : ActsCommand.table(entries)) }
    }

    static func table(_ entries: [ActEntry], in language: ConsoleLanguage = .current) -> String {
        var table = Table(["#", "Ngày", "Ghi nhận lúc", "Cơ quan", "Hoạt động", "Địa bàn", "Điểm KD"], rightAligned: [0])
        for e in entries {
            let day = e.actOn.flatMap { try? CivilDate(parsing: $0) }?.vietnameseText ?? ""
            table.add(["\(e.position)", day, VietnameseFormat.time(e.sentAt), e.author, e.typeName, e.district ?? "", e.business ?? ""])
        }
        return table.render(in: language)
    }
}

/// `phoihop anomalies`: acts accepted but not placed, for the operator to look into.
struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Các hoạt động đã nhận nhưng không khớp với dữ liệu hiện có (ví dụ thu hồi một giấy chứng nhận chưa từng thấy cấp): giữ lại để xem xét, không bỏ.")
    @OptionGroup var options: ControlOptions

    func run() throws {
        let entries = try queryDaemon(options, "anomalies.list", as: [AnomalyEntry].self)
        options.emit(entries) {
            guard !entries.isEmpty else { return print("Không có hoạt động bất thường nào.") }
            var table = Table(["#", "Cơ quan", "Hoạt động", "Vấn đề (tiếng Anh, cho cán bộ kỹ thuật)"], rightAligned: [0])
            for e in entries {
                table.add(["\(e.position)", e.act?.author ?? "", e.act?.typeName ?? "", e.problem])
            }
            print(table.render())
        }
    }
}

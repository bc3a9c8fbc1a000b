import ArgumentParser
import PhoiHopDomain
import PhoiHopProtocol

/// `--district`, `--kind`, `--topic` of `phoihop report adhoc`: the subset the report covers.
/// The hub checks the values against the province file and answers with the valid ones.
struct ReportSubsetOptions: ParsableArguments {
    @Option(help: "Chỉ một địa bàn cấp huyện (mã đơn vị, ví dụ district-ben-luc): mọi số liệu tính riêng địa bàn đó.")
    var district: String?
    @Option(help: ArgumentHelp("Chỉ một loại hình điểm kinh doanh: \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "kind"))
    var kind: String?
    @Option(help: ArgumentHelp("Chỉ các phần (phân cách bằng dấu phẩy): \(ReportTopic.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "topic[,topic…]"))
    var topic: String?

    /// The query parameters of the options given.
    var parameters: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in [("district", district), ("kind", kind), ("topic", topic)] {
            if let value { result[key] = value }
        }
        return result
    }
}

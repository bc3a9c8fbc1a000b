public import PhoiHopProtocol
public import PhoiHopReports

/// One agency's answer to a report request as document content: its figures as numbered tables,
/// one per topic (the part of the figure key before the first dot: `acts.*`, `district.*`,
/// `incidents.*` …) under a Vietnamese title, and its note. The agency's own report
/// (``AgencyReportDocument``) and the hub's compiled report (``CompiledReportDocument``, one
/// subsection per answering agency) are both built from it, so an answer reads the same in both.
public enum AgencyAnswerSection {
    /// The figures of one topic, in the order the section prints them.
    public struct Group: Sendable, Equatable {
        /// The key prefix, e.g. "district".
        public var prefix: String
        /// The topic's title as printed, e.g. "Quản lý điểm cung cấp dịch vụ Internet trên địa bàn".
        public var title: String
        /// The topic's figures, in print order.
        public var figures: [ReportFigure]
    }

    /// The known topics in the order a report prints them, with their titles. A prefix not listed
    /// here still prints, after these, under "Chỉ tiêu khác (prefix)".
    static let topics: [(prefix: String, title: String)] = [
        ("acts", "Hoạt động đã ghi nhận trên hệ thống"),
        ("district", "Quản lý điểm cung cấp dịch vụ Internet trên địa bàn"),
        ("vhttdl", "Kiểm tra, xử lý vi phạm"),
        ("incidents", "Sự cố an ninh thông tin"),
        ("fire-safety", "Phòng cháy, chữa cháy"),
        ("schools", "Internet trong trường học"),
        ("funding", "Kinh phí"),
        ("outreach", "Tuyên truyền, phổ biến"),
        ("complaints", "Tiếp nhận khiếu nại, tố cáo"),
        ("training", "Đào tạo, bồi dưỡng"),
    ]

    /// The topic of a figure key: what comes before its first dot, or the whole key.
    public static func prefix(of key: String) -> String {
        key.split(separator: ".", maxSplits: 1).first.map(String.init) ?? key
    }

    /// `figures` grouped by topic: known topics in ``topics`` order, then unknown ones by prefix.
    /// Within a topic the figures keep their given order, except `acts.*`, which are sorted by
    /// key (act types have no natural order, and answers from several agencies must merge into
    /// one stable order).
    public static func groups(_ figures: [ReportFigure]) -> [Group] {
        var byPrefix: [String: [ReportFigure]] = [:]
        for figure in figures { byPrefix[prefix(of: figure.key), default: []].append(figure) }
        let known = topics.map(\.prefix)
        let unknown = byPrefix.keys.filter { !known.contains($0) }.sorted()
        return (known + unknown).compactMap { prefix in
            guard var members = byPrefix[prefix] else { return nil }
            if prefix == "acts" { members.sort { $0.key < $1.key } }
            let title = topics.first { $0.prefix == prefix }?.title ?? "Chỉ tiêu khác (\(prefix))"
            return Group(prefix: prefix, title: title, figures: members)
        }
    }

    /// One table per topic, captioned "Bảng N. Title" from `tableNumber` on (advanced past the
    /// last table): a row per figure with its label and value.
    public static func tables(_ figures: [ReportFigure], tableNumber: inout Int) -> [(title: String, table: ReportTable)] {
        groups(figures).map { group in
            defer { tableNumber += 1 }
            let rows = group.figures.enumerated().map { index, figure in
                ["\(index + 1)", figure.label, VietnameseFormat.amount(figure.value)]
            }
            return (group.title, ReportTable(caption: "Bảng \(tableNumber). \(group.title)", header: ["STT", "Chỉ tiêu", "Số liệu"],
                                             rows: rows, numericColumns: [0, 2]))
        }
    }

    /// The note as a paragraph ("Ghi chú, kiến nghị của đơn vị: …"), or nothing without one.
    public static func note(_ note: String?) -> [DocumentBlock] {
        guard let note, !note.isEmpty else { return [] }
        return [.paragraph("Ghi chú, kiến nghị của đơn vị: \(note)")]
    }

    /// The whole answer as the blocks of one subsection: every topic's table, then the note.
    public static func blocks(_ figures: [ReportFigure], note: String?, tableNumber: inout Int) -> [DocumentBlock] {
        let tables = tables(figures, tableNumber: &tableNumber).map { DocumentBlock.table($0.table) }
        return (tables.isEmpty ? [.paragraph("Đơn vị không nêu số liệu.")] : tables) + Self.note(note)
    }
}

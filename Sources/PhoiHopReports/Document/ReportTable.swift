/// A table of figures in a report: a caption, one header row, the body rows and an optional
/// total row. Cells are text as printed (numbers already formatted, e.g. "1.234"); the columns
/// listed in ``numericColumns`` are right-aligned in HTML and Markdown.
public struct ReportTable: Codable, Sendable, Equatable {
    /// The caption above the table, e.g. "Bảng 1. Đại lý Internet theo huyện"; empty for none.
    public var caption: String
    /// The column headings.
    public var header: [String]
    /// The body rows; a short row is padded with empty cells to the header's width on output.
    public var rows: [[String]]
    /// 0-based indexes of the columns holding numbers (right-aligned).
    public var numericColumns: [Int]
    /// The total row ("Tổng cộng", …) printed last and in bold; nil for none.
    public var total: [String]?

    /// A table; `numericColumns` are 0-based indexes into `header`.
    public init(caption: String, header: [String], rows: [[String]], numericColumns: [Int] = [], total: [String]? = nil) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
        self.total = total
    }

    /// The number of columns: the widest of the header and the rows.
    public var columnCount: Int {
        ([header.count, total?.count ?? 0] + rows.map(\.count)).max() ?? 0
    }

    /// Whether column `index` is right-aligned.
    public func isNumeric(_ index: Int) -> Bool { numericColumns.contains(index) }

    /// `row` padded with empty cells to ``columnCount``.
    func padded(_ row: [String]) -> [String] {
        row + Array(repeating: "", count: max(0, columnCount - row.count))
    }
}

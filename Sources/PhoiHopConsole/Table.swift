import PhoiHopProtocol

/// A plain-text table for terminals: columns padded by character count (Vietnamese letters are
/// precomposed, one column each), numbers right-aligned. Headers are written in Vietnamese and
/// rendered in the console's language (``ConsoleLanguage``) through ``EnglishCatalog``, as are
/// the catalog's fixed words in the cells.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) { self.headers = headers; self.rightAligned = rightAligned }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(in language: ConsoleLanguage = .current) -> String {
        let shownHeaders = headers.map { localized($0, in: language) }
        let shownRows = rows.map { $0.map { localizedCell($0, in: language) } }
        var widths = shownHeaders.map(\.count)
        for row in shownRows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var out = [line(shownHeaders), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += shownRows.map(line)
        return out.joined(separator: "\n")
    }
}

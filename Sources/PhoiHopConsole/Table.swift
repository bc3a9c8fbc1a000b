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

/// "05/01/2027 14:03:07" in Vietnam time (UTC+7, no daylight saving), from epoch milliseconds.
func vietnamTime(_ milliseconds: Int64?) -> String {
    guard let milliseconds else { return "—" }
    let date = VietnamTime.day(atUnixMilliseconds: milliseconds)
    let rest = Int(VietnamTime.secondsIntoDay(atUnixMilliseconds: milliseconds))
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(two(date.day))/\(two(date.month))/\(date.year) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
}

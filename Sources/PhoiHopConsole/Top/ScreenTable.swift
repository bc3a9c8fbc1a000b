/// A table fitted to a terminal's width, for `phoihop top`: columns are kept left to right while
/// they fit whole, so the least important ones (placed last) are the first to go; a `flexible`
/// column shrinks to the room left (down to its `minimum`, cut with "…") rather than go.
///
/// Widths are counted in grapheme clusters (`String.count`), as ``Table`` counts them: a
/// Vietnamese letter is one column whether it is precomposed ("ệ") or written with combining marks
/// ("e" + U+0323 + U+0302), so rows stay aligned either way. East Asian wide characters, which
/// take two columns, do not occur in the console's text and are not measured as such.
struct ScreenTable {
    struct Column {
        var header: String
        var rightAligned = false
        /// Shrinks to the width left (at least `minimum`) instead of being left out.
        var flexible = false
        var minimum = 6
        /// A cap on the column's width: longer cells are cut with "…".
        var maximum = 40
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The header line and each row, no wider than `width`.
    func render(width: Int) -> (header: String, rows: [String]) {
        var kept: [(column: Int, width: Int)] = []
        var used = 0
        // Once an ordinary column does not fit, none after it is shown; a flexible one still may.
        var full = false
        for (i, column) in columns.enumerated() {
            let natural = min(column.maximum, max(column.header.count, rows.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0))
            let room = width - used - (kept.isEmpty ? 0 : 2)
            if column.flexible {
                guard room >= min(column.minimum, natural) else { continue }
                kept.append((i, min(natural, room)))
            } else {
                guard !full, natural <= room else { full = true; continue }
                kept.append((i, natural))
            }
            used = width - room + kept[kept.count - 1].width
        }
        func line(_ cells: [String]) -> String {
            kept.map { i, width in
                let cell = ScreenText.fit(cells.indices.contains(i) ? cells[i] : "", width)
                let pad = String(repeating: " ", count: max(0, width - cell.count))
                return columns[i].rightAligned ? pad + cell : cell + pad
            }.joined(separator: "  ").trailingSpacesRemoved
        }
        return (line(columns.map(\.header)), rows.map(line))
    }
}

/// Fitting text to a terminal line, counting grapheme clusters (see ``ScreenTable``).
enum ScreenText {
    /// `text` cut to `width` columns, its last kept character replaced by "…" when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// The pieces joined with `separator`, keeping whole pieces from the left while they fit.
    static func join(_ pieces: [String], separator: String = " · ", width: Int) -> String {
        var line = ""
        for piece in pieces {
            let candidate = line.isEmpty ? piece : line + separator + piece
            if candidate.count > width { return line.isEmpty ? fit(piece, width) : line }
            line = candidate
        }
        return line
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

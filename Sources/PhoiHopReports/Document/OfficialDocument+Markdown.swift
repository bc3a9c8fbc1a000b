extension OfficialDocument {
    /// The document as CommonMark with pipe tables (GitHub-flavoured), for the terminal and for
    /// Markdown viewers: the same text as ``renderHTML()``, the header as lines, tables as pipe
    /// tables (numeric columns right-aligned), each chart as its caption and a note pointing to
    /// the HTML. Text is escaped so no markup in it is interpreted. Deterministic.
    public func renderMarkdown() -> String {
        var lines: [String] = []
        func md(_ text: String) -> String { TextEscaping.markdown(text) }
        // A trailing double space is a hard line break in CommonMark.
        if let superiorBody { lines.append(TextEscaping.markdownParagraph(superiorBody) + "  ") }
        lines.append("**" + md(issuingBody) + "**  ")
        lines.append(md(numberLine))
        lines.append("")
        lines.append("**" + md(NationalMotto.country) + "**  ")
        lines.append("**" + md(NationalMotto.motto) + "**")
        lines.append("")
        lines.append("*" + md(placeAndDateLine) + "*")
        lines.append("")
        lines.append("## " + md(kind))
        lines.append("")
        lines.append("**" + md(subject) + "**")
        for (i, section) in sections.enumerated() {
            lines.append("")
            lines.append("### " + md(Self.sectionHeading(i, section.title)))
            for block in section.blocks { Self.append(block, to: &lines) }
            for (j, subsection) in section.subsections.enumerated() {
                lines.append("")
                lines.append("#### " + md(Self.subsectionHeading(j, subsection.title)))
                for block in subsection.blocks { Self.append(block, to: &lines) }
            }
        }
        lines.append("")
        if let capacity = signature.capacity { lines.append("**" + md(capacity) + "**  ") }
        lines.append("**" + md(signature.position) + "**  ")
        if signature.signed { lines.append("*(Đã ký)*  ") }
        // A blank name leaves the line for the signer to write, as on paper; no empty bold.
        if !signature.name.isEmpty { lines.append("**" + md(signature.name) + "**") }
        lines.append("")
        lines.append("***Nơi nhận:***")
        lines.append("")
        // A list, so each recipient stays on its own line in every viewer.
        for line in recipientLines {
            lines.append("- " + md(line.hasPrefix("- ") ? String(line.dropFirst(2)) : line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func append(_ block: DocumentBlock, to lines: inout [String]) {
        lines.append("")
        switch block {
        case .paragraph(let text):
            lines.append(TextEscaping.markdownParagraph(text))
        case .table(let table):
            lines.append(contentsOf: table.markdownLines)
        case .chart(let chart):
            lines.append("*" + TextEscaping.markdown(chart.caption) + "* (biểu đồ xem trong bản HTML)")
        }
    }
}

extension ReportTable {
    /// The table as a caption line (if any) and a pipe table; the total row is the last row, in bold.
    var markdownLines: [String] {
        func row(_ cells: [String], bold: Bool = false) -> String {
            "| " + padded(cells).map { cell in
                let text = TextEscaping.markdown(cell, inTable: true)
                return bold && !text.isEmpty ? "**" + text + "**" : text
            }.joined(separator: " | ") + " |"
        }
        var lines: [String] = []
        if !caption.isEmpty {
            lines.append("**" + TextEscaping.markdown(caption) + "**")
            lines.append("")
        }
        lines.append(row(header))
        lines.append("|" + (0..<columnCount).map { isNumeric($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for cells in rows { lines.append(row(cells)) }
        if let total { lines.append(row(total, bold: true)) }
        return lines
    }
}

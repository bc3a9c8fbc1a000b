extension OfficialDocument {
    /// The document as one standalone HTML5 page (UTF-8, `lang="vi"`, no external resources)
    /// that prints on A4 in the layout of Decree 30/2020 Appendix I. Every piece of text is
    /// HTML-escaped; chart SVG is embedded as given. Deterministic: the same document gives
    /// byte-identical output.
    public func renderHTML() -> String {
        var out = HTMLWriter()
        out.line("<!DOCTYPE html>")
        out.line("<html lang=\"vi\">")
        out.line("<head>")
        out.line("<meta charset=\"utf-8\">")
        out.line("<title>" + TextEscaping.html(kind + " " + numberLine) + "</title>")
        out.line("<style>")
        out.raw(Self.styleSheet)
        out.line("</style>")
        out.line("</head>")
        out.line("<body>")
        writeHeader(into: &out)
        out.line("<p class=\"kind\">" + TextEscaping.html(kind) + "</p>")
        out.line("<p class=\"subject\">" + TextEscaping.html(subject) + "</p>")
        out.line("<div class=\"subject-rule\"></div>")
        for (i, section) in sections.enumerated() {
            out.line("<section>")
            out.line("<h2>" + TextEscaping.html(Self.sectionHeading(i, section.title)) + "</h2>")
            for block in section.blocks { Self.write(block, into: &out) }
            for (j, subsection) in section.subsections.enumerated() {
                out.line("<h3>" + TextEscaping.html(Self.subsectionHeading(j, subsection.title)) + "</h3>")
                for block in subsection.blocks { Self.write(block, into: &out) }
            }
            out.line("</section>")
        }
        writeFooter(into: &out)
        out.line("</body>")
        out.line("</html>")
        return out.text
    }

    /// Decree 30/2020 Appendix I, items 1–4: the issuer on the left, the national motto on the
    /// right, the number under the issuer and the place and date under the motto.
    private func writeHeader(into out: inout HTMLWriter) {
        out.line("<table class=\"letterhead\">")
        out.line("<tr>")
        out.line("<td class=\"issuer\">")
        if let superiorBody {
            out.line("<div class=\"superior\">" + TextEscaping.html(superiorBody) + "</div>")
        }
        out.line("<div class=\"body\">" + TextEscaping.html(issuingBody) + "</div>")
        out.line("<div class=\"short-rule\"></div>")
        out.line("<div class=\"number\">" + TextEscaping.html(numberLine) + "</div>")
        out.line("</td>")
        out.line("<td class=\"motto\">")
        out.line("<div class=\"country\">" + TextEscaping.html(NationalMotto.country) + "</div>")
        out.line("<div class=\"slogan\"><span>" + TextEscaping.html(NationalMotto.motto) + "</span></div>")
        out.line("<div class=\"date\">" + TextEscaping.html(placeAndDateLine) + "</div>")
        out.line("</td>")
        out.line("</tr>")
        out.line("</table>")
    }

    /// Appendix I, items 7–9: "Nơi nhận:" on the left, the signature block on the right.
    private func writeFooter(into out: inout HTMLWriter) {
        out.line("<table class=\"closing\">")
        out.line("<tr>")
        out.line("<td class=\"recipients\">")
        out.line("<div class=\"heading\">Nơi nhận:</div>")
        for line in recipientLines {
            out.line("<div>" + TextEscaping.html(line) + "</div>")
        }
        out.line("</td>")
        out.line("<td class=\"signature\">")
        if let capacity = signature.capacity {
            out.line("<div class=\"position\">" + TextEscaping.html(capacity) + "</div>")
        }
        out.line("<div class=\"position\">" + TextEscaping.html(signature.position) + "</div>")
        out.line("<div class=\"mark\">" + (signature.signed ? "(Đã ký)" : "") + "</div>")
        out.line("<div class=\"name\">" + TextEscaping.html(signature.name) + "</div>")
        out.line("</td>")
        out.line("</tr>")
        out.line("</table>")
    }

    private static func write(_ block: DocumentBlock, into out: inout HTMLWriter) {
        switch block {
        case .paragraph(let text):
            out.line("<p>" + TextEscaping.html(text) + "</p>")
        case .table(let table):
            write(table, into: &out)
        case .chart(let chart):
            out.line("<figure>")
            out.raw(chart.svg.hasSuffix("\n") ? chart.svg : chart.svg + "\n")
            out.line("<figcaption>" + TextEscaping.html(chart.caption) + "</figcaption>")
            out.line("</figure>")
        }
    }

    private static func write(_ table: ReportTable, into out: inout HTMLWriter) {
        func row(_ cells: [String], tag: String) -> String {
            table.padded(cells).enumerated().map { i, cell in
                let align = tag == "td" && table.isNumeric(i) ? " class=\"num\"" : ""
                return "<\(tag)\(align)>" + TextEscaping.html(cell) + "</\(tag)>"
            }.joined()
        }
        out.line("<table class=\"figures\">")
        if !table.caption.isEmpty {
            out.line("<caption>" + TextEscaping.html(table.caption) + "</caption>")
        }
        out.line("<thead><tr>" + row(table.header, tag: "th") + "</tr></thead>")
        out.line("<tbody>")
        for cells in table.rows {
            out.line("<tr>" + row(cells, tag: "td") + "</tr>")
        }
        if let total = table.total {
            out.line("<tr class=\"total\">" + row(total, tag: "td") + "</tr>")
        }
        out.line("</tbody>")
        out.line("</table>")
    }

    /// Decree 30/2020 Appendix I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right
    /// 15–20 mm (here 20, 15, 20, 30 — the smallest in range, so the most text per page);
    /// Times New Roman 13–14 pt for the text (here 14 pt), the header lines at 13 pt, the
    /// "Nơi nhận:" heading at 12 pt and its lines at 11 pt.
    static let styleSheet = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.3; color: #000; background: #fff; margin: 0; }
        table.letterhead, table.closing { width: 100%; border-collapse: collapse; }
        table.letterhead td { vertical-align: top; text-align: center; font-size: 13pt; padding: 0; }
        td.issuer { width: 40%; }
        td.motto { width: 60%; }
        .superior { text-transform: uppercase; }
        .issuer .body, .country { font-weight: bold; text-transform: uppercase; }
        .short-rule { width: 40%; margin: 1pt auto 6pt; border-top: 1px solid #000; }
        .slogan span { display: inline-block; font-size: 14pt; font-weight: bold; border-bottom: 1px solid #000; padding-bottom: 1pt; }
        .number { font-size: 13pt; }
        .date { font-style: italic; font-size: 14pt; margin-top: 6pt; }
        p.kind { text-align: center; font-weight: bold; margin: 18pt 0 0; }
        p.subject { text-align: center; font-weight: bold; margin: 0; }
        .subject-rule { width: 30%; margin: 2pt auto 12pt; border-top: 1px solid #000; }
        h2, h3 { font-size: 14pt; font-weight: bold; margin: 8pt 0 4pt; text-indent: 1cm; page-break-after: avoid; break-after: avoid; }
        p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
        table.figures { width: 100%; border-collapse: collapse; margin: 6pt 0; font-size: 13pt; page-break-inside: auto; }
        table.figures caption { font-weight: bold; padding-bottom: 3pt; }
        table.figures th, table.figures td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
        table.figures th { text-align: center; }
        table.figures td.num { text-align: right; }
        table.figures tr { page-break-inside: avoid; }
        table.figures tr.total td { font-weight: bold; }
        figure { margin: 6pt 0; text-align: center; page-break-inside: avoid; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-style: italic; font-size: 13pt; }
        table.closing { margin-top: 12pt; page-break-inside: avoid; }
        table.closing td { vertical-align: top; padding: 0; }
        td.recipients { width: 50%; font-size: 11pt; }
        td.recipients .heading { font-size: 12pt; font-weight: bold; font-style: italic; }
        td.signature { width: 50%; text-align: center; }
        .signature .position { font-weight: bold; text-transform: uppercase; }
        .signature .mark { font-style: italic; min-height: 3cm; padding-top: 1cm; }
        .signature .name { font-weight: bold; }

        """
}

/// Accumulates the HTML text line by line with "\n" line ends.
struct HTMLWriter {
    private(set) var text = ""
    mutating func line(_ s: String) { text += s; text += "\n" }
    mutating func raw(_ s: String) { text += s }
}

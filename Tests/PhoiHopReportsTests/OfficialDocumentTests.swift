import Foundation
import PhoiHopProtocol
import PhoiHopReports
import Testing

struct OfficialDocumentTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        // The tests only use real dates.
        try! CivilDate(year: y, month: m, day: d)
    }

    static let agents = ReportTable(
        caption: "Bảng 1. Đại lý Internet theo huyện",
        header: ["Huyện", "Số đại lý", "Ghi chú"],
        rows: [["Đức Huệ", "12", "mới, đăng ký"], ["Bến Lức", "1.204", "x | y"]],
        numericColumns: [1],
        total: ["Tổng cộng", "1.216", ""]
    )

    static func sample(subject: String = "Tình hình quản lý dịch vụ Internet quý IV năm 2026", number: Int? = 12) -> OfficialDocument {
        OfficialDocument(
            superiorBody: "UBND TỈNH LONG AN",
            issuingBody: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            number: number,
            symbol: "BC-STTTT",
            place: "Tân An",
            date: date(2027, 1, 5),
            kind: "BÁO CÁO",
            subject: subject,
            sections: [
                DocumentSection(title: "TÌNH HÌNH CHUNG", blocks: [.paragraph("Trong quý, các đơn vị đã phối hợp.")]),
                DocumentSection(title: "KẾT QUẢ PHỐI HỢP", subsections: [
                    DocumentSubsection(title: "Đại lý Internet", blocks: [.table(agents)]),
                    DocumentSubsection(title: "Biểu đồ", blocks: [
                        .chart(ReportChart(caption: "Biểu đồ 1. Đại lý theo huyện", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>")),
                    ]),
                ]),
                DocumentSection(title: "ĐỀ XUẤT"),
                DocumentSection(title: "NHIỆM VỤ QUÝ TỚI"),
            ],
            signature: SignatureBlock(capacity: "KT. GIÁM ĐỐC", position: "PHÓ GIÁM ĐỐC", name: "Nguyễn Văn A", signed: true),
            recipients: ["UBND tỉnh", "Bộ TT&TT"],
            archivedAt: ["VT", "TTBCXB"]
        )
    }

    /// Where `needle` first occurs in `text` at or after `from`.
    static func position(of needle: String, in text: String, after from: String.Index) -> String.Index? {
        text[from...].range(of: needle)?.lowerBound
    }

    // MARK: Date line and number

    @Test func dateLineZeroPadsDaysOneToNineButNotTen() {
        #expect(Self.date(2027, 3, 9).administrativeText == "ngày 09 tháng 3 năm 2027")
        #expect(Self.date(2027, 3, 10).administrativeText == "ngày 10 tháng 3 năm 2027")
        #expect(Self.date(2027, 3, 1).administrativeText == "ngày 01 tháng 3 năm 2027")
        #expect(Self.date(2027, 3, 31).administrativeText == "ngày 31 tháng 3 năm 2027")
    }

    @Test func dateLineZeroPadsMonthsOneAndTwoOnly() {
        #expect(Self.date(2027, 1, 15).administrativeText == "ngày 15 tháng 01 năm 2027")
        #expect(Self.date(2027, 2, 15).administrativeText == "ngày 15 tháng 02 năm 2027")
        #expect(Self.date(2027, 3, 15).administrativeText == "ngày 15 tháng 3 năm 2027")
        #expect(Self.date(2026, 12, 15).administrativeText == "ngày 15 tháng 12 năm 2026")
        #expect(Self.date(2010, 9, 6).administrativeText == "ngày 06 tháng 9 năm 2010")
    }

    @Test func placeAndDateLineFollowsTheDecreeExample() {
        #expect(Self.sample().placeAndDateLine == "Tân An, ngày 05 tháng 01 năm 2027")
    }

    @Test func numberLineLeavesABlankWhenTheNumberIsNotGiven() {
        #expect(Self.sample(number: 12).numberLine == "Số: 12/BC-STTTT")
        #expect(Self.sample(number: nil).numberLine == "Số: …/BC-STTTT")
    }

    @Test func recipientLinesEndWithTheArchive() {
        #expect(Self.sample().recipientLines == ["- UBND tỉnh;", "- Bộ TT&TT;", "- Lưu: VT, TTBCXB."])
    }

    // MARK: HTML

    @Test func htmlIsAStandaloneVietnamesePageForA4() {
        let html = Self.sample().renderHTML()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(html.contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }"))
        #expect(html.contains("font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 14pt;"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<script"))
    }

    @Test func htmlLaysOutTheDecreeElementsInOrder() throws {
        let html = Self.sample().renderHTML()
        let elements = [
            "<div class=\"superior\">UBND TỈNH LONG AN</div>",
            "<div class=\"body\">SỞ THÔNG TIN VÀ TRUYỀN THÔNG</div>",
            "<div class=\"short-rule\"></div>",
            "<div class=\"number\">Số: 12/BC-STTTT</div>",
            "<div class=\"country\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>",
            "<div class=\"slogan\"><span>Độc lập - Tự do - Hạnh phúc</span></div>",
            "<div class=\"date\">Tân An, ngày 05 tháng 01 năm 2027</div>",
            "<p class=\"kind\">BÁO CÁO</p>",
            "<p class=\"subject\">Tình hình quản lý dịch vụ Internet quý IV năm 2026</p>",
            "<h2>I. TÌNH HÌNH CHUNG</h2>",
            "<td class=\"recipients\">",
            "<div class=\"heading\">Nơi nhận:</div>",
            "<div>- UBND tỉnh;</div>",
            "<div>- Bộ TT&amp;TT;</div>",
            "<div>- Lưu: VT, TTBCXB.</div>",
            "<td class=\"signature\">",
            "<div class=\"position\">KT. GIÁM ĐỐC</div>",
            "<div class=\"position\">PHÓ GIÁM ĐỐC</div>",
            "<div class=\"mark\">(Đã ký)</div>",
            "<div class=\"name\">Nguyễn Văn A</div>",
        ]
        var cursor = html.startIndex
        for element in elements {
            cursor = try #require(Self.position(of: element, in: html, after: cursor), "missing or out of order: \(element)")
        }
    }

    @Test func htmlEscapesEveryPieceOfText() {
        var document = Self.sample(subject: "A < B & \"C\" 'd' > e")
        document.signature.name = "<script>alert(1)</script>"
        document.sections[0].blocks = [.paragraph("x<y & z")]
        document.sections[1].subsections[0].blocks = [.table(ReportTable(caption: "a&b", header: ["<h>"], rows: [["\"q\""]]))]
        let html = document.renderHTML()
        #expect(html.contains("<p class=\"subject\">A &lt; B &amp; &quot;C&quot; &#39;d&#39; &gt; e</p>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<p>x&lt;y &amp; z</p>"))
        #expect(html.contains("<caption>a&amp;b</caption>"))
        #expect(html.contains("<th>&lt;h&gt;</th>"))
        #expect(html.contains("<td>&quot;q&quot;</td>"))
    }

    @Test func sectionsAreNumberedInRomanAndSubsectionsInArabic() {
        let html = Self.sample().renderHTML()
        #expect(html.contains("<h2>I. TÌNH HÌNH CHUNG</h2>"))
        #expect(html.contains("<h2>II. KẾT QUẢ PHỐI HỢP</h2>"))
        #expect(html.contains("<h2>III. ĐỀ XUẤT</h2>"))
        #expect(html.contains("<h2>IV. NHIỆM VỤ QUÝ TỚI</h2>"))
        #expect(html.contains("<h3>1. Đại lý Internet</h3>"))
        #expect(html.contains("<h3>2. Biểu đồ</h3>"))
        #expect(OfficialDocument.sectionHeading(8, "X") == "IX. X")
        #expect(OfficialDocument.sectionHeading(13, "X") == "XIV. X")
    }

    @Test func htmlTableRightAlignsNumericColumnsAndBoldsTheTotal() {
        let html = Self.sample().renderHTML()
        #expect(html.contains("<tr><td>Đức Huệ</td><td class=\"num\">12</td><td>mới, đăng ký</td></tr>"))
        #expect(html.contains("<tr class=\"total\"><td>Tổng cộng</td><td class=\"num\">1.216</td><td></td></tr>"))
        #expect(html.contains("table.figures td.num { text-align: right; }"))
        #expect(html.contains("table.figures th, table.figures td { border: 1px solid #000;"))
    }

    @Test func htmlEmbedsTheChartSVGInlineWithItsCaption() {
        let html = Self.sample().renderHTML()
        #expect(html.contains("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n<figcaption>Biểu đồ 1. Đại lý theo huyện</figcaption>\n</figure>"))
    }

    @Test func twoRendersOfTheSameDocumentAreByteIdentical() {
        let document = Self.sample()
        #expect(Array(document.renderHTML().utf8) == Array(Self.sample().renderHTML().utf8))
        #expect(Array(document.renderMarkdown().utf8) == Array(Self.sample().renderMarkdown().utf8))
        #expect(Self.agents.csv == Self.sample().firstTable?.csv)
    }

    // MARK: Markdown

    @Test func markdownRendersTablesAsPipeTablesWithNumericColumnsRightAligned() {
        let markdown = Self.sample().renderMarkdown()
        #expect(markdown.contains("""
            **Bảng 1. Đại lý Internet theo huyện**

            | Huyện | Số đại lý | Ghi chú |
            | --- | ---: | --- |
            | Đức Huệ | 12 | mới, đăng ký |
            | Bến Lức | 1.204 | x \\| y |
            | **Tổng cộng** | **1.216** |  |
            """))
    }

    @Test func markdownKeepsTheHeaderSectionsAndClosingInOrder() throws {
        let markdown = Self.sample().renderMarkdown()
        let elements = [
            "UBND TỈNH LONG AN  \n**SỞ THÔNG TIN VÀ TRUYỀN THÔNG**  \nSố: 12/BC-STTTT\n",
            "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n**Độc lập - Tự do - Hạnh phúc**\n",
            "*Tân An, ngày 05 tháng 01 năm 2027*",
            "## BÁO CÁO\n\n**Tình hình quản lý dịch vụ Internet quý IV năm 2026**",
            "### I. TÌNH HÌNH CHUNG",
            "#### 1. Đại lý Internet",
            "### IV. NHIỆM VỤ QUÝ TỚI",
            "**KT. GIÁM ĐỐC**  \n**PHÓ GIÁM ĐỐC**  \n*(Đã ký)*  \n**Nguyễn Văn A**",
            "***Nơi nhận:***\n\n- UBND tỉnh;\n- Bộ TT&TT;\n- Lưu: VT, TTBCXB.\n",
        ]
        var cursor = markdown.startIndex
        for element in elements {
            cursor = try #require(Self.position(of: element, in: markdown, after: cursor), "missing or out of order: \(element)")
        }
    }

    @Test func markdownReplacesChartsWithTheirCaptionAndANote() {
        let markdown = Self.sample().renderMarkdown()
        #expect(!markdown.contains("<svg"))
        #expect(markdown.contains("*Biểu đồ 1. Đại lý theo huyện* (biểu đồ xem trong bản HTML)"))
    }

    @Test func markdownEscapesMarkupInText() {
        let markdown = Self.sample(subject: "a*b_c <d> [e]").renderMarkdown()
        #expect(markdown.contains("**a\\*b\\_c \\<d\\> \\[e\\]**"))
    }

    // MARK: CSV

    @Test func csvIsUTF8WithBOMQuotedPerRFC4180WithCRLF() {
        let table = ReportTable(
            caption: "ignored",
            header: ["Huyện", "Ghi chú", "Số"],
            rows: [["Đức Huệ", "a, b", "3"], ["Bến Lức", "nói \"có\"", "12"]]
        )
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let huyen: [UInt8] = [0x48, 0x75, 0x79, 0xE1, 0xBB, 0x87, 0x6E]
        let ducHue: [UInt8] = [0xC4, 0x90, 0xE1, 0xBB, 0xA9, 0x63, 0x20, 0x48, 0x75, 0xE1, 0xBB, 0x87]
        let commaField: [UInt8] = [0x2C, 0x22, 0x61, 0x2C, 0x20, 0x62, 0x22, 0x2C, 0x33, 0x0D, 0x0A] // ,"a, b",3 CRLF
        let quoteField: [UInt8] = [0x22, 0x6E, 0xC3, 0xB3, 0x69, 0x20, 0x22, 0x22, 0x63, 0xC3, 0xB3, 0x22, 0x22, 0x22] // "nói ""có"""
        var expected = bom + huyen + Array(",Ghi chú,Số\r\n".utf8)
        expected += ducHue + commaField
        expected += Array("Bến Lức,".utf8) + quoteField + [0x2C, 0x31, 0x32, 0x0D, 0x0A] // ,12 CRLF
        #expect(table.csv == expected)
    }

    @Test func csvPadsShortRowsAndEndsWithTheTotal() {
        let table = ReportTable(caption: "", header: ["A", "B"], rows: [["x"]], total: ["Tổng", "1"])
        #expect(table.csv == [0xEF, 0xBB, 0xBF] + Array("A,B\r\nx,\r\nTổng,1\r\n".utf8))
    }

    @Test func documentSurvivesAJSONRoundTripUnchanged() throws {
        let document = Self.sample()
        let data = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(OfficialDocument.self, from: data) == document)
    }
}

extension OfficialDocument {
    /// The first table in reading order, if any.
    var firstTable: ReportTable? {
        for section in sections {
            for block in section.blocks + section.subsections.flatMap(\.blocks) {
                if case .table(let table) = block { return table }
            }
        }
        return nil
    }
}

struct MarkdownBlockEscapingTests {
    static func paragraphLine(_ text: String) throws -> String {
        var document = OfficialDocumentTests.sample()
        document.sections = [DocumentSection(title: "T", blocks: [.paragraph(text)])]
        let markdown = document.renderMarkdown()
        let after = try #require(markdown.range(of: "### I. T\n\n"))
        return String(markdown[after.upperBound...].prefix(while: { $0 != "\n" }))
    }

    @Test func paragraphsThatLookLikeListsOrCodeStayParagraphs() throws {
        #expect(try Self.paragraphLine("- không phải danh sách") == "\\- không phải danh sách")
        #expect(try Self.paragraphLine("2026. Năm") == "2026\\. Năm")
        #expect(try Self.paragraphLine("    thụt lề") == "thụt lề")
        #expect(try Self.paragraphLine("= x") == "\\= x")
    }

    @Test func ampersandIsEscapedOnlyWhereItWouldReadAsAnEntity() throws {
        #expect(try Self.paragraphLine("Bộ TT&TT và &amp; và &#39;") == "Bộ TT&TT và \\&amp; và \\&\\#39;")
    }
}

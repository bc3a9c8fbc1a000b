import Foundation
@testable import PhoiHopConsole
import PhoiHopProtocol
import Testing

/// The hub's periodic report as it is filed: the HTML `phoihop report periodic --format html`
/// writes, printed by headless Chromium (Debian's `chromium-headless-shell`, installed by
/// `make deps`) to PDF, then read back with poppler-utils. The decree's form only matters on
/// paper: A4 pages, one report per document, and a font that carries Vietnamese diacritics
/// (Liberation Serif, metric-compatible with Times New Roman) — not a fallback font for the
/// glyphs it lacks.
@Suite(.serialized)
struct PrintedReportTests {
    @Test func theQuarterlyReportPrintsOnA4AsOneDocumentInLiberationSerifWithItsDiacritics() throws {
        let province = try Province(districts: 2, today: "2026-11-30")
        defer { province.stopAll() }
        try province.startAll()
        let scenario = try DemoScenario(directory: province.directory)
        try scenario.play()
        try scenario.awaitHub(timeout: 60, quiet: true)

        let html = "\(province.directory)/bao-cao.html"
        let written = try BackupTests.console(province, ["report", "periodic", "--control", province.controlPath(.hub),
                                                         "--kind", "quarterly", "--month", "2026-12", "--format", "html", "--out", html])
        #expect(written.status == 0, "\(written.output)")
        let pdf = "\(province.directory)/bao-cao.pdf"
        try PrintedReport.print(html, to: pdf, profile: "\(province.directory)/chromium")

        // A4 on every page: 210 × 297 mm is 595.28 × 841.89 pt.
        let info = try PrintedReport.tool("pdfinfo", ["-f", "1", "-l", "1000", pdf])
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") })
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(pages >= 2, "the quarter's report has six sections and tables: \(info)")
        #expect(sizes.count == pages)
        #expect(sizes.allSatisfy { $0.contains("(A4)") }, "every page is A4: \(sizes)")

        // One report: its national header, its title and its signature and distribution list
        // once each — the header on the first page, "Nơi nhận" on the last.
        let text = try PrintedReport.tool("pdftotext", [pdf, "-"])
        #expect(text.components(separatedBy: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count == 2, "the national header exactly once")
        #expect(text.components(separatedBy: "Nơi nhận:").count == 2, "one distribution list")
        let firstPage = try PrintedReport.tool("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"])
        let lastPage = try PrintedReport.tool("pdftotext", ["-layout", "-f", "\(pages)", "-l", "\(pages)", pdf, "-"])
        #expect(firstPage.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && firstPage.contains("BÁO CÁO"))
        #expect(lastPage.contains("Nơi nhận:"))
        // Diacritics survive into the printed text: the motto, the date line, districts, headings
        // (a table cell may wrap a phrase: compare with runs of white space as one space).
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for phrase in ["Độc lập - Tự do - Hạnh phúc", "SỞ THÔNG TIN VÀ TRUYỀN", "Tân An, ngày", "quý IV năm 2026",
                       "Thành phố Tân An", "Khiếu nại", "Tố cáo", "Tiền phạt (đồng)", "Giấy chứng nhận"] {
            #expect(words.contains(phrase), "the printed text lacks \"\(phrase)\"")
        }

        // Every font is Liberation Serif, embedded, with a Unicode map: no glyph fell back to another font.
        let fonts = try PrintedReport.tool("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            let name = String(columns.first ?? "")
            #expect(name.contains("LiberationSerif"), "a glyph was set in \(name), not Liberation Serif: \(line)")
            // emb, sub, uni are the three yes/no columns before the object number.
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes" && columns[columns.count - 3] == "yes",
                    "font \(name) is not embedded with a Unicode map: \(line)")
        }
    }
}

/// Printing HTML the way an officer's browser would, and reading the PDF back.
enum PrintedReport {
    /// Debian's headless Chromium: `chromium-headless-shell`, or the full `chromium` in headless mode.
    static func chromium() throws -> (path: String, arguments: [String]) {
        for (path, arguments) in [("/usr/bin/chromium-headless-shell", []), ("/usr/bin/chromium", ["--headless"])]
        where FileManager.default.isExecutableFile(atPath: path) {
            return (path, arguments)
        }
        throw PrintFailure("headless Chromium is not installed: run `make deps` (Debian package chromium-headless-shell)")
    }

    /// Prints the local file `html` to `pdf` with no browser header or footer (the decree's
    /// layout has none), with a profile directory of its own so nothing touches $HOME.
    static func print(_ html: String, to pdf: String, profile: String) throws {
        let (path, arguments) = try chromium()
        // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
        let output = try run(path, arguments + ["--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                "--user-data-dir=\(profile)", "--print-to-pdf=\(pdf)",
                                                URL(fileURLWithPath: html).absoluteString])
        guard FileManager.default.fileExists(atPath: pdf) else { throw PrintFailure("Chromium wrote no PDF: \(output)") }
    }

    /// Runs a poppler-utils tool and returns its standard output.
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let path = "/usr/bin/\(name)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw PrintFailure("\(name) is not installed: run `make deps` (Debian package poppler-utils)")
        }
        return try run(path, arguments)
    }

    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let (status, output) = try Subprocess.run(path, arguments, errors: false)
        guard status == 0 else { throw PrintFailure("\(path) \(arguments.joined(separator: " ")) exited \(status)") }
        return output
    }

    struct PrintFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

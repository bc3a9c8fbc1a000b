import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// `phoihop report periodic` against a running hub: the quarter's official report as an A4 HTML
/// file and its tables as CSV files a spreadsheet opens with their diacritics.
@Suite(.serialized)
struct PeriodicReportTests {
    @Test func theConsoleWritesTheHubsQuarterlyReportAsHTMLAndItsTablesAsCSV() throws {
        let province = try Province(districts: 1, today: "2026-12-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(ProvinceTests.tanAn)
        try province.record(ProvinceTests.tanAn, ProvinceTests.business("TA-1", in: ProvinceTests.tanAn))
        try province.waitUntil("the hub holds the business", timeout: 30) { try province.status(.hub).totals.businesses == 1 }
        let control = province.controlPath(.hub)

        let html = "\(province.directory)/bao-cao-quy-iv.html"
        let written = try BackupTests.console(province, ["report", "periodic", "--control", control, "--kind", "quarterly",
                                                         "--month", "2026-12", "--format", "html", "--out", html])
        #expect(written.status == 0, "\(written.output)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("BÁO CÁO") && page.contains("quý IV năm 2026"))
        #expect(page.contains("Thành phố Tân An"))

        let directory = "\(province.directory)/bang"
        let csv = try BackupTests.console(province, ["report", "periodic", "--control", control, "--kind", "quarterly",
                                                     "--month", "2026-12", "--format", "csv", "--out", directory])
        #expect(csv.status == 0, "\(csv.output)")
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/bang-1.csv"))
        #expect(Array(first.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: first.dropFirst(3), as: UTF8.self).contains("Thành phố Tân An,0,1,0,1"))

        // The ad-hoc report over November, on the terminal.
        let adhoc = try BackupTests.console(province, ["report", "adhoc", "--control", control, "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(adhoc.status == 0, "\(adhoc.output)")
        #expect(adhoc.output.contains("từ ngày 01/11/2026 đến ngày 30/11/2026"))
        #expect(adhoc.output.contains("| Thành phố Tân An | 0 | 1 | 0 | 1 |"))

        // `phoihop report` alone is still the summary.
        let summary = try BackupTests.console(province, ["report", "--control", control])
        #expect(summary.status == 0 && summary.output.contains("BÁO CÁO TỔNG HỢP"), "\(summary.output)")
        let bad = try BackupTests.console(province, ["report", "periodic", "--control", control, "--month", "2026-12", "--format", "pdf"])
        #expect(bad.status != 0 && bad.output.contains("--format: 'pdf'"))
    }
}

import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The hub's stored reports through real processes: a hub configured with a schedule, started
/// after a cut-off it was down for, issues the period's report on its own; the console lists it,
/// shows it byte for byte, verifies it against the audit log, and issues one on demand.
@Suite(.serialized)
struct ReportArchiveProcessTests {
    @Test func aHubStartedAfterACutOffIssuesThePeriodsReportAndTheConsoleListsShowsAndVerifiesIt() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(ProvinceTests.tanAn)
        try province.record(ProvinceTests.tanAn, ProvinceTests.business("TA-1", in: ProvinceTests.tanAn))
        try province.waitUntil("the hub holds the business", timeout: 30) { try province.status(.hub).totals.businesses == 1 }
        #expect(try province.query(.hub, "report.archive.list", as: [IssuedReport].self).isEmpty, "no schedule configured: nothing issued")

        // The hub restarts with a schedule and sequential numbers, on the 20th: November's window
        // (15/10–14/11) closed while it ran without one.
        #expect(province.stop(.hub) == 0)
        let hubFile = province.configFile(.hub)
        try (String(contentsOfFile: hubFile, encoding: .utf8)
             + "reports:\n  numbering: {mode: sequential, firstNumber: 1}\n  schedule: {enabled: true, kinds: [monthly]}\n")
            .write(toFile: hubFile, atomically: true, encoding: .utf8)
        try province.start(.hub)
        var listed: [IssuedReport] = []
        try province.waitUntil("the hub issued November's report", timeout: 30) {
            listed = try province.query(.hub, "report.archive.list", as: [IssuedReport].self)
            return !listed.isEmpty
        }
        let report = try #require(listed.first)
        #expect(listed.count == 1 && report.kind == "monthly" && report.trigger == "schedule")
        #expect(report.periodFrom.description == "2026-10-15" && report.periodTo.description == "2026-11-14" && report.number == 1)
        #expect(report.logPosition >= 1)
        let hubLog = try String(contentsOfFile: province.logPath(.hub), encoding: .utf8)
        #expect(hubLog.components(separatedBy: "scheduled report issued").count == 2, "one info line per report")

        let control = province.controlPath(.hub)
        let list = try BackupTests.console(province, ["report", "archive", "list", "--control", control])
        #expect(list.status == 0, "\(list.output)")
        #expect(list.output.contains("1/BC-STTTT") && list.output.contains("tháng 11 năm 2026 (15/10/2026–14/11/2026)") && list.output.contains("theo lịch"),
                "\(list.output)")

        let verify = try BackupTests.console(province, ["report", "archive", "verify", "--control", control, "--id", "\(report.id)"])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("): khớp"), "\(verify.output)")

        let html = "\(province.directory)/bao-cao-luu.html"
        let show = try BackupTests.console(province, ["report", "archive", "show", "--control", control, "--id", "\(report.id)",
                                                      "--format", "html", "--out", html])
        #expect(show.status == 0, "\(show.output)")
        let stored = try province.query(.hub, "report.archive.show", ["id": "\(report.id)"], as: ArchivedReport.self)
        #expect(try Data(contentsOf: URL(fileURLWithPath: html)) == Data(stored.html.utf8))
        #expect(stored.html.contains("Số: 1/BC-STTTT") && stored.html.contains("tháng 11 năm 2026"))

        // On demand: the same month again, numbered next; the schedule does not issue it twice.
        let issued = try BackupTests.console(province, ["report", "issue", "--control", control, "--kind", "monthly", "--month", "2026-11"])
        #expect(issued.status == 0 && issued.output.contains("Số 2/BC-STTTT"), "\(issued.output)")
        let missing = try BackupTests.console(province, ["report", "archive", "verify", "--control", control, "--id", "99"])
        #expect(missing.status != 0 && missing.output.contains("phoihop report archive list"), "\(missing.output)")

        // Someone with write access changes the logged act the report came from: verify says so, exit 1.
        #expect(province.stop(.hub) == 0)
        let queue = try DatabaseQueue(path: province.databasePath(.hub))
        try queue.write { db in
            try db.execute(sql: "UPDATE message_log SET body = CAST(replace(CAST(body AS TEXT), 'Trần Thị Bình', 'Trần Thị Bính') AS BLOB) WHERE position = 1")
            #expect(db.changesCount == 1)
        }
        try queue.close()
        try province.start(.hub)
        let tampered = try BackupTests.console(province, ["report", "archive", "verify", "--control", control, "--id", "\(report.id)"])
        #expect(tampered.status == 1, "\(tampered.output)")
        #expect(tampered.output.contains("): không khớp") && tampered.output.contains("bản ghi 1 đã bị sửa"), "\(tampered.output)")
    }
}

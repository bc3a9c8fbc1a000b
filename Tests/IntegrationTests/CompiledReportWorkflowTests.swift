import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Agency answers through real daemons: the hub asks Thành phố Tân An and Công an tỉnh; Tân An
/// prints its own report and answers with the console; the hub's compiled report shows Tân An's
/// answer with its figures and Công an as missing.
@Suite(.serialized)
struct CompiledReportWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let congAn = AgencyID(rawValue: "cong-an")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func theHubsCompiledReportShowsTheAgencyThatAnsweredWithItsFiguresAndTheOneMissing() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.congAn)
        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))

        try province.record(.hub, MessageBody(ReportRequested(
            requestID: "BC-2026-11", kind: .periodic, subject: "Báo cáo tháng 11/2026", periodFrom: Self.date("2026-10-15"),
            periodTo: Self.date("2026-11-14"), requestedOn: Self.date("2026-11-15"), dueOn: Self.date("2026-11-17"),
            addressees: [Self.tanAn, Self.congAn])))
        try province.waitUntil("Tân An holds the request", timeout: 20) {
            (try? province.query(Self.tanAn, "reporting.draft", ["request": "BC-2026-11"], as: ReportDraft.self)) != nil
        }

        // Tân An's own report, as a document of its People's Committee, then its answer.
        let control = province.controlPath(Self.tanAn)
        let own = try BackupTests.console(province, ["reporting", "draft", "--control", control, "--request", "BC-2026-11", "--format", "md"])
        #expect(own.status == 0, "\(own.output)")
        #expect(own.output.contains("**UBND THÀNH PHỐ TÂN AN**") && own.output.contains("Điểm kinh doanh đăng ký mới trong kỳ"))
        let answered = try BackupTests.console(province, ["reporting", "answer", "--control", control, "--request", "BC-2026-11",
                                                          "--on", "2026-11-16", "--note", "Số liệu đã rà soát"])
        #expect(answered.status == 0, "\(answered.output)")

        try province.waitUntil("the hub holds Tân An's answer", timeout: 20) {
            try province.query(.hub, "reporting.status", ["request": "BC-2026-11"], as: ReportRequestStatus.self).summary.answered == 1
        }
        let compiled = try province.query(.hub, "report.compiled", ["request": "BC-2026-11"], as: CompiledReportAnswer.self).report
        #expect(compiled.addressees.map { "\($0.agency) \($0.stateText)" } == ["cong-an Chưa gửi (quá hạn 3 ngày)", "district-tan-an Đúng hạn"])
        #expect(compiled.provinceFigures.first { $0.key == "district.businesses-registered" }.map { "\($0.total)/\($0.agencies)" } == "1/1")
        #expect(compiled.addressees.last?.note == "Số liệu đã rà soát")

        let page = "\(province.directory)/tong-hop.html"
        let written = try BackupTests.console(province, ["report", "compiled", "--control", province.controlPath(.hub),
                                                         "--request", "BC-2026-11", "--format", "html", "--out", page])
        #expect(written.status == 0, "\(written.output)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("1/2 đơn vị đã gửi, 0 trễ hạn; 1 đơn vị quá hạn chưa gửi.") && html.contains("Thành phố Tân An (gửi ngày 16/11/2026, đúng hạn)"))

        // The same report's tables for a spreadsheet: the first is who answered.
        let directory = "\(province.directory)/tong-hop"
        let csv = try BackupTests.console(province, ["report", "compiled", "--control", province.controlPath(.hub),
                                                     "--request", "BC-2026-11", "--format", "csv", "--out", directory])
        #expect(csv.status == 0, "\(csv.output)")
        let who = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/bang-1.csv"))
        #expect(String(decoding: who.dropFirst(3), as: UTF8.self).contains("2,Thành phố Tân An,17/11/2026,16/11/2026,Đúng hạn"))
    }
}

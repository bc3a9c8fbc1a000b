import Foundation
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// The hub's compiled report on one request (`report.compiled`): a request to three agencies —
/// Thành phố Tân An answers on the due date, Công an tỉnh the day after, Sở VHTTDL not at all —
/// checked against a hand count.
struct CompiledReportTests {
    static let tanAn = agency("district-tan-an")
    static let congAn = agency("cong-an")
    static let vhttdl = agency("vhttdl")

    /// Requested 2026-11-15, due 2026-11-17; addressees listed out of province order on purpose.
    static let request = ReportRequested(
        requestID: "BC-11", kind: .periodic, subject: "Báo cáo tháng 11/2026", periodFrom: date("2026-10-15"), periodTo: date("2026-11-14"),
        requestedOn: date("2026-11-15"), dueOn: date("2026-11-17"), addressees: [tanAn, vhttdl, congAn])

    static let tanAnFigures = [
        ReportFigure(key: "acts.business.registered", label: "Số lượt: đăng ký điểm kinh doanh", value: 2),
        ReportFigure(key: "district.businesses-registered", label: "Điểm kinh doanh đăng ký mới trong kỳ", value: 2),
        ReportFigure(key: "outreach.campaigns", label: "Đợt tuyên truyền kết thúc trong kỳ", value: 1),
        ReportFigure(key: "outreach.reach", label: "Lượt người được tuyên truyền", value: 1_200),
    ]
    static let congAnFigures = [
        ReportFigure(key: "acts.incident.reported", label: "Số lượt: báo cáo sự cố", value: 3),
        ReportFigure(key: "incidents.high", label: "Sự cố an ninh thông tin — mức cao", value: 1),
        ReportFigure(key: "outreach.campaigns", label: "Đợt tuyên truyền kết thúc trong kỳ", value: 2),
        ReportFigure(key: "outreach.reach", label: "Lượt người được tuyên truyền", value: 350),
    ]

    /// The hub on `today`, holding the request, Tân An's answer of 2026-11-17 and Công an's of 2026-11-18.
    static func hub(today: String) throws -> DomainFixture {
        let hub = try DomainFixture("so-tttt", role: .hub, today: today)
        try hub.record(request)
        try hub.receive(ReportSubmitted(requestID: "BC-11", submittedOn: date("2026-11-17"), figures: tanAnFigures, note: "Đã rà soát số liệu"),
                        from: tanAn.rawValue)
        try hub.receive(ReportSubmitted(requestID: "BC-11", submittedOn: date("2026-11-18"), figures: congAnFigures, note: nil),
                        from: congAn.rawValue)
        return hub
    }

    @Test func anAnswerOnTheDueDateIsOnTimeTheDayAfterIsOneDayLateAndTheMissingOneCountsDaysToToday() throws {
        let report = try Self.hub(today: "2026-11-20").query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self).report
        // Province order: departments (cong-an, vhttdl) before districts.
        #expect(report.addressees.map(\.agency) == ["cong-an", "vhttdl", "district-tan-an"])
        #expect(report.addressees.map(\.state) == [.late, .overdue, .onTime])
        #expect(report.addressees.map(\.daysLate) == [1, 3, 0])
        #expect(report.addressees.map(\.stateText) == ["Trễ 1 ngày", "Chưa gửi (quá hạn 3 ngày)", "Đúng hạn"])
        #expect(report.summaryLine == "2/3 đơn vị đã gửi, 1 trễ hạn; 1 đơn vị quá hạn chưa gửi.")
        #expect("\(report.answered) \(report.onTime) \(report.late) \(report.overdue) \(report.notYetDue)" == "2 1 1 1 0")
    }

    @Test func aMissingAnswerIsNotYetDueOnTheDueDateAndOneDayOverdueTheDayAfter() throws {
        let hub = try Self.hub(today: "2026-11-17")
        var vhttdl = try #require(try hub.query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self).report.addressees
            .first { $0.agency == "vhttdl" })
        #expect(vhttdl.state == .notYetDue && vhttdl.daysLate == 0 && vhttdl.stateText == "Chưa đến hạn")
        hub.today = date("2026-11-18")
        vhttdl = try #require(try hub.query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self).report.addressees
            .first { $0.agency == "vhttdl" })
        #expect(vhttdl.state == .overdue && vhttdl.daysLate == 1)
    }

    @Test func theProvinceFiguresAreTheSumsOfTheAnswersReceivedWithHowManyAgenciesEachComesFrom() throws {
        let report = try Self.hub(today: "2026-11-20").query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self).report
        // Hand count: outreach from both (1 + 2, 1.200 + 350); the rest from one each; VHTTDL adds nothing.
        #expect(report.provinceFigures.map { "\($0.key)=\($0.total)/\($0.agencies)" } == [
            "acts.business.registered=2/1", "acts.incident.reported=3/1", "district.businesses-registered=2/1",
            "incidents.high=1/1", "outreach.campaigns=3/2", "outreach.reach=1550/2",
        ])
    }

    @Test func theCompiledDocumentShowsWhoAnsweredTheSumsAndEachAnswerAndRendersTheSameBytesTwice() throws {
        let answer = try Self.hub(today: "2026-11-20").query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self)
        let document = answer.document
        #expect(document.issuingBody == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" && document.superiorBody == "UBND TỈNH LONG AN")
        #expect(document.subject == "Tổng hợp báo cáo của các đơn vị theo yêu cầu BC-11: Báo cáo tháng 11/2026")
        #expect(document.date == date("2026-11-20"))
        #expect(document.sections.map(\.title) == ["Tình hình gửi báo cáo", "Tổng hợp số liệu toàn tỉnh", "Báo cáo của từng đơn vị"])

        let who = try #require(Self.tables(document.sections[0].blocks).first)
        #expect(who.rows == [
            ["1", "Công an tỉnh", "17/11/2026", "18/11/2026", "Trễ 1 ngày"],
            ["2", "Sở Văn hóa, Thể thao và Du lịch (Đội 814)", "17/11/2026", "—", "Chưa gửi (quá hạn 3 ngày)"],
            ["3", "Thành phố Tân An", "17/11/2026", "17/11/2026", "Đúng hạn"],
        ])
        #expect(document.sections[0].blocks.contains { if case .chart = $0 { true } else { false } })

        let sums = Self.tables(document.sections[1].blocks)
        #expect(sums.map(\.caption) == ["Bảng 2. Hoạt động đã ghi nhận trên hệ thống", "Bảng 3. Quản lý điểm cung cấp dịch vụ Internet trên địa bàn",
                                        "Bảng 4. Sự cố an ninh thông tin", "Bảng 5. Tuyên truyền, phổ biến"])
        #expect(sums.last?.rows == [["1", "Đợt tuyên truyền kết thúc trong kỳ", "3", "2"], ["2", "Lượt người được tuyên truyền", "1.550", "2"]])
        #expect(document.sections[1].blocks.contains { $0 == .paragraph(
            "Số liệu dưới đây là tổng số liệu của 2 đơn vị đã gửi báo cáo; 1 đơn vị chưa gửi báo cáo không được tính.") })

        let each = document.sections[2].subsections
        #expect(each.map(\.title) == ["Công an tỉnh (gửi ngày 18/11/2026, trễ 1 ngày)", "Thành phố Tân An (gửi ngày 17/11/2026, đúng hạn)"])
        // Each answer reads as the agency's own section: the same builder, numbered on from the sums.
        var number = 6
        #expect(each[0].blocks == AgencyAnswerSection.blocks(Self.congAnFigures, note: nil, tableNumber: &number))
        #expect(each[1].blocks.last == .paragraph("Ghi chú, kiến nghị của đơn vị: Đã rà soát số liệu"))

        let html = document.renderHTML()
        #expect(html.contains("Chưa gửi (quá hạn 3 ngày)") && html.contains("<svg"))
        #expect(CompiledReportDocument.make(answer.report, rules: try DomainFixture.loadRules()).renderHTML() == html)
    }

    @Test func onlyTheHubCompilesAndAnUnknownRequestIsNamed() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.request, from: "so-tttt")
        #expect(throws: DomainError.self) { _ = try district.query("report.compiled", ["request": "BC-11"], as: CompiledReportAnswer.self) }
        do {
            _ = try Self.hub(today: "2026-11-20").query("report.compiled", ["request": "BC-99"], as: CompiledReportAnswer.self)
            Issue.record("compiled an unknown request")
        } catch let error as DomainError {
            #expect(error.message.contains("BC-99") && error.message.contains("phoihop reporting list"))
        }
    }

    static func tables(_ blocks: [DocumentBlock]) -> [ReportTable] {
        blocks.compactMap { if case let .table(table) = $0 { table } else { nil } }
    }
}

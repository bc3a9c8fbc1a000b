import Foundation
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// An agency's answer to a report request as its own document (`reporting.section`): issued by
/// that agency, carrying every figure its daemon assembled.
struct AgencyReportDocumentTests {
    static let benLuc = agency("district-ben-luc")

    static func request(_ addressee: AgencyID) -> ReportRequested {
        ReportRequested(requestID: "BC-11", kind: .periodic, subject: "Báo cáo tháng 11/2026", periodFrom: date("2026-10-15"),
                        periodTo: date("2026-11-14"), requestedOn: date("2026-11-15"), dueOn: date("2026-11-17"), addressees: [addressee])
    }

    static func tables(_ document: OfficialDocument) -> [ReportTable] {
        document.sections.flatMap(\.blocks).compactMap { if case let .table(table) = $0 { table } else { nil } }
    }

    @Test func aDistrictsDraftDocumentIsIssuedByItsPeopleCommitteeAndCarriesEveryFigure() throws {
        let district = try DomainFixture("district-ben-luc", role: .district)
        try district.record(BusinessRegistered(businessID: "BL-1", name: "Đại lý BL-1", kind: .internetAgent, district: Self.benLuc,
                                               address: "1 Đường số 3", owner: "Trần Thị Bình", machines: 10, registeredOn: date("2026-11-02")))
        try district.receive(Self.request(Self.benLuc), from: "so-tttt")
        let section = try district.query("reporting.section", ["request": "BC-11", "note": "Số liệu sơ bộ"], as: AgencyReportSection.self)
        let document = section.document

        #expect(document.superiorBody == "UBND TỈNH LONG AN")
        #expect(document.issuingBody == "UBND HUYỆN BẾN LỨC")
        #expect(document.numberLine == "Số: …/BC-UBND")
        #expect(document.placeAndDateLine == "Bến Lức, ngày 20 tháng 11 năm 2026")
        #expect(document.kind == "BÁO CÁO" && document.subject == "Báo cáo tháng 11/2026")
        #expect(document.signature.capacity == "TM. ỦY BAN NHÂN DÂN")
        #expect(section.submittedOn == nil && section.agencyName == "Huyện Bến Lức")

        // Every figure the daemon assembled is a row of a table, with its label and its value.
        let rows = Self.tables(document).flatMap(\.rows)
        #expect(rows.count == section.figures.count)
        for figure in section.figures {
            #expect(rows.contains { $0[1] == figure.label && $0[2] == VietnameseFormat.amount(figure.value) }, "\(figure.key)")
        }
        #expect(section.figures.first { $0.key == "district.businesses-registered" }?.value == 1)
        // One section per topic, acts first, then the note.
        #expect(document.sections.first?.title == "Hoạt động đã ghi nhận trên hệ thống")
        #expect(document.sections.map(\.title).contains("Quản lý điểm cung cấp dịch vụ Internet trên địa bàn"))
        #expect(document.sections.last?.title == "Ghi chú, kiến nghị" && document.sections.last?.blocks == [.paragraph("Số liệu sơ bộ")])
        #expect(Self.tables(document).map(\.caption).first == "Bảng 1. Hoạt động đã ghi nhận trên hệ thống")
        let markdown = document.renderMarkdown()
        #expect(markdown.contains("**UBND HUYỆN BẾN LỨC**") && markdown.contains("Thực hiện yêu cầu báo cáo BC-11 ngày 15/11/2026"))
    }

    @Test func afterAnsweringTheDocumentCarriesTheFiguresAndNoteSentDatedTheDaySent() throws {
        let taiChinh = try DomainFixture("tai-chinh", role: .taiChinh)
        try taiChinh.receive(Self.request(agency("tai-chinh")), from: "so-tttt")
        let sent = [ReportFigure(key: "funding.allocations", label: "Quyết định phân bổ kinh phí", value: 4)]
        try taiChinh.record(ReportSubmitted(requestID: "BC-11", submittedOn: date("2026-11-16"), figures: sent, note: "Gửi kèm bảng kê"))
        let section = try taiChinh.query("reporting.section", ["request": "BC-11"], as: AgencyReportSection.self)
        #expect(section.submittedOn == date("2026-11-16") && section.figures == sent && section.note == "Gửi kèm bảng kê")
        #expect(section.document.issuingBody == "SỞ TÀI CHÍNH" && section.document.symbol == "BC-STC")
        #expect(section.document.placeAndDateLine == "Tân An, ngày 16 tháng 11 năm 2026")
        #expect(Self.tables(section.document).map(\.rows) == [[["1", "Quyết định phân bổ kinh phí", "4"]]])
    }

    @Test(arguments: [
        ("vhttdl", Role.vhttdl, "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BC-SVHTTDL"),
        ("khdt", Role.khdt, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "BC-SKHĐT"),
        ("cong-an", Role.congAn, "CÔNG AN TỈNH", "BC-CAT"),
        ("district-kien-tuong", Role.district, "UBND THỊ XÃ KIẾN TƯỜNG", "BC-UBND"),
    ])
    func eachAgencyHeadsItsReportWithItsOwnNameAndSymbol(id: String, role: Role, issuingBody: String, symbol: String) throws {
        let rules = try DomainFixture.loadRules()
        let unit = try #require(rules.agency(agency(id)))
        let issuer = PeriodicReportDocument.Issuer.agency(unit, rules: rules)
        #expect(unit.role == role)
        #expect(issuer.superiorBody == "UBND TỈNH LONG AN" && issuer.issuingBody == issuingBody && issuer.symbol == symbol)
    }
}

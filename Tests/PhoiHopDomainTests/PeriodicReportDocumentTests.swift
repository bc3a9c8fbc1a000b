import Foundation
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// The periodic report as the hub answers `report.periodic`: an official document whose tables
/// carry the figures, for the period the rules define.
struct PeriodicReportDocumentTests {
    @Test(arguments: [
        (1, "2026-11-14", "tháng 11 năm 2026"), (3, "2026-12-14", "quý IV năm 2026"), (3, "2027-03-14", "quý I năm 2027"),
        (6, "2026-06-14", "6 tháng đầu năm 2026"), (9, "2026-09-14", "9 tháng đầu năm 2026"), (12, "2026-12-14", "năm 2026"),
    ])
    func aPeriodIsNamedAsASubjectNamesIt(months: Int, end: String, name: String) {
        #expect(PeriodicReportDocument.periodName(months: months, endingOn: date(end)) == name)
    }

    @Test func theQuarterlyReportCarriesTheWindowsFiguresInItsTablesAndPrintsAsAnA4Document() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-12-20")
        let tanAn = agency("district-tan-an")
        for (id, day) in [("TA-1", "2026-09-14"), ("TA-2", "2026-10-01"), ("TA-3", "2026-12-01")] {
            try hub.receive(BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
                                               owner: "Trần Thị Bình", machines: 10, registeredOn: date(day)), from: "district-tan-an")
        }
        try hub.receive(ViolationRecorded(violationID: "VP-1", businessID: "TA-2", district: tanAn, category: "ND72-false-information",
                                          observedOn: date("2026-10-02"), evidenceRef: "BB-1", description: "Khai sai"), from: "vhttdl")
        // Certificates issued in the quarter, in the quarter before and in the same quarter of 2025.
        for (no, day) in [("GCN-1", "2026-10-05"), ("GCN-0", "2026-07-01"), ("GCN-9", "2025-10-01")] {
            try hub.receive(CertificateIssued(certificateNo: no, businessID: "TA-1", district: tanAn, kind: .businessRegistration,
                                              issuedOn: date(day), validUntil: date("2030-01-01")), from: "district-tan-an")
        }
        let answer = try hub.query("report.periodic", ["kind": "quarterly", "month": "2026-12"], as: PeriodicReportAnswer.self)

        #expect(answer.figures.window == ReportWindow(from: date("2026-09-15"), to: date("2026-12-14")))
        #expect(answer.document.subject == "Tình hình quản lý dịch vụ Internet trên địa bàn tỉnh Long An quý IV năm 2026")
        #expect(answer.document.date == date("2026-12-20"))
        let tables = answer.document.sections.flatMap(\.blocks).compactMap { block -> ReportTable? in
            if case let .table(table) = block { return table } else { return nil }
        }
        let businesses = try #require(tables.first)
        #expect(businesses.rows.first == ["Thành phố Tân An", "1", "2", "0", "3"])
        #expect(businesses.total == ["Tổng cộng", "1", "2", "0", "3"])
        let certificates = try #require(tables.first { $0.caption.hasPrefix("Bảng 2.") })
        #expect(certificates.header == ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm", "Cùng kỳ năm trước", "Tăng/giảm"])
        #expect(certificates.rows.first == ["Cấp mới", "1", "1", "0", "1", "0"])
        let violations = try #require(tables.first { $0.caption.hasPrefix("Bảng 4.") })
        #expect(violations.total?[2] == "1")
        #expect(answer.document.sections.flatMap(\.blocks).contains { if case .chart = $0 { true } else { false } })

        let html = answer.document.renderHTML()
        #expect(html.contains("size: A4"))
        #expect(html.contains("Số: …/BC-STTTT"))
        #expect(html.contains("<svg"))
        #expect(answer.document.renderHTML() == html, "the same figures render the same bytes")
    }

    /// An ad-hoc report takes any window: here the first ten days of October, compared with the
    /// ten days before (21–30 September).
    @Test func anAdHocReportCountsItsOwnWindowAndComparesWithTheWindowOfTheSameLengthBefore() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-12-20")
        let tanAn = agency("district-tan-an")
        for (id, day) in [("TA-1", "2026-09-20"), ("TA-2", "2026-09-21"), ("TA-3", "2026-10-10"), ("TA-4", "2026-10-11")] {
            try hub.receive(BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
                                               owner: "Trần Thị Bình", machines: 10, registeredOn: date(day)), from: "district-tan-an")
            try hub.receive(CertificateIssued(certificateNo: "GCN-\(id)", businessID: id, district: tanAn, kind: .businessRegistration,
                                              issuedOn: date(day), validUntil: date("2030-01-01")), from: "district-tan-an")
        }
        let answer = try hub.query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-10"], as: PeriodicReportAnswer.self)
        #expect(answer.kind == "ad-hoc")
        #expect(answer.figures.window == ReportWindow(from: date("2026-10-01"), to: date("2026-10-10")))
        #expect(answer.activity.certificates.issued == 1)
        #expect(answer.previousActivity.certificates.issued == 1, "21–30 September: TA-2 only")
        #expect(answer.document.subject.hasSuffix("từ ngày 01/10/2026 đến ngày 10/10/2026"))
        let tanAnRow = answer.figures.businesses.first { $0.district == "district-tan-an" && $0.kind == .internetAgent }
        #expect(tanAnRow.map { [$0.atStart, $0.registered, $0.closed, $0.atEnd] } == [2, 1, 0, 3])

        #expect { try hub.query("report.adhoc", ["from": "2026-10-10", "to": "2026-10-01"], as: PeriodicReportAnswer.self) } throws: { error in
            "\(error)".contains("is after --to")
        }
    }

    @Test func anUnknownPeriodKindIsRefusedNamingTheKinds() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect { try hub.query("report.periodic", ["kind": "weekly", "month": "2026-12"], as: PeriodicReportAnswer.self) } throws: { error in
            "\(error)".contains("'weekly' is not a report period") && "\(error)".contains("quarterly")
        }
    }
}

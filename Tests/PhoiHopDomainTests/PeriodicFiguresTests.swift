import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The periodic report's figures, golden: a scripted fourth quarter with every number worked out
/// by hand, and acts on both sides of each edge of the window (Decree 09/2019's quarter ending in
/// December runs 15/09 to 14/12).
struct PeriodicFiguresTests {
    static let tanAn = "district-tan-an", kienTuong = "district-kien-tuong"

    func business(_ id: String, _ kind: BusinessKind, in district: String, on day: String) -> BusinessRegistered {
        BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: kind, district: agency(district), address: "1 Đường số 3",
                           owner: "Trần Thị Bình", machines: 10, registeredOn: date(day))
    }

    func violation(_ id: String, at business: String, in district: String, on day: String) -> ViolationRecorded {
        ViolationRecorded(violationID: id, businessID: business, district: agency(district), category: "ND72-false-information",
                          observedOn: date(day), evidenceRef: "BB-\(id)", description: "Khai sai thông tin")
    }

    func sanction(_ id: String, on violation: String, at business: String, in district: String, day: String, fine: Int64) -> SanctionDecided {
        SanctionDecided(sanctionID: id, violationID: violation, businessID: business, district: agency(district),
                        decisionNo: "\(id)/QĐ-XPVPHC", decidedOn: date(day), penalty: .fine, fineVND: fine, revokeCertificate: false)
    }

    @Test func aQuartersBusinessesViolationsAndFinesAreCountedExactlyAtTheWindowsEdges() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        // Tân An: one agent from before the quarter (closed on its last day), one on its first day,
        // a game point on its last day, an agent the day after it ends.
        try hub.receive(business("TA-1", .internetAgent, in: Self.tanAn, on: "2026-09-14"), from: Self.tanAn)
        try hub.receive(business("TA-2", .internetAgent, in: Self.tanAn, on: "2026-09-15"), from: Self.tanAn)
        try hub.receive(business("TA-3", .gamePoint, in: Self.tanAn, on: "2026-12-14"), from: Self.tanAn)
        try hub.receive(business("TA-4", .internetAgent, in: Self.tanAn, on: "2026-12-15"), from: Self.tanAn)
        try hub.receive(BusinessClosed(businessID: "TA-1", district: agency(Self.tanAn), closedOn: date("2026-12-14"), reason: "Chủ điểm xin thôi"),
                        from: Self.tanAn)
        try hub.receive(business("KT-1", .publicAccessPoint, in: Self.kienTuong, on: "2026-01-10"), from: Self.kienTuong)
        // A violation found in the quarter and sanctioned in it; one found the day before it and
        // sanctioned in it; one found the day after it.
        try hub.receive(violation("VP-1", at: "TA-2", in: Self.tanAn, on: "2026-10-01"), from: "vhttdl")
        try hub.receive(sanction("XP-1", on: "VP-1", at: "TA-2", in: Self.tanAn, day: "2026-10-05", fine: 5_000_000), from: Self.tanAn)
        try hub.receive(violation("VP-2", at: "TA-1", in: Self.tanAn, on: "2026-09-14"), from: "vhttdl")
        try hub.receive(sanction("XP-2", on: "VP-2", at: "TA-1", in: Self.tanAn, day: "2026-09-20", fine: 6_000_000), from: Self.tanAn)
        try hub.receive(violation("VP-3", at: "KT-1", in: Self.kienTuong, on: "2026-12-15"), from: "vhttdl")
        #expect(try hub.anomalies() == [])

        let quarterly = try #require(hub.rules.reportPeriods.kind("quarterly"))
        let window = try #require(ReportWindow(quarterly, year: 2026, endMonth: 12, rules: hub.rules.reportPeriods))
        #expect(window == ReportWindow(from: date("2026-09-15"), to: date("2026-12-14")))
        let figures = try hub.database.read { db in try PeriodicFigures.compute(db, window: window, rules: hub.rules) }

        func movement(_ district: String, _ kind: BusinessKind) -> [Int] {
            guard let m = figures.businesses.first(where: { $0.district == district && $0.kind == kind }) else { return [] }
            return [m.atStart, m.registered, m.closed, m.atEnd]
        }
        #expect(movement(Self.tanAn, .internetAgent) == [1, 1, 1, 1])
        #expect(movement(Self.tanAn, .gamePoint) == [0, 1, 0, 1])
        #expect(movement(Self.kienTuong, .publicAccessPoint) == [1, 0, 0, 1])
        #expect(movement(Self.kienTuong, .internetAgent) == [0, 0, 0, 0])
        #expect(figures.businesses.count == hub.rules.districts.count * BusinessKind.allCases.count, "every district and kind, zeros included")
        #expect(figures.businesses.allSatisfy { $0.atStart + $0.registered - $0.closed == $0.atEnd })

        #expect(figures.violations == [
            ViolationFigures(district: Self.tanAn, category: "ND72-false-information", found: 1, sanctioned: 2, finesVND: 11_000_000),
        ])
        // The same quarter a year earlier (15/09/2025–14/12/2025) comes before every act: all zeros.
        let before = try hub.database.read { db in try PeriodicFigures.compute(db, window: window.yearBefore, rules: hub.rules) }
        #expect(before.businesses.allSatisfy { $0.atStart + $0.registered + $0.closed + $0.atEnd == 0 })
        #expect(before.violations == [])
    }
}

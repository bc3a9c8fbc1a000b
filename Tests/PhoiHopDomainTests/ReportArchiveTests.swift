import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Stored reports: numbering, the schedule (once per period, catch-up, Vietnam's midnight), and
/// verification against the audit log — which the aggregate tables cannot fool and a changed
/// log entry cannot pass.
struct ReportArchiveTests {
    static let tanAn = "district-tan-an"

    func business(_ id: String, on day: String) -> BusinessRegistered {
        BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: .internetAgent, district: agency(Self.tanAn), address: "1 Đường số 3",
                           owner: "Trần Thị Bình", machines: 10, registeredOn: date(day))
    }

    func issue(_ hub: DomainFixture, _ settings: ReportsSettings = ReportsSettings(), kind: String = "monthly", month: String,
               today: String) throws -> IssuedReport {
        try ReportArchive.issue(hub.database, rules: hub.rules, settings: settings, kind: kind, month: month, trigger: "console",
                                today: date(today), generatedAt: 1)
    }

    func html(_ hub: DomainFixture, _ id: Int64) throws -> String {
        try hub.database.read { db in try ReportArchive.show(db, id: id).html }
    }

    /// Milliseconds since 1970 of a UTC instant "YYYY-MM-DD" + seconds into that day.
    func utc(_ day: String, _ seconds: Int64) -> Int64 { (Int64(date(day).dayNumber) * 86400 + seconds) * 1000 }

    @Test func sequentialNumbersRunPerCalendarYearFromTheFirstNumber() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        var settings = ReportsSettings()
        settings.numbering = .sequential(firstNumber: 5)
        let november = try issue(hub, settings, month: "2026-11", today: "2026-11-20")
        let december = try issue(hub, settings, month: "2026-12", today: "2026-12-16")
        let january = try issue(hub, settings, month: "2027-01", today: "2027-01-15")
        #expect([november.number, december.number, january.number] == [5, 6, 5])
        #expect(december.numberAndSymbol == "6/BC-STTTT")
        #expect(try html(hub, december.id).contains("Số: 6/BC-STTTT"))
    }

    @Test func blankNumberingLeavesTheNumberToTheClericalOfficeAndPrintsTheConfiguredIssuer() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        var settings = ReportsSettings()
        settings.issuer.signerCapacity = "KT. GIÁM ĐỐC"
        settings.issuer.signerPosition = "PHÓ GIÁM ĐỐC"
        settings.issuer.signerName = "Nguyễn Văn A"
        settings.issuer.archivedAt = ["VT", "P.BCVT"]
        let report = try issue(hub, settings, month: "2026-11", today: "2026-11-20")
        #expect(report.number == nil && report.numberAndSymbol == "…/BC-STTTT")
        let page = try html(hub, report.id)
        #expect(page.contains("Số: …/BC-STTTT"))
        #expect(page.contains("KT. GIÁM ĐỐC") && page.contains("PHÓ GIÁM ĐỐC") && page.contains("Nguyễn Văn A"))
        #expect(page.contains("Lưu: VT, P.BCVT."))
    }

    @Test func theScheduleIssuesEachClosedPeriodOnceAndCatchesUpEveryMissedOneAfterAnOutage() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        var settings = ReportsSettings()
        settings.schedule.enabled = true
        settings.schedule.kinds = ["monthly", "quarterly"]
        func run(_ day: String) throws -> [String] {
            try ReportArchive.runSchedule(hub.database, rules: hub.rules, settings: settings, now: 0, today: date(day))
                .map { "\($0.kind) \($0.periodTo)" }
        }
        // First run: the latest closed period of each kind, not the whole history.
        #expect(try run("2026-11-20") == ["monthly 2026-11-14", "quarterly 2026-09-14"])
        #expect(try run("2026-11-20") == [], "never twice")
        #expect(try run("2026-12-14") == [], "December's window is still open on the 14th")
        // Down from 20/11 to 16/01: December and January, and the fourth quarter, once each.
        #expect(try run("2027-01-16") == ["monthly 2026-12-14", "monthly 2027-01-14", "quarterly 2026-12-14"])
        #expect(try run("2027-01-16") == [])
        // Turned off, nothing.
        settings.schedule.enabled = false
        #expect(try run("2027-03-20") == [])
    }

    @Test func theScheduleWaitsForMidnightInVietnamAndTheReportCountsTheActsOfTheCutOffDayOnly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(business("TA-14", on: "2026-11-14"), from: Self.tanAn)
        try hub.receive(business("TA-15", on: "2026-11-15"), from: Self.tanAn)
        var settings = ReportsSettings()
        settings.schedule.enabled = true
        settings.schedule.kinds = ["monthly"]
        func run(at now: Int64) throws -> [IssuedReport] {
            try ReportArchive.runSchedule(hub.database, rules: hub.rules, settings: settings, now: now)
        }
        #expect(try run(at: utc("2026-10-20", 0)).map(\.periodTo) == [date("2026-10-14")])
        // 16:59:59 UTC on the 14th is 23:59:59 in Tân An: November's window is still open.
        #expect(try run(at: utc("2026-11-14", 16 * 3600 + 59 * 60 + 59)).isEmpty)
        // 17:00:00 UTC is midnight of the 15th in Tân An.
        let issued = try run(at: utc("2026-11-14", 17 * 3600))
        #expect(issued.map(\.periodTo) == [date("2026-11-14")])
        #expect(issued.first?.issuedOn == date("2026-11-15"))
        let stored = try hub.database.read { db in try ReportArchive.show(db, id: try #require(issued.first).id) }
        let answer = try JSONDecoder().decode(PeriodicReportAnswer.self, from: Data(stored.answerJSON.utf8))
        let tanAn = answer.figures.businesses.filter { $0.district == Self.tanAn }
        #expect(tanAn.map(\.registered).reduce(0, +) == 1, "the act of the 14th is in, the act of the 15th is not")
    }

    @Test func verifyMatchesOnAnUntouchedStoreAndIgnoresLaterActsAndEditedAggregateTables() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(business("TA-1", on: "2026-10-20"), from: Self.tanAn)
        try hub.receive(business("TA-2", on: "2026-11-02"), from: Self.tanAn)
        let report = try issue(hub, month: "2026-11", today: "2026-11-20")
        #expect(report.logPosition == 2)
        let untouched = try hub.database.read { db in try ReportArchive.verify(db, id: report.id) }
        #expect(untouched.matches, "\(untouched.problems)")
        #expect(untouched.recomputedSHA256 == report.documentSHA256)

        // An act recorded after the report, dated inside its window, and the aggregate tables
        // edited by hand: the report was computed at position 2, from the log, and still verifies.
        try hub.receive(business("TA-3", on: "2026-11-03"), from: Self.tanAn)
        try hub.database.write { db in try db.execute(sql: "DELETE FROM businesses WHERE business_id = 'TA-1'") }
        let after = try hub.database.read { db in try ReportArchive.verify(db, id: report.id) }
        #expect(after.matches, "\(after.problems)")
    }

    @Test func verifyFailsOnceALoggedEntryTheReportCameFromIsAltered() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(business("TA-1", on: "2026-10-20"), from: Self.tanAn)
        try hub.receive(business("TA-2", on: "2026-11-02"), from: Self.tanAn)
        let report = try issue(hub, month: "2026-11", today: "2026-11-20")
        // The registration is moved out of the window in the log itself: a valid body, a broken chain.
        let altered = MessageBody(business("TA-2", on: "2026-11-30")).encoded()
        try hub.database.write { db in try db.execute(sql: "UPDATE message_log SET body = ? WHERE position = 2", arguments: [Data(altered)]) }
        let result = try hub.database.read { db in try ReportArchive.verify(db, id: report.id) }
        #expect(!result.matches)
        #expect(!result.chainMatches && !result.documentMatches && !result.answerMatches)
        #expect(result.problems.contains { $0.contains("bản ghi 2 đã bị sửa") }, "\(result.problems)")
    }

    @Test func aRebuildOfTheAggregateTablesKeepsTheStoredReports() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(business("TA-1", on: "2026-10-20"), from: Self.tanAn)
        let report = try issue(hub, month: "2026-11", today: "2026-11-20")
        _ = try hub.database.write { db in try Projection.rebuild(db) }
        let listed = try hub.database.read { db in try ReportArchive.list(db) }
        #expect(listed == [report])
    }

    @Test func aPeriodWhoseWindowIsStillOpenIsNotIssued() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect { try issue(hub, month: "2026-11", today: "2026-11-14") } throws: { error in
            "\(error)".contains("chưa chốt số liệu (đến hết ngày 14/11/2026)")
        }
        #expect(try hub.database.read { db in try ReportArchive.list(db) }.isEmpty)
        #expect(try issue(hub, month: "2026-11", today: "2026-11-15").issuedOn == date("2026-11-15"))
    }

    @Test func anUnknownArchiveIDIsNamedWithTheWayToList() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect { try hub.query("report.archive.show", ["id": "9"], as: ArchivedReport.self) } throws: { error in
            "\(error)".contains("phoihop report archive list")
        }
        #expect { try hub.query("report.archive.verify", ["id": "x"], as: ArchiveVerification.self) } throws: { error in
            "\(error)".contains("--id: 'x'")
        }
    }
}

import Foundation
import GRDB
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Report requests and answers (Điều 3.5, 11.2).
struct ReportRequestTests {
    static let tanAn = agency("district-tan-an")
    static let congAn = agency("cong-an")

    /// The monthly report of November 2026: 2026-10-15…2026-11-14, due 2026-11-17 (two working days after Saturday the 14th).
    static func monthly(_ id: String = "BC-11", addressees: [AgencyID] = [tanAn, congAn], due: String = "2026-11-17") -> ReportRequested {
        ReportRequested(requestID: id, kind: .periodic, subject: "Báo cáo tháng 11", periodFrom: date("2026-10-15"), periodTo: date("2026-11-14"),
                        requestedOn: date("2026-11-15"), dueOn: date(due), addressees: addressees)
    }

    static func answer(_ on: String = "2026-11-16", figures: [ReportFigure] = [ReportFigure(key: "x", label: "X", value: 1)]) -> ReportSubmitted {
        ReportSubmitted(requestID: "BC-11", submittedOn: date(on), figures: figures, note: nil)
    }

    @Test func theConsoleComputesEachKindOfPeriodAndItsDefaultDueDate() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        let monthly = try hub.query("reporting.period", ["kind": "monthly", "month": "2026-11"], as: ReportPeriodAnswer.self)
        #expect("\(monthly.periodFrom)…\(monthly.periodTo) due \(monthly.dueOn)" == "2026-10-15…2026-11-14 due 2026-11-17")
        let annual = try hub.query("reporting.period", ["kind": "annual", "month": "2026-12"], as: ReportPeriodAnswer.self)
        #expect("\(annual.periodFrom)…\(annual.periodTo) due \(annual.dueOn)" == "2025-12-15…2026-12-14 due 2026-12-16")
        let quarter = try hub.query("reporting.period", ["kind": "quarterly", "month": "2026-09"], as: ReportPeriodAnswer.self)
        #expect("\(quarter.periodFrom)…\(quarter.periodTo)" == "2026-06-15…2026-09-14")
        let six = try hub.query("reporting.period", ["kind": "six-month", "month": "2026-06"], as: ReportPeriodAnswer.self)
        #expect("\(six.periodFrom) due \(six.dueOn)" == "2025-12-15 due 2026-06-16")
        let nine = try hub.query("reporting.period", ["kind": "nine-month", "month": "2026-09"], as: ReportPeriodAnswer.self)
        #expect("\(nine.periodFrom) due \(nine.dueOn)" == "2025-12-15 due 2026-09-16")
    }

    @Test func aQuarterlyPeriodEndingInNovemberIsAnError() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        do {
            _ = try hub.query("reporting.period", ["kind": "quarterly", "month": "2026-11"], as: ReportPeriodAnswer.self)
            Issue.record("a quarter ended in November")
        } catch let error as DomainError {
            #expect(error.message.contains("ends in months 3, 6, 9, 12"))
        }
        #expect(throws: DomainError.self) { _ = try hub.query("reporting.period", ["kind": "weekly", "month": "2026-11"], as: ReportPeriodAnswer.self) }
        #expect(throws: DomainError.self) { _ = try hub.query("reporting.period", ["kind": "monthly", "month": "2026-13"], as: ReportPeriodAnswer.self) }
    }

    @Test func aPeriodicRequestMustCoverAConfiguredPeriodExactly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        var odd = Self.monthly()
        odd.periodFrom = date("2026-10-01")
        #expect(throws: DomainError.self) { try hub.record(odd) }
        odd.kind = .adHoc
        try hub.record(odd)
    }

    @Test func addresseesMustBeAgenciesOfTheProvinceFile() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(throws: DomainError.self) { try hub.record(Self.monthly(addressees: [agency("district-nowhere")])) }
    }

    @Test func aRequestGoesToItsAddresseesWithOneOpenAnswerEach() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(try hub.record(Self.monthly()) == [Self.tanAn, Self.congAn])
        #expect(try hub.count("SELECT count(*) FROM report_answers WHERE request_id = 'BC-11' AND submitted_on IS NULL") == 2)
        #expect(throws: DomainError.self) { try hub.record(Self.monthly()) }
    }

    @Test func onlyAnAddresseeHoldingTheRequestAnswers() throws {
        let khdt = try DomainFixture("khdt", role: .khdt)
        do {
            try khdt.record(Self.answer())
            Issue.record("answered a request it never received")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("rule P36"))
        }
        try khdt.receive(Self.monthly(), from: "so-tttt")
        do {
            try khdt.record(Self.answer())
            Issue.record("a non-addressee answered")
        } catch let error as DomainError {
            #expect(error.message.contains("not an addressee"))
        }
    }

    @Test func anAddresseeAnswersOnceAndALateAnswerIsAcceptedButFlagged() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.monthly(), from: "so-tttt")
        try district.record(Self.answer("2026-11-19"))
        #expect(throws: DomainError.self) { try district.record(Self.answer("2026-11-20")) }
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-30")
        try hub.record(Self.monthly())
        try hub.receive(Self.answer("2026-11-19"), from: "district-tan-an")
        let status = try hub.query("reporting.status", ["request": "BC-11"], as: ReportRequestStatus.self)
        let tanAn = try #require(status.answers.first { $0.agency == "district-tan-an" })
        #expect(tanAn.late && tanAn.daysLate == 2 && tanAn.figures.map(\.key) == ["x"])
        let congAn = try #require(status.answers.first { $0.agency == "cong-an" })
        #expect(congAn.submittedOn == nil && congAn.daysLate == 13)
        #expect(status.summary.answered == 1 && status.summary.answeredLate == 1 && status.summary.overdue == 1 && status.summary.late == 2)
    }

    @Test func anAnswerCannotPrecedeTheRequestOrFollowToday() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.monthly(), from: "so-tttt")
        #expect(throws: DomainError.self) { try district.record(Self.answer("2026-11-14")) }
        #expect(throws: DomainError.self) { try district.record(Self.answer("2026-11-21")) }
    }

    @Test func theHubListsAnsweredTotalAndLateAsOfToday() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-17")
        try hub.record(Self.monthly())
        try hub.receive(Self.answer("2026-11-16"), from: "cong-an")
        var list = try hub.query("reporting.list", as: [ReportRequestSummary].self)
        #expect(list.map { "\($0.answered)/\($0.total) late \($0.late)" } == ["1/2 late 0"])
        hub.today = date("2026-11-18")
        list = try hub.query("reporting.list", as: [ReportRequestSummary].self)
        #expect(list.map { "\($0.answered)/\($0.total) late \($0.late)" } == ["1/2 late 1"])
    }

    @Test func aSecondAnswerOrAnAnswerToAnUnknownRequestIsAnAnomalyAtTheHub() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.answer(), from: "cong-an")
        try hub.record(Self.monthly())
        try hub.receive(Self.answer(), from: "cong-an")
        try hub.receive(Self.answer(), from: "cong-an")
        #expect(try hub.anomalies().count == 2)
    }

    /// Sets every logged act's send time to noon, Vietnam time, on `day`.
    static func dateLog(_ fixture: DomainFixture, _ day: String) throws {
        let noon = Int64(date(day).dayNumber) * 86_400_000 + 5 * 3_600_000
        try fixture.database.write { db in try db.execute(sql: "UPDATE message_log SET sent_at = ?", arguments: [noon]) }
    }

    @Test func aDistrictsDraftCountsItsActsAndRegistryFiguresOverThePeriod() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        for (id, day) in [("TA-1", "2026-10-20"), ("TA-2", "2026-11-14"), ("TA-3", "2026-11-15")] {
            try district.record(BusinessRegistered(businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: Self.tanAn,
                                                   address: "1 Đường số 3", owner: "Trần Thị Bình", machines: 10, registeredOn: date(day)))
        }
        try Self.dateLog(district, "2026-11-10")
        try district.database.write { db in
            try db.execute(sql: """
                INSERT INTO certificates (certificate_no, business_id, district, kind, issued_on, valid_until, status, revoked_on)
                VALUES ('C1', 'TA-1', 'district-tan-an', 'game-point', '2026-10-21', '2029-10-20', 'valid', NULL),
                       ('C2', 'TA-2', 'district-tan-an', 'game-point', '2025-01-02', '2028-01-01', 'revoked', '2026-11-01'),
                       ('C3', 'TA-0', 'district-tan-an', 'game-point', '2024-01-02', '2027-01-01', 'revoked', '2026-11-20')
                """)
        }
        try district.receive(Self.monthly(), from: "so-tttt")
        let draft = try district.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self)
        let figures = Dictionary(uniqueKeysWithValues: draft.figures.map { ($0.key, $0.value) })
        #expect(figures["acts.business.registered"] == 3)
        #expect(figures["acts.report.requested"] == nil)       // relayed by the hub, not this agency's act
        #expect(figures["district.businesses-registered"] == 2)
        #expect(figures["district.certificates-issued"] == 1)
        #expect(figures["district.certificates-revoked"] == 1)
        #expect(figures["district.certificates-active"] == 2) // C1, and C3 revoked only after the cut-off
        #expect(draft.figures.allSatisfy { !$0.label.isEmpty })
    }

    @Test func actsSentOutsideThePeriodInVietnamTimeAreNotCounted() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        try congAn.record(SecurityTests.incident("SC-1", on: "2026-11-02", severity: .high))
        // 2026-11-14 23:30 in Vietnam is 16:30 UTC: inside the period; 2026-11-15 00:30 in Vietnam is outside.
        let inside = Int64(date("2026-11-14").dayNumber) * 86_400_000 + (16 * 60 + 30) * 60_000
        try congAn.database.write { db in try db.execute(sql: "UPDATE message_log SET sent_at = ?", arguments: [inside]) }
        try congAn.receive(Self.monthly(), from: "so-tttt")
        var figures = try congAn.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.incident.reported" }?.value == 1)
        #expect(figures.first { $0.key == "incidents.high" }?.value == 1)
        try congAn.database.write { db in
            try db.execute(sql: "UPDATE message_log SET sent_at = ? WHERE type = 'incident.reported'", arguments: [inside + 60 * 60_000])
        }
        figures = try congAn.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.incident.reported" } == nil)
        #expect(figures.first { $0.key == "incidents.high" }?.value == 1)     // counted by the incident's own date
    }
}

/// What an addressee's own daemon shows of a request it received.
struct ReportRequestVisibilityTests {
    @Test func anAddresseeSeesOnlyItsOwnAnswerNotTheOthersAsOverdue() throws {
        let district = try DomainFixture("district-tan-an", role: .district, today: "2026-11-30")
        try district.receive(ReportRequested(
            requestID: "BC-1", kind: .adHoc, subject: "Báo cáo đột xuất", periodFrom: date("2026-11-01"), periodTo: date("2026-11-14"),
            requestedOn: date("2026-11-15"), dueOn: date("2026-11-17"),
            addressees: [agency("district-tan-an"), agency("cong-an")]), from: "so-tttt")
        let status = try district.query("reporting.status", ["request": "BC-1"], as: ReportRequestStatus.self)
        #expect(status.answers.map(\.agency) == ["district-tan-an"])
    }
}

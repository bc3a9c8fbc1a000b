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
            #expect(error.message.contains("kết thúc vào các tháng 3, 6, 9, 12") && error.message.contains("quarterly"))
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
            #expect(error.message.hasPrefix("quy tắc P36"))
        }
        try khdt.receive(Self.monthly(), from: "so-tttt")
        do {
            try khdt.record(Self.answer())
            Issue.record("a non-addressee answered")
        } catch let error as DomainError {
            #expect(error.message.contains("không phải đơn vị phải báo cáo") && error.message.contains("BC-11"))
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

    /// Sets every logged act's send time to noon, Vietnam time, on `day`: when the act crossed the
    /// bus, which the act counts must ignore.
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
        // All three recorded after the period (as a month recorded late is): each counts by the day it took effect.
        try Self.dateLog(district, "2026-11-25")
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
        #expect(figures["acts.business.registered"] == 2)      // TA-1, TA-2; TA-3 took effect after the cut-off
        #expect(figures["acts.report.requested"] == nil)       // relayed by the hub, not this agency's act
        #expect(figures["district.businesses-registered"] == 2)
        #expect(figures["district.certificates-issued"] == 1)
        #expect(figures["district.certificates-revoked"] == 1)
        #expect(figures["district.certificates-active"] == 2) // C1, and C3 revoked only after the cut-off
        #expect(draft.figures.allSatisfy { !$0.label.isEmpty })
    }

    @Test func actsAreCountedByTheDayTheyTookEffectWithBothEndsOfThePeriodIncluded() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        // The period is 2026-10-15…2026-11-14: its first and last days count, the days either side do not.
        for (id, day) in [("SC-0", "2026-10-14"), ("SC-1", "2026-10-15"), ("SC-2", "2026-11-14"), ("SC-3", "2026-11-15")] {
            try congAn.record(SecurityTests.incident(id, on: day, severity: .high))
        }
        #expect(try congAn.count("SELECT count(*) FROM message_log WHERE type = 'incident.reported' AND act_on IS NOT NULL") == 4)
        // When they crossed the bus does not matter: all logged inside the period, then all after it.
        try Self.dateLog(congAn, "2026-11-01")
        try congAn.receive(Self.monthly(), from: "so-tttt")
        var figures = try congAn.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.incident.reported" }?.value == 2)
        #expect(figures.first { $0.key == "incidents.high" }?.value == 2)     // the aggregate, by the incident's own date
        try Self.dateLog(congAn, "2026-12-20")
        figures = try congAn.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.incident.reported" }?.value == 2)
        // Moving the last day's act one day out drops it.
        try congAn.database.write { db in
            try db.execute(sql: "UPDATE message_log SET act_on = '2026-11-15' WHERE act_on = '2026-11-14' AND type = 'incident.reported'")
        }
        figures = try congAn.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.incident.reported" }?.value == 1)
    }

    @Test func anActWithoutADateOfItsOwnIsInNoPeriodsActCounts() throws {
        let gddt = try DomainFixture("gddt", role: .gddt)
        try gddt.record(SchoolProgrammeReported(programmeID: "CT-1", title: "Internet trong trường học", schoolYear: "2026-2027",
                                                schools: 10, ruralSchools: 4, students: 900))
        try gddt.receive(Self.monthly(addressees: [agency("gddt")]), from: "so-tttt")
        let figures = try gddt.query("reporting.draft", ["request": "BC-11"], as: ReportDraft.self).figures
        #expect(figures.first { $0.key == "acts.school-programme.reported" } == nil)
        #expect(figures.first { $0.key == "schools.programmes" }?.value == 1)   // the cumulative figure still has it
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

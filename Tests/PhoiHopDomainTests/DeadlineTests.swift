import GRDB
import PhoiHopStore
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// The deadline board and the hub's reminder duty (Điều 11.2, "theo dõi, đôn đốc").
struct DeadlineTests {
    func hub(today: String) throws -> DomainFixture { try DomainFixture("so-tttt", role: .hub, today: today) }

    func board(_ f: DomainFixture, _ parameters: [String: String] = [:]) throws -> DeadlineBoardView {
        try f.query("deadlines.board", parameters, as: DeadlineBoardView.self)
    }

    func remindersDue(_ f: DomainFixture) throws -> [DeadlineReminded] {
        try f.database.read { db in try DeadlineWatch.remindersDue(f.context(db)) }.compactMap { $0.as(DeadlineReminded.self) }
    }

    /// Runs the duty as the hub does: each reminder due is checked and recorded.
    @discardableResult
    func runWatch(_ f: DomainFixture) throws -> [DeadlineReminded] {
        let due = try remindersDue(f)
        for reminder in due { try f.record(reminder) }
        return due
    }

    func sql(_ f: DomainFixture, _ statements: String) throws {
        try f.database.write { db in try db.execute(sql: statements) }
    }

    // MARK: Standing

    @Test(arguments: [(-1, DeadlineStanding.overdue), (0, .dueSoon), (3, .dueSoon), (4, .onTime)])
    func dueSoonIsWithinThreeWorkingDaysOfTheDeadline(daysLeft: Int, standing: DeadlineStanding) {
        #expect(DeadlineBoard.standing(daysLeft: daysLeft, dueSoonWorkingDays: 3) == standing)
    }

    @Test func daysLeftCountWorkingDays() throws {
        let f = try hub(today: "2026-11-06")   // Friday
        try f.record(Cases.received("KN-1", on: "2026-11-02"))   // due Thursday 12/11
        let item = try #require(try board(f).items.first)
        #expect(item.subject == .caseAcceptance && item.responsible == .hub)
        #expect(item.dueOn == date("2026-11-12") && item.daysLeft == 4 && item.standing == .onTime)
        f.today = date("2026-11-09")
        #expect(try board(f).items.first?.standing == .dueSoon)
        f.today = date("2026-11-13")
        #expect(try board(f).items.first.map { "\($0.daysLeft) \($0.standing.rawValue)" } == "-1 overdue")
    }

    // MARK: Items of every group

    @Test func theBoardListsEveryKindOfOpenItem() throws {
        let f = try hub(today: "2026-11-20")
        try f.record(Cases.received("KN-1", on: "2026-11-16"))
        try f.record(Cases.received("KN-2", on: "2026-11-02"))
        try f.record(Cases.accepted("KN-2"))
        try f.record(Cases.assigned("KN-2", to: "district-tan-an", due: "2026-11-18"))
        try sql(f, """
            INSERT INTO certificate_applications (application_id, business_id, district, kind, request, received_on)
              VALUES ('HS-1', 'BL-1', 'district-ben-luc', 'game-point-eligibility', 'new', '2026-11-10'),
                     ('HS-2', 'BL-2', 'district-ben-luc', 'game-point-eligibility', 'new', '2026-11-10');
            UPDATE certificate_applications SET decided_on = '2026-11-12' WHERE application_id = 'HS-2';
            INSERT INTO report_requests (request_id, kind, subject, period_from, period_to, requested_on, due_on)
              VALUES ('BC-1', 'ad-hoc', 'Báo cáo nhanh', '2026-11-01', '2026-11-15', '2026-11-16', '2026-11-25');
            INSERT INTO report_answers (request_id, agency, submitted_on) VALUES ('BC-1', 'cong-an', NULL), ('BC-1', 'khdt', '2026-11-18');
            INSERT INTO guidance (guidance_id, topic, title, document_ref, issued_on, summary, published_by)
              VALUES ('HD-1', 'registry', 'Hướng dẫn đăng ký', '01/HD-STTTT', '2026-11-02', 'x', 'so-tttt');
            INSERT INTO guidance_addressees (guidance_id, addressee, acknowledged_on) VALUES ('HD-1', 'vhttdl', NULL), ('HD-1', 'gddt', '2026-11-03');
            """)
        let items = try board(f).items
        func item(_ subject: DeadlineSubject) -> DeadlineItem? { items.first { $0.subject == subject } }
        #expect(items.count == 6)
        #expect(item(.caseAcceptance).map { "\($0.subjectID) \($0.dueOn)" } == "KN-1 2026-11-26")
        #expect(item(.caseResolution).map { "\($0.subjectID) \($0.dueOn)" } == "KN-2 2026-12-03")
        #expect(item(.caseVerification).map { "\($0.responsible) \($0.standing.rawValue)" } == "district-tan-an overdue")
        // New game-point certificate: 10 working days from 10/11 → 24/11.
        #expect(item(.certificateApplication).map { "\($0.subjectID) \($0.responsible) \($0.dueOn)" } == "HS-1 district-ben-luc 2026-11-24")
        #expect(item(.reportRequest).map { "\($0.subjectID) \($0.responsible) \($0.dueOn)" } == "BC-1@cong-an cong-an 2026-11-25")
        // Guidance: 10 working days from 2/11 → 16/11, the province's own practice.
        #expect(item(.guidanceAcknowledgement).map { "\($0.subjectID) \($0.dueOn) \($0.rule)" } == "HD-1@vhttdl 2026-11-16 guidance-acknowledge")
        #expect(try board(f, ["agency": "cong-an"]).items.map(\.subject) == [.reportRequest])
        #expect(try board(f, ["state": "overdue"]).items.map(\.subject) == [.guidanceAcknowledgement, .caseVerification])
    }

    @Test func anAgencySeesOnlyWhatItIsResponsibleFor() throws {
        let d = try DomainFixture("district-tan-an", role: .district, today: "2026-11-20")
        try d.record(Cases.received("KN-1", on: "2026-11-02"))
        try d.receive(Cases.accepted("KN-1"), from: "so-tttt")
        #expect(try board(d).items.isEmpty)   // resolution is the hub's
        try d.receive(Cases.assigned("KN-1", to: "district-tan-an", due: "2026-11-24"), from: "so-tttt")
        let view = try board(d, ["agency": "so-tttt"])   // an agency cannot look at another's board
        #expect(view.items.map(\.subject) == [.caseVerification])
        #expect(view.items.first?.standing == .dueSoon)
    }

    @Test func aDeadlineBeyondTheHolidayTableIsFlagged() throws {
        let f = try hub(today: "2026-12-28")
        try f.record(Cases.received("TC-1", .denunciation, on: "2026-12-28"))   // 7 working days → January 2027
        let item = try #require(try board(f).items.first)
        #expect(item.dueOn.year == 2027)
        #expect(!item.calendarCovered)
        try f.record(Cases.received("KN-1", on: "2026-12-01"))
        #expect(try board(f).items.first { $0.subjectID == "KN-1" }?.calendarCovered == true)
    }

    // MARK: Reminders

    @Test func overdueAndDueSoonItemsAreRemindedOnce() throws {
        let f = try hub(today: "2026-11-20")
        try f.record(Cases.received("KN-1", on: "2026-11-02"))   // acceptance overdue (12/11)
        try f.record(Cases.received("KN-2", on: "2026-11-13"))   // acceptance 23/11: due soon
        try f.record(Cases.received("KN-3", on: "2026-11-19"))   // 30/11 (29/11 is a Sunday): on time
        let first = try runWatch(f)
        #expect(first.map { "\($0.subjectID):\($0.state.rawValue)" } == ["KN-1:overdue", "KN-2:due-soon"])
        #expect(try remindersDue(f).isEmpty)
        #expect(try f.count("SELECT COUNT(*) FROM reminders") == 2)
        // Later the due-soon item falls overdue: one new reminder, in the new state.
        f.today = date("2026-11-25")
        #expect(try runWatch(f).map { "\($0.subjectID):\($0.state.rawValue)" } == ["KN-2:overdue", "KN-3:due-soon"])
        #expect(try remindersDue(f).isEmpty)
        expectRefused { try f.record(first[0]) }
    }

    @Test func anExtensionMovesTheDeadlineAndAllowsANewReminder() throws {
        let f = try hub(today: "2026-12-03")
        try f.record(Cases.received("TC-1", .denunciation, on: "2026-10-26"))
        try f.record(Cases.accepted("TC-1", on: "2026-11-02", .complex))   // due 2/12
        #expect(try runWatch(f).map(\.state) == [.overdue])
        #expect(try runWatch(f).isEmpty)
        try f.record(Cases.extended("TC-1", "01/QĐ-STTTT", on: "2026-12-01", days: 5))   // due 7/12 (Monday): due soon
        let again = try runWatch(f)
        #expect(again.map { "\($0.state.rawValue) \($0.dueOn)" } == ["due-soon 2026-12-07"])
        #expect(try board(f).items.first?.lastReminder?.dueOn == date("2026-12-07"))
    }

    @Test func aReminderGoesToTheResponsibleAgencyNotToTheHubItself() throws {
        let f = try hub(today: "2026-11-20")
        try f.record(Cases.received("KN-1", on: "2026-11-02"))
        try f.record(Cases.accepted("KN-1"))
        try f.record(Cases.assigned("KN-1", to: "district-tan-an", due: "2026-11-10"))
        let due = try remindersDue(f)
        #expect(due.map(\.subject) == [.caseVerification])
        #expect(try f.record(due[0]) == [agency("district-tan-an")])
        try f.record(Cases.received("KN-2", on: "2026-11-02"))
        let own = try remindersDue(f)
        #expect(own.map(\.responsible) == [.hub])
        #expect(try f.record(own[0]).isEmpty)
        #expect(try board(f).reminders.count == 2)
    }

    @Test func anAgencySeesTheRemindersItReceived() throws {
        let d = try DomainFixture("district-tan-an", role: .district, today: "2026-11-20")
        try d.receive(DeadlineReminded(subject: .caseVerification, subjectID: "KN-1", responsible: agency("district-tan-an"),
                                       dueOn: date("2026-11-10"), state: .overdue, remindedOn: date("2026-11-20")), from: "so-tttt")
        #expect(try board(d).reminders.map(\.subjectID) == ["KN-1"])
        #expect(try d.database.read { db in try DeadlineWatch.remindersDue(d.context(db)) }.isEmpty)
    }

    @Test func aBoardFilterOutsideItsValuesIsRefusedNamingTheValues() throws {
        let f = try hub(today: "2026-11-20")
        do { _ = try board(f, ["state": "late"]); Issue.record("expected a refusal") } catch {
            #expect("\(error)".contains("--state: 'late' không phải một trong các giá trị: on-time, due-soon, overdue"), "\(error)")
        }
        do { _ = try board(f, ["agency": "Công an"]); Issue.record("expected a refusal") } catch {
            #expect("\(error)".contains("--agency: 'Công an' không phải mã cơ quan, đơn vị hợp lệ"), "\(error)")
        }
    }

    @Test func aReminderToAnAgencyOutsideTheProvinceIsRefused() throws {
        let f = try hub(today: "2026-11-20")
        let reminder = DeadlineReminded(subject: .caseVerification, subjectID: "KN-1", responsible: agency("district-nowhere"),
                                        dueOn: date("2026-11-10"), state: .overdue, remindedOn: date("2026-11-20"))
        do { try f.record(reminder); Issue.record("expected a refusal") } catch {
            #expect("\(error)".contains("'district-nowhere' không phải cơ quan, đơn vị của tỉnh Long An"), "\(error)")
        }
    }

    func expectRefused(_ body: () throws -> Void) {
        do { try body(); Issue.record("expected a refusal") } catch {
            #expect("\(error)".contains("việc thụ lý đơn KN-1 đã được nhắc (quá hạn) với thời hạn 12/11/2026"), "\(error)")
        }
    }
}

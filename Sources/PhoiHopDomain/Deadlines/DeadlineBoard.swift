public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol

/// How an open item stands against its legal deadline.
public enum DeadlineStanding: String, Codable, Sendable, CaseIterable {
    case onTime = "on-time"
    /// Within `dueSoonWorkingDays` working days of the deadline (the deadline day included).
    case dueSoon = "due-soon"
    case overdue

    public var vietnameseName: String {
        switch self {
        case .onTime: "Trong hạn"
        case .dueSoon: "Sắp đến hạn"
        case .overdue: "Quá hạn"
        }
    }

    /// The reminder state an item in this standing is pushed with (none while on time).
    public var reminderState: DeadlineState? {
        switch self {
        case .onTime: nil
        case .dueSoon: .dueSoon
        case .overdue: .overdue
        }
    }
}

/// A `deadline.reminded` as the `reminders` table holds it.
public struct ReminderEntry: Codable, Sendable, Equatable {
    public var subject: DeadlineSubject
    public var subjectID: String
    public var responsible: AgencyID
    public var dueOn: CivilDate
    public var state: DeadlineState
    public var remindedOn: CivilDate
}

/// One open item of the deadline board.
public struct DeadlineItem: Codable, Sendable, Equatable {
    public var subject: DeadlineSubject
    /// The case, application or guidance id; `REQUEST@agency` for a report answer and
    /// `GUIDANCE@agency` for an acknowledgement (one item per agency).
    public var subjectID: String
    public var summary: String
    public var responsible: AgencyID
    /// The event the limit runs from (receipt, acceptance, assignment, application, issue …).
    public var startedOn: CivilDate
    public var dueOn: CivilDate
    /// The rule id of config/rules (or the file and field) the deadline comes from.
    public var rule: String
    /// Working days from today to the deadline; negative when overdue.
    public var daysLeft: Int
    public var standing: DeadlineStanding
    /// False when the period runs into a year config/rules/holidays.yaml does not list: the
    /// deadline may miss a holiday ("lịch nghỉ chưa cập nhật").
    public var calendarCovered: Bool
    /// The latest reminder pushed for this item and deadline, if any.
    public var lastReminder: ReminderEntry?
}

/// The hub's deadline board (Điều 11.2, "theo dõi, đôn đốc"): every open item with a legal
/// deadline, computed from the tables and the rules as of `today`.
public enum DeadlineBoard {
    public static func items(_ db: Database, rules: ProvinceRules, today: CivilDate) throws -> [DeadlineItem] {
        let calendar = LegalCalendar(rules.holidays)
        let reminders = try latestReminders(db)
        var items: [DeadlineItem] = []
        func add(_ subject: DeadlineSubject, _ id: String, _ summary: String, _ responsible: AgencyID, from start: CivilDate,
                 due: CivilDate, rule: String) {
            let left = calendar.workingDays(from: today, to: due)
            items.append(DeadlineItem(
                subject: subject, subjectID: id, summary: summary, responsible: responsible, startedOn: start, dueOn: due, rule: rule,
                daysLeft: left, standing: standing(daysLeft: left, dueSoonWorkingDays: rules.deadlines.dueSoonWorkingDays),
                calendarCovered: calendar.covers(start) && calendar.covers(due),
                lastReminder: reminders[ReminderKey(subject: subject, id: id, due: due)]))
        }

        for record in try CaseRecord.fetchAll(db, where: "status IN ('received', 'accepted')") {
            let summary = "\(record.kind.vietnameseName): \(record.subject)"
            let deadlines = CaseDeadlines(record, extensions: try CaseRecord.extensions(db, record.caseID), rules: rules)
            switch record.status {
            case .received:
                add(.caseAcceptance, record.caseID, summary, .hub, from: record.receivedOn, due: deadlines.acceptanceDue,
                    rule: deadlines.acceptanceRule)
            case .accepted:
                if let due = deadlines.resolutionDue, let acceptedOn = record.acceptedOn {
                    add(.caseResolution, record.caseID, summary, .hub, from: acceptedOn, due: due, rule: deadlines.resolutionRule ?? "")
                }
                if let assignee = record.assignee, let due = record.verificationDueOn, record.verifiedOn == nil {
                    add(.caseVerification, record.caseID, summary, assignee, from: record.assignedOn ?? due, due: due,
                        rule: "complaint.assigned dueOn")
                }
            case .refused, .resolved:
                break
            }
        }

        for row in try Row.fetchAll(db, sql: """
            SELECT application_id, business_id, district, kind, request, received_on FROM certificate_applications
            WHERE decided_on IS NULL ORDER BY received_on, application_id
            """) {
            guard let kind = CertificateKind(rawValue: row["kind"]), let request = CertificateRequest(rawValue: row["request"]),
                  let rule = rules.certificates.rule(kind), let days = rule.processingDays[request],
                  let district = AgencyID(rawValue: row["district"]), let received = try? CivilDate(parsing: row["received_on"])
            else { continue }
            add(.certificateApplication, row["application_id"], "\(kind.vietnameseName) — \(request.vietnameseName), \(row["business_id"] as String)",
                district, from: received, due: calendar.deadline(after: received, days: days, counting: rule.processingCounting),
                rule: "certificates.yaml \(kind.rawValue).processing.\(request.rawValue)")
        }

        for row in try Row.fetchAll(db, sql: """
            SELECT r.request_id, r.subject, r.requested_on, r.due_on, a.agency FROM report_requests r
            JOIN report_answers a ON a.request_id = r.request_id
            WHERE a.submitted_on IS NULL ORDER BY r.due_on, r.request_id, a.agency
            """) {
            guard let agency = AgencyID(rawValue: row["agency"]), let due = try? CivilDate(parsing: row["due_on"]),
                  let requested = try? CivilDate(parsing: row["requested_on"]) else { continue }
            add(.reportRequest, "\(row["request_id"] as String)@\(agency)", row["subject"], agency, from: requested, due: due,
                rule: "report.requested dueOn")
        }

        let acknowledge = rules.deadlines.rule("guidance-acknowledge")
        for row in try Row.fetchAll(db, sql: """
            SELECT g.guidance_id, g.title, g.issued_on, a.addressee FROM guidance g
            JOIN guidance_addressees a ON a.guidance_id = g.guidance_id
            WHERE a.acknowledged_on IS NULL ORDER BY g.issued_on, g.guidance_id, a.addressee
            """) {
            guard let addressee = AgencyID(rawValue: row["addressee"]), let issued = try? CivilDate(parsing: row["issued_on"]) else { continue }
            add(.guidanceAcknowledgement, "\(row["guidance_id"] as String)@\(addressee)", row["title"], addressee, from: issued,
                due: calendar.deadline(after: issued, days: acknowledge.days("normal"), counting: acknowledge.counting),
                rule: acknowledge.id)
        }
        return items.sorted { ($0.dueOn, $0.subject.rawValue, $0.subjectID) < ($1.dueOn, $1.subject.rawValue, $1.subjectID) }
    }

    /// Overdue past the deadline; due soon from `dueSoonWorkingDays` working days before it.
    public static func standing(daysLeft: Int, dueSoonWorkingDays: Int) -> DeadlineStanding {
        daysLeft < 0 ? .overdue : daysLeft <= dueSoonWorkingDays ? .dueSoon : .onTime
    }

    /// Every reminder recorded here, newest first.
    public static func reminders(_ db: Database, responsible: AgencyID? = nil) throws -> [ReminderEntry] {
        let condition = responsible == nil ? "1" : "responsible = ?"
        let arguments: StatementArguments = responsible.map { [$0.rawValue] } ?? []
        return try Row.fetchAll(db, sql: """
            SELECT * FROM reminders WHERE \(condition) ORDER BY reminded_on DESC, due_on DESC, subject, subject_id, state
            """, arguments: arguments).compactMap { row in
            guard let subject = DeadlineSubject(rawValue: row["subject"]), let state = DeadlineState(rawValue: row["state"]),
                  let responsible = AgencyID(rawValue: row["responsible"]), let due = try? CivilDate(parsing: row["due_on"]),
                  let reminded = try? CivilDate(parsing: row["reminded_on"]) else { return nil }
            return ReminderEntry(subject: subject, subjectID: row["subject_id"], responsible: responsible, dueOn: due, state: state,
                                 remindedOn: reminded)
        }
    }

    /// Whether `state` was already pushed for this item and due date.
    public static func wasReminded(_ db: Database, _ subject: DeadlineSubject, _ id: String, _ state: DeadlineState, dueOn: CivilDate) throws -> Bool {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM reminders WHERE subject = ? AND subject_id = ? AND state = ? AND due_on = ?
            """, arguments: [subject.rawValue, id, state.rawValue, dueOn.description]) ?? 0 > 0
    }

    private struct ReminderKey: Hashable {
        var subject: DeadlineSubject
        var id: String
        var due: CivilDate
    }

    private static func latestReminders(_ db: Database) throws -> [ReminderKey: ReminderEntry] {
        var latest: [ReminderKey: ReminderEntry] = [:]
        // Newest first; an overdue reminder outranks a due-soon one of the same day.
        for entry in try reminders(db).sorted(by: { ($0.remindedOn, $0.state == .overdue ? 1 : 0) > ($1.remindedOn, $1.state == .overdue ? 1 : 0) }) {
            let key = ReminderKey(subject: entry.subject, id: entry.subjectID, due: entry.dueOn)
            if latest[key] == nil { latest[key] = entry }
        }
        return latest
    }
}

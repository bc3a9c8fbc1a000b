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
/// deadline (the open entries of ``DeadlineLedger``), as of `today`.
public enum DeadlineBoard {
    public static func items(_ db: Database, rules: ProvinceRules, today: CivilDate) throws -> [DeadlineItem] {
        let calendar = LegalCalendar(rules.holidays)
        let reminders = try latestReminders(db)
        return try DeadlineLedger.entries(db, rules: rules, openOnly: true).map { entry in
            let left = calendar.workingDays(from: today, to: entry.dueOn)
            return DeadlineItem(
                subject: entry.subject, subjectID: entry.subjectID, summary: entry.summary, responsible: entry.responsible,
                startedOn: entry.startedOn, dueOn: entry.dueOn, rule: entry.rule, daysLeft: left,
                standing: standing(daysLeft: left, dueSoonWorkingDays: rules.deadlines.dueSoonWorkingDays),
                calendarCovered: entry.calendarCovered,
                lastReminder: reminders[ReminderKey(subject: entry.subject, id: entry.subjectID, due: entry.dueOn)])
        }.sorted { ($0.dueOn, $0.subject.rawValue, $0.subjectID) < ($1.dueOn, $1.subject.rawValue, $1.subjectID) }
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

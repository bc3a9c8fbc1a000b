import PhoiHopConfig
import PhoiHopProtocol

/// What `phoihop deadlines` shows: the open items and the reminders pushed.
public struct DeadlineBoardView: Codable, Sendable, Equatable {
    public var today: CivilDate
    public var dueSoonWorkingDays: Int
    public var items: [DeadlineItem]
    /// The reminders recorded here (at an agency: those it received), newest first.
    public var reminders: [ReminderEntry]
    /// The years config/rules/holidays.yaml lists completely.
    public var coveredYears: ClosedRange<Int>
}

extension ConsoleQueries {
    static let deadlines: [ConsoleQuery] = [
        ConsoleQuery("deadlines.board", "Các việc có thời hạn luật định: còn bao nhiêu ngày làm việc, sắp đến hạn, quá hạn (--agency, --state, --subject)") { context in
            // An agency sees only what it is responsible for; the hub sees the province, or one agency.
            let own: AgencyID? = context.role == .hub ? try context.parameters["agency"].map(ConsoleQueries.agency) : context.agency
            var items = try DeadlineBoard.items(context.db, rules: context.rules, today: context.today)
            if let own { items = items.filter { $0.responsible == own } }
            if let state = context.parameters["state"] {
                guard let standing = DeadlineStanding(rawValue: state) else {
                    throw DomainError("--state: '\(state)' không phải một trong các giá trị: \(DeadlineStanding.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                items = items.filter { $0.standing == standing }
            }
            if let subject = context.parameters["subject"] { items = items.filter { $0.subject.rawValue == subject } }
            return DeadlineBoardView(today: context.today, dueSoonWorkingDays: context.rules.deadlines.dueSoonWorkingDays, items: items,
                                     reminders: try DeadlineBoard.reminders(context.db, responsible: own),
                                     coveredYears: context.rules.holidays.coveredYears)
        },
    ]

    static func agency(_ text: String) throws -> AgencyID {
        guard let id = AgencyID(rawValue: text) else { throw DomainError("--agency: '\(text)' không phải mã cơ quan, đơn vị hợp lệ (ví dụ: cong-an, district-tan-an)") }
        return id
    }
}

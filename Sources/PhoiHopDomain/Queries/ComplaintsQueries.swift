import GRDB
import PhoiHopConfig
import PhoiHopProtocol

/// One case as `complaint list` shows it, with its computed limits.
public struct CaseSummary: Codable, Sendable, Equatable {
    public var caseID: String
    public var kind: ComplaintKind
    public var round: Int
    public var receivedOn: CivilDate
    public var receivedBy: AgencyID
    public var district: AgencyID?
    public var remoteArea: Bool
    public var subject: String
    public var status: CaseStatus
    public var complexity: CaseComplexity?
    public var assignee: AgencyID?
    /// The open step's deadline: acceptance while received, resolution while accepted.
    public var nextDueOn: CivilDate?
    /// Working days to `nextDueOn`; negative when overdue.
    public var daysLeft: Int?
    public var standing: DeadlineStanding?
    public var deadlines: CaseDeadlines
}

/// One case with its whole workflow state (`complaint show`).
public struct CaseDetail: Codable, Sendable, Equatable {
    public var record: CaseRecord
    public var deadlines: CaseDeadlines
    public var extensions: [CaseExtension]
    public var reminders: [ReminderEntry]
}

/// A district unit and whether the longer, remote-area limits apply there (the console's default
/// for a case's `remoteArea`).
public struct DistrictFlag: Codable, Sendable, Equatable {
    public var id: AgencyID
    public var name: String
    public var remoteArea: Bool
}

/// Complaint figures of one kind (`complaint stats`).
public struct CaseStatistics: Codable, Sendable, Equatable {
    public var kind: ComplaintKind
    public var received: Int
    public var awaitingAcceptance: Int
    public var refused: Int
    /// Received or accepted, not resolved.
    public var open: Int
    /// Open and past the acceptance or resolution limit.
    public var overdue: Int
    public var acceptedLate: Int
    public var resolvedOnTime: Int
    public var resolvedLate: Int
}

extension ConsoleQueries {
    static let complaints: [ConsoleQuery] = [
        ConsoleQuery("complaint.list", "Danh sách đơn khiếu nại, tố cáo (--status, --kind, --district, --assignee, --state)") { context in
            try ComplaintsQueries.summaries(context).filter { summary in
                context.parameters["state"].map { summary.standing?.rawValue == $0 } ?? true
            }
        },
        ConsoleQuery("complaint.show", "Toàn bộ quá trình giải quyết một đơn (--case ID)") { context in
            let id = try context.required("case")
            guard let record = try CaseRecord.fetch(context.db, id) else {
                throw DomainError("đơn \(id) không có trong hồ sơ của \(context.agency); kiểm tra lại mã đơn (phoihop complaint list)")
            }
            let extensions = try CaseRecord.extensions(context.db, id)
            return CaseDetail(record: record, deadlines: CaseDeadlines(record, extensions: extensions, rules: context.rules),
                              extensions: extensions,
                              reminders: try DeadlineBoard.reminders(context.db).filter { $0.subjectID == id && $0.subject.isCase })
        },
        ConsoleQuery("complaint.districts", "Các địa bàn và cờ vùng sâu, vùng xa của tệp tỉnh") { context in
            context.rules.districts.map { DistrictFlag(id: $0.id, name: $0.name, remoteArea: $0.remoteArea) }
        },
        ConsoleQuery("complaint.stats", "Thống kê đơn theo loại: đang giải quyết, quá hạn, giải quyết đúng hạn / trễ hạn") { context in
            let summaries = try ComplaintsQueries.summaries(context)
            return ComplaintKind.allCases.map { kind in
                let of = summaries.filter { $0.kind == kind }
                return CaseStatistics(
                    kind: kind, received: of.count, awaitingAcceptance: of.count { $0.status == .received },
                    refused: of.count { $0.status == .refused },
                    open: of.count { $0.status == .received || $0.status == .accepted },
                    overdue: of.count { $0.standing == .overdue },
                    acceptedLate: of.count { $0.deadlines.acceptedLate == true },
                    resolvedOnTime: of.count { $0.deadlines.resolvedLate == false },
                    resolvedLate: of.count { $0.deadlines.resolvedLate == true })
            }
        },
    ]
}

enum ComplaintsQueries {
    static func summaries(_ context: QueryContext) throws -> [CaseSummary] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        for (parameter, column) in [("status", "status"), ("kind", "kind"), ("district", "district"), ("assignee", "assignee")] {
            if let value = context.parameters[parameter] { conditions.append("\(column) = ?"); arguments.append(value) }
        }
        let records = try CaseRecord.fetchAll(context.db, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "),
                                              StatementArguments(arguments))
        return try records.map { record in
            let deadlines = CaseDeadlines(record, extensions: try CaseRecord.extensions(context.db, record.caseID), rules: context.rules)
            let next: CivilDate? = switch record.status {
            case .received: deadlines.acceptanceDue
            case .accepted: deadlines.resolutionDue
            case .refused, .resolved: nil
            }
            let left = next.map { context.calendar.workingDays(from: context.today, to: $0) }
            return CaseSummary(
                caseID: record.caseID, kind: record.kind, round: record.round, receivedOn: record.receivedOn, receivedBy: record.receivedBy,
                district: record.district, remoteArea: record.remoteArea, subject: record.subject, status: record.status,
                complexity: record.complexity, assignee: record.assignee, nextDueOn: next, daysLeft: left,
                standing: left.map { DeadlineBoard.standing(daysLeft: $0, dueSoonWorkingDays: context.rules.deadlines.dueSoonWorkingDays) },
                deadlines: deadlines)
        }
    }
}

extension DeadlineSubject {
    /// Whether the subject id is a case id.
    var isCase: Bool { self == .caseAcceptance || self == .caseResolution || self == .caseVerification }
}

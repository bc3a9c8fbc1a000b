public import GRDB
public import PhoiHopProtocol
import PhoiHopStore

/// Where a case stands in its workflow (the `cases.status` column).
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case received
    case accepted
    case refused
    case resolved

    public var vietnameseName: String {
        switch self {
        case .received: "Đã tiếp nhận"
        case .accepted: "Đã thụ lý"
        case .refused: "Không thụ lý"
        case .resolved: "Đã giải quyết"
        }
    }
}

/// One written extension of a denunciation's resolution limit (`case_extensions`).
public struct CaseExtension: Codable, Sendable, Equatable {
    public var extendedOn: CivilDate
    public var days: Int
    public var ground: String
    public var decisionRef: String
}

/// A complaint or denunciation as this daemon's `cases` table holds it.
public struct CaseRecord: Codable, Sendable, Equatable {
    public var caseID: String
    public var kind: ComplaintKind
    public var round: Int
    public var receivedOn: CivilDate
    public var complainant: String
    public var subject: String
    public var businessID: String?
    public var district: AgencyID?
    public var remoteArea: Bool
    public var actOn: CivilDate?
    public var receivedBy: AgencyID
    public var status: CaseStatus
    public var acceptedOn: CivilDate?
    public var complexity: CaseComplexity?
    public var refusedOn: CivilDate?
    public var refusalGround: String?
    public var assignee: AgencyID?
    public var assignedOn: CivilDate?
    public var verificationDueOn: CivilDate?
    public var verifiedOn: CivilDate?
    public var findings: String?
    public var resolvedOn: CivilDate?
    public var outcome: CaseOutcome?
    public var decisionRef: String?

    /// The case `id`, or nil when this daemon has not seen it.
    public static func fetch(_ db: Database, _ id: String) throws -> CaseRecord? {
        try fetchAll(db, where: "case_id = ?", [id]).first
    }

    /// The cases matching an SQL condition on `cases`, in order of receipt.
    public static func fetchAll(_ db: Database, where condition: String = "1", _ arguments: StatementArguments = []) throws -> [CaseRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Column.list) FROM cases WHERE \(condition) ORDER BY received_on, case_id", arguments: arguments)
            .map(CaseRecord.init(row:))
    }

    /// The columns read, in the order selected. A row is read by position: by name, GRDB looks
    /// each column up case-insensitively, for every row — a quarter of a report's time over ten
    /// years of complaints (docs/PERFORMANCE.md).
    enum Column: Int, CaseIterable {
        case caseID, kind, round, receivedOn, complainant, subject, businessID, district, remoteArea, actOn, receivedBy, status
        case acceptedOn, complexity, refusedOn, refusalGround, assignee, assignedOn, verificationDueOn, verifiedOn, findings
        case resolvedOn, outcome, decisionRef

        /// The table's column names, in the cases' order.
        static let names = [
            "case_id", "kind", "round", "received_on", "complainant", "subject", "business_id", "district", "remote_area", "act_on",
            "received_by", "status", "accepted_on", "complexity", "refused_on", "refusal_ground", "assignee", "assigned_on",
            "verification_due_on", "verified_on", "findings", "resolved_on", "outcome", "decision_ref",
        ]
        static let list = names.joined(separator: ", ")
    }

    /// A row of `SELECT \(Column.list)`.
    init(row: Row) {
        func value<T: DatabaseValueConvertible>(_ column: Column) -> T { row[column.rawValue] }
        func day(_ column: Column) -> CivilDate? { (value(column) as String?).flatMap { try? CivilDate(parsing: $0) } }
        func agency(_ column: Column) -> AgencyID? { (value(column) as String?).flatMap(AgencyID.init(rawValue:)) }
        caseID = value(.caseID)
        kind = ComplaintKind(rawValue: value(.kind)) ?? .complaint
        round = value(.round)
        receivedOn = day(.receivedOn) ?? CivilDate(dayNumber: 0)
        complainant = value(.complainant)
        subject = value(.subject)
        businessID = value(.businessID)
        district = agency(.district)
        remoteArea = value(.remoteArea)
        actOn = day(.actOn)
        receivedBy = agency(.receivedBy) ?? .hub
        status = CaseStatus(rawValue: value(.status)) ?? .received
        acceptedOn = day(.acceptedOn)
        complexity = (value(.complexity) as String?).flatMap(CaseComplexity.init(rawValue:))
        refusedOn = day(.refusedOn)
        refusalGround = value(.refusalGround)
        assignee = agency(.assignee)
        assignedOn = day(.assignedOn)
        verificationDueOn = day(.verificationDueOn)
        verifiedOn = day(.verifiedOn)
        findings = value(.findings)
        resolvedOn = day(.resolvedOn)
        outcome = (value(.outcome) as String?).flatMap(CaseOutcome.init(rawValue:))
        decisionRef = value(.decisionRef)
    }

    /// The written extensions of the case, oldest first.
    public static func extensions(_ db: Database, _ id: String) throws -> [CaseExtension] {
        try Row.fetchAll(db, cached: "SELECT * FROM case_extensions WHERE case_id = ? ORDER BY extended_on, decision_ref", arguments: [id])
            .map(caseExtension(row:))
    }

    /// The written extensions of every case `condition` selects (as in ``fetchAll(_:where:_:)``),
    /// by case, oldest first: one query for a report's cases instead of one per case.
    public static func extensions(_ db: Database, ofCasesWhere condition: String, _ arguments: StatementArguments) throws -> [String: [CaseExtension]] {
        var extensions: [String: [CaseExtension]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT * FROM case_extensions WHERE case_id IN (SELECT case_id FROM cases WHERE \(condition))
            ORDER BY case_id, extended_on, decision_ref
            """, arguments: arguments) {
            extensions[row["case_id"], default: []].append(caseExtension(row: row))
        }
        return extensions
    }

    static func caseExtension(row: Row) -> CaseExtension {
        CaseExtension(extendedOn: (try? CivilDate(parsing: row["extended_on"])) ?? CivilDate(dayNumber: 0), days: row["days"],
                      ground: row["ground"], decisionRef: row["decision_ref"])
    }

    /// What an officer reads of the case's state in a refusal, in Vietnamese, e.g.
    /// "đã có thông báo không thụ lý ngày 05/11/2026 (lý do: quá thời hiệu)".
    public var stateText: String {
        func on(_ date: CivilDate?) -> String { date?.vietnameseText ?? "?" }
        return switch status {
        case .received: "mới tiếp nhận ngày \(receivedOn.vietnameseText), chưa thụ lý"
        case .accepted: "đã thụ lý ngày \(on(acceptedOn))"
        case .refused: "đã có thông báo không thụ lý ngày \(on(refusedOn)) (lý do: \(refusalGround ?? ""))"
        case .resolved: "đã giải quyết ngày \(on(resolvedOn)) (quyết định \(decisionRef ?? ""))"
        }
    }
}

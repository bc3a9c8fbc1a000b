import PhoiHopConfig
import GRDB
import PhoiHopProtocol
import PhoiHopStore

/// One inspection plan with what is still missing: who has not confirmed, which targets have no finding.
public struct InspectionPlanRow: Codable, Sendable, Equatable {
    public var planID: String
    public var kind: String
    public var title: String
    public var lead: String
    public var participants: [String]
    public var startsOn: String
    public var endsOn: String
    /// "open" or "concluded".
    public var status: String
    /// Open and past its end date.
    public var overdue: Bool
    public var missingConfirmations: [String]
    public var targets: Int
    /// Targets no participant has recorded a finding on; for a concluded plan, the gaps it was concluded with.
    public var missingTargets: [String]
    public var concludedOn: String?
}

/// One finding (biên bản) on one business.
public struct InspectionFindingRow: Codable, Sendable, Equatable {
    public var inspectionID: String
    public var planID: String?
    public var businessID: String
    public var district: String
    public var kind: String
    public var conductedOn: String
    public var outcome: String
    public var findings: String
    public var recordedBy: String
}

public struct InspectionConfirmationRow: Codable, Sendable, Equatable {
    public var agency: String
    public var confirmedOn: String
    public var officers: String
}

/// A target of a plan with the participants that have recorded a finding on it and those that have not.
public struct InspectionTargetRow: Codable, Sendable, Equatable {
    public var businessID: String
    public var inspectedBy: [String]
    public var notYetBy: [String]
}

/// A plan with everything known of it.
public struct InspectionPlanDetail: Codable, Sendable, Equatable {
    public var plan: InspectionPlanRow
    public var plannedBy: String?
    public var confirmations: [InspectionConfirmationRow]
    public var targets: [InspectionTargetRow]
    public var findings: [InspectionFindingRow]
    public var conclusion: String?
}

extension ConsoleQueries {
    static let inspections: [ConsoleQuery] = [
        ConsoleQuery("inspection.list", "Kế hoạch kiểm tra, còn thiếu xác nhận và kết quả (--status open|concluded, --kind, --lead)") { context in
            try InspectionQueries.plans(context)
        },
        ConsoleQuery("inspection.show", "Toàn bộ một kế hoạch kiểm tra: xác nhận, kết quả từng điểm, kết luận (--plan ID)") { context in
            let planID = try context.required("plan")
            guard let plan = try InspectionRecords.plan(context.db, planID) else {
                throw DomainError("kế hoạch kiểm tra \(planID) không có trong hồ sơ của \(context.agency); kiểm tra lại mã (phoihop inspection list)")
            }
            return try InspectionQueries.detail(context, plan)
        },
        ConsoleQuery("inspection.records", "Các lượt kiểm tra đã ghi (--plan ID, --district, --outcome, --independent true)") { context in
            var filters: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let plan = context.parameters["plan"] { filters.append("plan_id = ?"); arguments.append(plan) }
            if let district = context.parameters["district"] { filters.append("district = ?"); arguments.append(district) }
            if let outcome = context.parameters["outcome"] { filters.append("outcome = ?"); arguments.append(outcome) }
            if context.parameters["independent"] == "true" { filters.append("plan_id IS NULL") }
            let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
            return try InspectionQueries.findings(context.db, "\(whereClause) ORDER BY conducted_on, inspection_id", StatementArguments(arguments))
        },
    ]
}

enum InspectionQueries {
    static func plans(_ context: QueryContext) throws -> [InspectionPlanRow] {
        var filters: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        switch context.parameters["status"] {
        case nil, "all": break
        case "open": filters.append("concluded_on IS NULL")
        case "concluded": filters.append("concluded_on IS NOT NULL")
        case let other?: throw DomainError("--status: '\(other)' không hợp lệ; chọn một trong: open, concluded, all")
        }
        if let kind = context.parameters["kind"] { filters.append("kind = ?"); arguments.append(kind) }
        if let lead = context.parameters["lead"] { filters.append("lead = ?"); arguments.append(lead) }
        let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        return try Row.fetchAll(context.db, sql: "SELECT * FROM inspection_plans \(whereClause) ORDER BY starts_on, plan_id",
                                arguments: StatementArguments(arguments))
            .map { try row(context, StoredPlan($0)) }
    }

    /// Whether this daemon receives every participant's confirmations and findings: the hub and
    /// the plan's lead do; another participant knows only its own.
    static func seesAllParticipants(_ context: QueryContext, _ plan: StoredPlan) -> Bool {
        context.role == .hub || plan.lead == context.agency
    }

    static func row(_ context: QueryContext, _ plan: StoredPlan) throws -> InspectionPlanRow {
        let confirmed = Set(try String.fetchAll(context.db, sql: "SELECT agency FROM inspection_confirmations WHERE plan_id = ?",
                                                arguments: [plan.planID]))
        let seesAll = seesAllParticipants(context, plan)
        let accountable = plan.participants.map(\.rawValue).filter { seesAll || $0 == context.agency.rawValue }
        let missingTargets: [String]
        if seesAll {
            missingTargets = try InspectionRecords.targetsWithoutFinding(context.db, plan.planID)
        } else {
            let mine = Set(try String.fetchAll(
                context.db, sql: "SELECT business_id FROM inspections WHERE plan_id = ? AND recorded_by = ?",
                arguments: [plan.planID, context.agency.rawValue]))
            missingTargets = plan.targets.filter { !mine.contains($0) }
        }
        return InspectionPlanRow(
            planID: plan.planID, kind: plan.kind, title: plan.title, lead: plan.lead.rawValue,
            participants: plan.participants.map(\.rawValue), startsOn: plan.startsOn, endsOn: plan.endsOn,
            status: plan.concludedOn == nil ? "open" : "concluded",
            overdue: plan.concludedOn == nil && plan.endsOn < context.today.description,
            missingConfirmations: accountable.filter { !confirmed.contains($0) },
            targets: plan.targets.count, missingTargets: missingTargets,
            concludedOn: plan.concludedOn)
    }

    static func detail(_ context: QueryContext, _ plan: StoredPlan) throws -> InspectionPlanDetail {
        let findings = try findings(context.db, "WHERE plan_id = ? ORDER BY conducted_on, inspection_id", [plan.planID])
        // Only heads record findings; a participant of another role (e.g. KH-ĐT) is not expected to.
        let seesAll = seesAllParticipants(context, plan)
        let recorders = plan.participants.filter { participant in
            (seesAll || participant == context.agency)
                && (context.rules.agency(participant).map { [.hub, .congAn, .vhttdl, .district].contains($0.role) } ?? false)
        }.map(\.rawValue)
        let targets = plan.targets.map { target in
            let by = findings.filter { $0.businessID == target }.map(\.recordedBy)
            // A district records findings only on its own territory.
            let district = findings.first { $0.businessID == target }?.district
                ?? (try? ProvinceQueries.businessDistrict(context.db, businessID: target))??.rawValue
            let expected = recorders.filter { !$0.hasPrefix("district-") || $0 == district }
            return InspectionTargetRow(businessID: target, inspectedBy: by, notYetBy: expected.filter { !by.contains($0) })
        }
        let confirmations = try Row.fetchAll(
            context.db, sql: "SELECT * FROM inspection_confirmations WHERE plan_id = ? ORDER BY confirmed_on, agency",
            arguments: [plan.planID]
        ).map { InspectionConfirmationRow(agency: $0["agency"], confirmedOn: $0["confirmed_on"], officers: $0["officers"]) }
        return InspectionPlanDetail(plan: try row(context, plan), plannedBy: plan.plannedBy, confirmations: confirmations,
                                    targets: targets, findings: findings, conclusion: plan.conclusion)
    }

    static func findings(_ db: Database, _ tail: String, _ arguments: StatementArguments) throws -> [InspectionFindingRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM inspections \(tail)", arguments: arguments).map { row in
            InspectionFindingRow(
                inspectionID: row["inspection_id"], planID: row["plan_id"], businessID: row["business_id"], district: row["district"],
                kind: row["kind"], conductedOn: row["conducted_on"], outcome: row["outcome"], findings: row["findings"],
                recordedBy: row["recorded_by"])
        }
    }
}

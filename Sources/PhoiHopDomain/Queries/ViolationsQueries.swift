import PhoiHopConfig
import GRDB
import PhoiHopProtocol
import PhoiHopStore

/// One violation with the stage its file has reached.
public struct ViolationRow: Codable, Sendable, Equatable {
    public var violationID: String
    public var businessID: String
    public var district: String
    /// The district's Vietnamese name from the province file ("Thành phố Tân An"), for the console.
    public var districtName: String? = nil
    public var category: String
    public var observedOn: String
    public var recordedBy: String
    public var inspectionID: String?
    /// recorded, sanctioned, followed-up, closed.
    public var stage: String
    public var fineVND: Int64?
    public var closedOn: String?
}

public struct SanctionRow: Codable, Sendable, Equatable {
    public var sanctionID: String
    public var decisionNo: String
    public var decidedOn: String
    public var penalty: String
    public var fineVND: Int64?
    public var suspensionMonths: Int?
    public var revokeCertificate: Bool
    public var certificateNo: String?
    public var decidedBy: String
}

public struct FollowUpRow: Codable, Sendable, Equatable {
    public var checkedOn: String
    public var remedied: Bool
    public var note: String
    public var checkedBy: String
}

/// A violation's whole file.
public struct ViolationDetail: Codable, Sendable, Equatable {
    public var violation: ViolationRow
    public var categoryTitle: String?
    public var categorySource: String?
    public var evidenceRef: String
    public var description: String
    public var sanction: SanctionRow?
    public var followUps: [FollowUpRow]
    public var closedOutcome: String?
    /// The payments towards the sanction's fine and what remains (``FineAccount``).
    public var fine: FineAccount
}

/// Violations of one district and category in a period, with their fines.
public struct ViolationStatsRow: Codable, Sendable, Equatable {
    public var district: String
    /// The district's Vietnamese name from the province file, for the console.
    public var districtName: String? = nil
    public var category: String
    public var violations: Int
    public var sanctioned: Int
    public var closed: Int
    public var finesVND: Int64
}

extension ConsoleQueries {
    static let violations: [ConsoleQuery] = [
        ConsoleQuery("violation.list", "Vi phạm (--district, --category, --status open|closed, --from, --to, --business)") { context in
            let (whereClause, arguments) = try ViolationQueries.filters(context)
            return try ViolationQueries.rows(context, "\(whereClause) ORDER BY v.observed_on, v.violation_id", arguments)
        },
        ConsoleQuery("violation.show", "Toàn bộ hồ sơ một vi phạm: xử phạt, nộp phạt, kiểm tra khắc phục, kết thúc (--violation ID)") { context in
            let id = try context.required("violation")
            guard let violation = try ViolationQueries.rows(context, "WHERE v.violation_id = ?", [id]).first else {
                throw DomainError("vi phạm \(id) không có trong hồ sơ của \(context.agency); kiểm tra lại mã (phoihop violation list)")
            }
            let row = try Row.fetchOne(context.db, sql: "SELECT * FROM violations WHERE violation_id = ?", arguments: [id])!
            let sanction = try Row.fetchOne(context.db, sql: "SELECT * FROM sanctions WHERE violation_id = ? ORDER BY sanction_id LIMIT 1",
                                            arguments: [id]).map { s in
                SanctionRow(sanctionID: s["sanction_id"], decisionNo: s["decision_no"], decidedOn: s["decided_on"], penalty: s["penalty"],
                            fineVND: s["fine_vnd"], suspensionMonths: s["suspension_months"], revokeCertificate: s["revoke_certificate"],
                            certificateNo: s["certificate_no"], decidedBy: s["decided_by"])
            }
            let followUps = try Row.fetchAll(context.db, sql: "SELECT * FROM violation_follow_ups WHERE violation_id = ? ORDER BY checked_on",
                                             arguments: [id]).map { f in
                FollowUpRow(checkedOn: f["checked_on"], remedied: f["remedied"], note: f["note"], checkedBy: f["checked_by"])
            }
            let category = context.rules.violationCategory(violation.category)
            return ViolationDetail(violation: violation, categoryTitle: category?.title, categorySource: category?.source,
                                   evidenceRef: row["evidence_ref"], description: row["description"], sanction: sanction,
                                   followUps: followUps, closedOutcome: row["closed_outcome"],
                                   fine: try FineAccount.of(context.db, violationID: id, fineVND: sanction?.fineVND))
        },
        ConsoleQuery("violation.stats", "Thống kê vi phạm theo huyện và danh mục, tổng tiền phạt (--from, --to, --district, --category)") { context in
            let (whereClause, arguments) = try ViolationQueries.filters(context)
            return try Row.fetchAll(context.db, sql: """
                SELECT v.district, v.category, count(*) AS n, count(s.sanction_id) AS sanctioned,
                       count(v.closed_on) AS closed, coalesce(sum(s.fine_vnd), 0) AS fines
                FROM violations v LEFT JOIN sanctions s ON s.sanction_id =
                    (SELECT min(sanction_id) FROM sanctions WHERE violation_id = v.violation_id)
                \(whereClause) GROUP BY v.district, v.category ORDER BY v.district, v.category
                """, arguments: arguments).map { row in
                ViolationStatsRow(district: row["district"], districtName: ViolationQueries.districtName(context, row["district"]),
                                  category: row["category"], violations: row["n"], sanctioned: row["sanctioned"],
                                  closed: row["closed"], finesVND: row["fines"])
            }
        },
    ]
}

enum ViolationQueries {
    static func filters(_ context: QueryContext) throws -> (String, StatementArguments) {
        var filters: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let district = context.parameters["district"] { filters.append("v.district = ?"); arguments.append(district) }
        if let category = context.parameters["category"] { filters.append("v.category = ?"); arguments.append(category) }
        if let business = context.parameters["business"] { filters.append("v.business_id = ?"); arguments.append(business) }
        if let from = try context.date("from") { filters.append("v.observed_on >= ?"); arguments.append(from.description) }
        if let to = try context.date("to") { filters.append("v.observed_on <= ?"); arguments.append(to.description) }
        switch context.parameters["status"] {
        case nil, "all": break
        case "open": filters.append("v.closed_on IS NULL")
        case "closed": filters.append("v.closed_on IS NOT NULL")
        case let other?: throw DomainError("--status: '\(other)' không hợp lệ; chọn một trong: open, closed, all")
        }
        return (filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// The Vietnamese name the province file gives a district id, if it names one.
    static func districtName(_ context: QueryContext, _ id: String) -> String? {
        AgencyID(rawValue: id).flatMap { context.rules.district($0)?.name }
    }

    static func rows(_ context: QueryContext, _ tail: String, _ arguments: StatementArguments) throws -> [ViolationRow] {
        try Row.fetchAll(context.db, sql: """
            SELECT v.*, (SELECT fine_vnd FROM sanctions WHERE violation_id = v.violation_id ORDER BY sanction_id LIMIT 1) AS fine,
                   EXISTS (SELECT 1 FROM sanctions WHERE violation_id = v.violation_id) AS sanctioned,
                   EXISTS (SELECT 1 FROM violation_follow_ups WHERE violation_id = v.violation_id) AS followed
            FROM violations v \(tail)
            """, arguments: arguments).map { row in
            let closed: String? = row["closed_on"]
            let stage = closed != nil ? "closed" : (row["followed"] as Bool) ? "followed-up" : (row["sanctioned"] as Bool) ? "sanctioned" : "recorded"
            return ViolationRow(
                violationID: row["violation_id"], businessID: row["business_id"], district: row["district"],
                districtName: districtName(context, row["district"]), category: row["category"],
                observedOn: row["observed_on"], recordedBy: row["recorded_by"], inspectionID: row["inspection_id"], stage: stage,
                fineVND: row["fine"], closedOn: closed)
        }
    }
}

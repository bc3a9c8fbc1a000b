import PhoiHopConfig
import GRDB
import PhoiHopProtocol
import PhoiHopStore

public struct FireSafetyGuidanceRow: Codable, Sendable, Equatable {
    public var guidanceID: String
    public var issuedOn: String
    public var title: String
    public var documentRef: String
    public var audience: [String]
    public var summary: String
    public var issuedBy: String
}

public struct FireSafetyCheckRow: Codable, Sendable, Equatable {
    public var checkID: String
    public var businessID: String
    public var district: String
    /// The district's Vietnamese name from the province file, for the console.
    public var districtName: String? = nil
    public var checkedOn: String
    public var result: String
    public var deficiencies: String?
    public var checkedBy: String
}

/// Checks per district: how many, passed, failed.
public struct FireSafetyDistrictRow: Codable, Sendable, Equatable {
    public var district: String
    /// The district's Vietnamese name from the province file, for the console.
    public var districtName: String? = nil
    public var checks: Int
    public var passed: Int
    public var failed: Int
}

extension ConsoleQueries {
    static let fireSafety: [ConsoleQuery] = [
        ConsoleQuery("fire-safety.list", "Hướng dẫn phòng cháy, chữa cháy của Công an tỉnh") { context in
            try Row.fetchAll(context.db, sql: "SELECT * FROM fire_safety_guidance ORDER BY issued_on, guidance_id").map { row in
                FireSafetyGuidanceRow(
                    guidanceID: row["guidance_id"], issuedOn: row["issued_on"], title: row["title"], documentRef: row["document_ref"],
                    audience: (row["audience"] as String).splitColumnList, summary: row["summary"], issuedBy: row["issued_by"])
            }
        },
        ConsoleQuery("fire-safety.checks", "Các lượt kiểm tra PCCC (--district, --result passed|failed, --business)") { context in
            var filters: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let district = context.parameters["district"] { filters.append("district = ?"); arguments.append(district) }
            if let result = context.parameters["result"] {
                guard FireSafetyResult(rawValue: result) != nil else { throw DomainError("--result: '\(result)' không hợp lệ; chọn một trong: passed, failed") }
                filters.append("result = ?"); arguments.append(result)
            }
            if let business = context.parameters["business"] { filters.append("business_id = ?"); arguments.append(business) }
            let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
            return try Row.fetchAll(context.db, sql: "SELECT * FROM fire_safety_checks \(whereClause) ORDER BY checked_on, check_id",
                                    arguments: StatementArguments(arguments)).map { row in
                FireSafetyCheckRow(
                    checkID: row["check_id"], businessID: row["business_id"], district: row["district"],
                    districtName: ViolationQueries.districtName(context, row["district"]), checkedOn: row["checked_on"],
                    result: row["result"], deficiencies: row["deficiencies"], checkedBy: row["checked_by"])
            }
        },
        ConsoleQuery("fire-safety.districts", "Kết quả kiểm tra PCCC theo huyện: số lượt, đạt, không đạt") { context in
            try Row.fetchAll(context.db, sql: """
                SELECT district, count(*) AS n, sum(result = 'passed') AS passed, sum(result = 'failed') AS failed
                FROM fire_safety_checks GROUP BY district ORDER BY district
                """).map { FireSafetyDistrictRow(district: $0["district"], districtName: ViolationQueries.districtName(context, $0["district"]),
                                             checks: $0["n"], passed: $0["passed"], failed: $0["failed"]) }
        },
    ]
}

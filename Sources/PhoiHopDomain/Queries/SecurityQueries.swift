import GRDB
import PhoiHopConfig
import PhoiHopProtocol

/// One information-security incident (Điều 4.2).
public struct IncidentRow: Codable, Sendable, Equatable {
    public var incidentID: String
    public var district: String?
    public var occurredOn: String
    public var severity: String
    public var severityName: String
    public var summary: String
    public var reportedBy: String
    public var affectedBusiness: String?
    public var measures: String?
}

/// How many incidents of one severity.
public struct SeverityCount: Codable, Sendable, Equatable {
    public var severity: String
    public var severityName: String
    public var count: Int
}

/// One security advisory (Điều 4.1).
public struct AdvisoryRow: Codable, Sendable, Equatable {
    public var advisoryID: String
    public var issuedOn: String
    public var severity: String
    public var severityName: String
    public var title: String
    public var advice: String
    public var issuedBy: String
}

extension ConsoleQueries {
    static let security: [ConsoleQuery] = [
        ConsoleQuery("incident.list", "Sự cố an ninh thông tin (--severity, --district, --from, --to)") { context in
            try SecurityQueries.incidents(context)
        },
        ConsoleQuery("incident.counts", "Số sự cố theo mức độ (--district, --from, --to)") { context in
            let incidents = try SecurityQueries.incidents(context)
            return IncidentSeverity.allCases.map { severity in
                SeverityCount(severity: severity.rawValue, severityName: severity.vietnameseName,
                              count: incidents.filter { $0.severity == severity.rawValue }.count)
            }
        },
        ConsoleQuery("incident.show", "Một sự cố (--id)") { context in
            let id = try context.required("id")
            guard let row = try Row.fetchOne(context.db, sql: "SELECT * FROM incidents WHERE incident_id = ?", arguments: [id]) else {
                throw DomainError("sự cố \(id) không có trong dữ liệu của \(context.agency); xem danh sách: phoihop incident list")
            }
            return SecurityQueries.incident(row)
        },
        ConsoleQuery("advisory.list", "Cảnh báo an ninh thông tin (--severity, --from, --to)") { context in
            var sql = "SELECT * FROM advisories WHERE 1"
            var arguments: [String] = []
            if let severity = context.parameters["severity"] { sql += " AND severity = ?"; arguments.append(severity) }
            if let from = try context.date("from") { sql += " AND issued_on >= ?"; arguments.append(from.description) }
            if let to = try context.date("to") { sql += " AND issued_on <= ?"; arguments.append(to.description) }
            return try Row.fetchAll(context.db, sql: sql + " ORDER BY issued_on DESC, advisory_id", arguments: StatementArguments(arguments)).map { row in
                let severity: String = row["severity"]
                return AdvisoryRow(
                    advisoryID: row["advisory_id"], issuedOn: row["issued_on"], severity: severity,
                    severityName: IncidentSeverity(rawValue: severity)?.vietnameseName ?? severity, title: row["title"],
                    advice: row["advice"], issuedBy: row["issued_by"])
            }
        },
    ]
}

enum SecurityQueries {
    static func incidents(_ context: QueryContext) throws -> [IncidentRow] {
        var sql = "SELECT * FROM incidents WHERE 1"
        var arguments: [String] = []
        if let severity = context.parameters["severity"] {
            guard IncidentSeverity(rawValue: severity) != nil else {
                throw DomainError("--severity: '\(severity)' không phải một trong các mức \(IncidentSeverity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sql += " AND severity = ?"; arguments.append(severity)
        }
        if let district = context.parameters["district"] { sql += " AND district = ?"; arguments.append(district) }
        if let from = try context.date("from") { sql += " AND occurred_on >= ?"; arguments.append(from.description) }
        if let to = try context.date("to") { sql += " AND occurred_on <= ?"; arguments.append(to.description) }
        return try Row.fetchAll(context.db, sql: sql + " ORDER BY occurred_on DESC, incident_id", arguments: StatementArguments(arguments))
            .map(incident)
    }

    static func incident(_ row: Row) -> IncidentRow {
        let severity: String = row["severity"]
        return IncidentRow(
            incidentID: row["incident_id"], district: row["district"], occurredOn: row["occurred_on"], severity: severity,
            severityName: IncidentSeverity(rawValue: severity)?.vietnameseName ?? severity, summary: row["summary"],
            reportedBy: row["reported_by"], affectedBusiness: row["affected_business"], measures: row["measures"])
    }
}

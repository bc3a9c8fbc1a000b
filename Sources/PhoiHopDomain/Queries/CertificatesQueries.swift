import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore

/// One application for a certificate, as recorded.
public struct ApplicationRecord: Codable, Sendable, Equatable {
    public var applicationID: String
    public var businessID: String
    public var district: String
    public var kind: CertificateKind
    public var request: CertificateRequest
    public var receivedOn: CivilDate
    public var certificateNo: String?
    public var decidedOn: CivilDate?
    public var decidedByCertificate: String?

    init(row: Row) {
        func date(_ column: String) -> CivilDate? { (row[column] as String?).flatMap { try? CivilDate(parsing: $0) } }
        applicationID = row["application_id"]
        businessID = row["business_id"]
        district = row["district"]
        kind = CertificateKind(rawValue: row["kind"]) ?? .businessRegistration
        request = CertificateRequest(rawValue: row["request"]) ?? .new
        receivedOn = date("received_on") ?? CivilDate(dayNumber: 0)
        certificateNo = row["certificate_no"]
        decidedOn = date("decided_on")
        decidedByCertificate = row["decided_by_certificate"]
    }

    public static func fetch(_ db: Database, id: String) throws -> ApplicationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM certificate_applications WHERE application_id = ?", arguments: [id])
            .map(ApplicationRecord.init(row:))
    }

    public static func fetchAll(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [ApplicationRecord] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM certificate_applications WHERE \(condition) ORDER BY received_on, application_id", arguments: arguments
        ).map(ApplicationRecord.init(row:))
    }

    /// The last day to answer: the rule's processing days for the request, counted from the day
    /// after receipt (config/rules/certificates.yaml; Bộ luật Dân sự 2015, Điều 147–148). Nil
    /// when the rules give no limit.
    public func dueOn(_ rules: ProvinceRules) -> CivilDate? {
        guard let rule = rules.certificates.rule(kind), let days = rule.processingDays[request] else { return nil }
        return LegalCalendar(rules.holidays).deadline(after: receivedOn, days: days, counting: rule.processingCounting)
    }

    func row(_ ctx: QueryContext) -> ApplicationRow {
        let due = dueOn(ctx.rules)
        let rule = ctx.rules.certificates.rule(kind)
        return ApplicationRow(
            application: self, processingDays: rule?.processingDays[request], counting: rule?.processingCounting.rawValue,
            dueOn: due, open: decidedOn == nil,
            overdue: decidedOn == nil && due.map { ctx.today > $0 } ?? false,
            onTime: decidedOn.flatMap { decided in due.map { decided <= $0 } })
    }
}

/// A line of `certificate.applications`, with its computed deadline.
public struct ApplicationRow: Codable, Sendable, Equatable {
    public var application: ApplicationRecord
    public var processingDays: Int?
    /// "working" or "calendar".
    public var counting: String?
    public var dueOn: CivilDate?
    public var open: Bool
    /// Open and today is past the due date.
    public var overdue: Bool
    /// For an answered application: whether it was answered by the due date.
    public var onTime: Bool?
}

/// A line of `certificate.list` and the core of `certificate.show`.
public struct CertificateRow: Codable, Sendable, Equatable {
    public var certificate: CertificateRecord
    public var businessName: String?
    /// As of today.
    public var status: CertificateStatus
    /// Days from today to the last day of validity (negative once expired).
    public var daysToExpiry: Int
}

/// `certificate.show`: the certificate with its business and the applications about it.
public struct CertificateDetail: Codable, Sendable, Equatable {
    public var row: CertificateRow
    public var business: BusinessRecord?
    public var applications: [ApplicationRow]
    /// Extensions the rule still allows.
    public var extensionsLeft: Int?
}

/// A line of `certificate.rules`: the limits of one kind, from config/rules/certificates.yaml.
public struct CertificateRuleRow: Codable, Sendable, Equatable {
    public var kind: CertificateKind
    public var validityYears: Int?
    public var maxExtensions: Int
    public var maxExtensionMonths: Int
    public var counting: String
    /// Processing days by request (new, amend, extend, reissue).
    public var processingDays: [String: Int]
    public var source: String
    public var verified: Bool
    /// The last day of validity of a certificate issued on the `--issued-on` date, when asked and the kind expires.
    public var validUntil: CivilDate?
}

extension ConsoleQueries {
    static let certificates: [ConsoleQuery] = [
        ConsoleQuery("certificate.rules", "Thời hạn, gia hạn và thời gian giải quyết theo loại giấy chứng nhận (--issued-on)") { ctx in
            let issuedOn = try ctx.date("issued-on")
            return CertificateKind.allCases.compactMap { ctx.rules.certificates.rule($0) }.map { rule in
                CertificateRuleRow(
                    kind: rule.kind, validityYears: rule.validityYears, maxExtensions: rule.maxExtensions,
                    maxExtensionMonths: rule.maxExtensionMonths, counting: rule.processingCounting.rawValue,
                    processingDays: Dictionary(uniqueKeysWithValues: rule.processingDays.map { ($0.key.rawValue, $0.value) }),
                    source: rule.source, verified: rule.verified, validUntil: issuedOn.flatMap { rule.validUntil(issuedOn: $0) })
            }
        },
        ConsoleQuery("certificate.list", "Giấy chứng nhận và tình trạng hôm nay (--status, --district, --kind, --business, --expiring-within N ngày)") { ctx in
            try CertificatesQueries.list(ctx)
        },
        ConsoleQuery("certificate.show", "Một giấy chứng nhận: hiệu lực, gia hạn, đình chỉ, thu hồi, hồ sơ (--number)") { ctx in
            try CertificatesQueries.show(ctx)
        },
        ConsoleQuery("certificate.applications", "Hồ sơ đề nghị cấp: hạn giải quyết, quá hạn (--district, --all, --overdue)") { ctx in
            try CertificatesQueries.applications(ctx)
        },
    ]
}

enum CertificatesQueries {
    static func row(_ certificate: CertificateRecord, _ ctx: QueryContext, names: [String: String]? = nil) throws -> CertificateRow {
        let name: String?
        if let names {
            name = names[certificate.businessID]
        } else {
            name = try String.fetchOne(ctx.db, sql: "SELECT name FROM businesses WHERE business_id = ?", arguments: [certificate.businessID])
        }
        return CertificateRow(
            certificate: certificate, businessName: name, status: certificate.status(on: ctx.today),
            daysToExpiry: certificate.validUntil.dayNumber - ctx.today.dayNumber)
    }

    static func list(_ ctx: QueryContext) throws -> [CertificateRow] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let district = ctx.parameters["district"] { conditions.append("district = ?"); arguments.append(district) }
        if let business = ctx.parameters["business"] { conditions.append("business_id = ?"); arguments.append(business) }
        if let kind = ctx.parameters["kind"] {
            guard CertificateKind(rawValue: kind) != nil else {
                throw DomainError("--kind: '\(kind)' không hợp lệ; chọn một trong: \(CertificateKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            conditions.append("kind = ?"); arguments.append(kind)
        }
        var status: CertificateStatus?
        if let text = ctx.parameters["status"] {
            guard let parsed = CertificateStatus(rawValue: text) else {
                throw DomainError("--status: '\(text)' không hợp lệ; chọn một trong: \(CertificateStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        var expiringWithin: Int?
        if let text = ctx.parameters["expiring-within"] {
            guard let days = Int(text), days >= 0 else { throw DomainError("--expiring-within: '\(text)' không phải số ngày hợp lệ") }
            expiringWithin = days
        }
        let names = Dictionary(
            try Row.fetchAll(ctx.db, sql: "SELECT business_id, name FROM businesses").map { ($0["business_id"] as String, $0["name"] as String) },
            uniquingKeysWith: { first, _ in first })
        return try CertificateRecord.fetchAll(
            ctx.db, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments: StatementArguments(arguments)
        ).map { try row($0, ctx, names: names) }.filter { row in
            if let status, row.status != status { return false }
            if let expiringWithin {
                // Still usable today and ending within the window.
                guard row.status == .valid || row.status == .suspended, row.daysToExpiry <= expiringWithin else { return false }
            }
            return true
        }
    }

    static func show(_ ctx: QueryContext) throws -> CertificateDetail {
        let number = try ctx.required("number")
        guard let certificate = try CertificateRecord.fetch(ctx.db, number: number) else {
            throw DomainError("giấy chứng nhận \(number) không có trong dữ liệu của \(ctx.agency); hãy kiểm tra lại số giấy (phoihop certificate list)")
        }
        let applications = try ApplicationRecord.fetchAll(
            ctx.db, where: "certificate_no = ? OR decided_by_certificate = ?", arguments: [number, number])
        let allowed = ctx.rules.certificates.rule(certificate.kind)?.maxExtensions
        return CertificateDetail(
            row: try row(certificate, ctx), business: try BusinessRecord.fetch(ctx.db, id: certificate.businessID),
            applications: applications.map { $0.row(ctx) }, extensionsLeft: allowed.map { max(0, $0 - certificate.extensions) })
    }

    static func applications(_ ctx: QueryContext) throws -> [ApplicationRow] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let district = ctx.parameters["district"] { conditions.append("district = ?"); arguments.append(district) }
        if let business = ctx.parameters["business"] { conditions.append("business_id = ?"); arguments.append(business) }
        if ctx.parameters["all"] != "true" { conditions.append("decided_on IS NULL") }
        let rows = try ApplicationRecord.fetchAll(
            ctx.db, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments: StatementArguments(arguments)
        ).map { $0.row(ctx) }
        return ctx.parameters["overdue"] == "true" ? rows.filter(\.overdue) : rows
    }
}

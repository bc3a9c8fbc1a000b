import GRDB
import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore

/// One registry entry as this daemon holds it.
public struct BusinessRecord: Codable, Sendable, Equatable {
    public var businessID: String
    public var name: String
    public var kind: BusinessKind
    public var district: String
    public var address: String
    public var owner: String
    public var machines: Int
    public var ispContract: String?
    public var registeredOn: CivilDate
    public var registeredBy: String
    public var changedOn: CivilDate?
    public var closedOn: CivilDate?
    public var closedReason: String?

    init(row: Row) {
        func date(_ column: String) -> CivilDate? { (row[column] as String?).flatMap { try? CivilDate(parsing: $0) } }
        businessID = row["business_id"]
        name = row["name"]
        kind = BusinessKind(rawValue: row["kind"]) ?? .internetAgent
        district = row["district"]
        address = row["address"]
        owner = row["owner"]
        machines = row["machines"]
        ispContract = row["isp_contract"]
        registeredOn = date("registered_on") ?? CivilDate(dayNumber: 0)
        registeredBy = row["registered_by"]
        changedOn = date("changed_on")
        closedOn = date("closed_on")
        closedReason = row["closed_reason"]
    }

    public static func fetch(_ db: Database, id: String) throws -> BusinessRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM businesses WHERE business_id = ?", arguments: [id]).map(BusinessRecord.init(row:))
    }
}

/// A certificate as a line of a business's entry.
public struct CertificateBrief: Codable, Sendable, Equatable {
    public var certificateNo: String
    public var kind: CertificateKind
    public var validUntil: CivilDate
    public var status: CertificateStatus
}

/// A line of `business.list`.
public struct BusinessRow: Codable, Sendable, Equatable {
    public var business: BusinessRecord
    public var closed: Bool
    /// The business's certificates with their status as of today.
    public var certificates: [CertificateBrief]
}

/// `business.show`: the entry with its certificates, applications and closure.
public struct BusinessDetail: Codable, Sendable, Equatable {
    public var business: BusinessRecord
    public var districtName: String?
    public var certificates: [CertificateRow]
    public var applications: [ApplicationRow]
}

/// A cell of `business.summary`: the businesses of one kind in one district and the status of
/// their certificates as of today.
public struct BusinessSummaryRow: Codable, Sendable, Equatable {
    public var district: String
    public var districtName: String
    public var kind: BusinessKind
    /// Registered and not closed.
    public var operating: Int
    public var closed: Int
    /// Operating businesses holding no valid certificate today.
    public var operatingWithoutValidCertificate: Int
    public var validCertificates: Int
    public var suspendedCertificates: Int
    public var expiredCertificates: Int
    public var revokedCertificates: Int
}

extension ConsoleQueries {
    static let registry: [ConsoleQuery] = [
        ConsoleQuery("business.list", "Sổ quản lý điểm kinh doanh (--district, --kind, --status operating|closed)") { ctx in
            try RegistryQueries.list(ctx)
        },
        ConsoleQuery("business.show", "Một điểm kinh doanh: thông tin, giấy chứng nhận, hồ sơ, chấm dứt (--id)") { ctx in
            try RegistryQueries.show(ctx)
        },
        ConsoleQuery("business.summary", "Số điểm kinh doanh theo loại và địa bàn, tình trạng giấy chứng nhận hôm nay") { ctx in
            try RegistryQueries.summary(ctx)
        },
    ]
}

enum RegistryQueries {
    static func list(_ ctx: QueryContext) throws -> [BusinessRow] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let district = ctx.parameters["district"] { conditions.append("district = ?"); arguments.append(district) }
        if let kind = ctx.parameters["kind"] {
            guard BusinessKind(rawValue: kind) != nil else {
                throw DomainError("--kind: '\(kind)' không hợp lệ; chọn một trong: \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            conditions.append("kind = ?"); arguments.append(kind)
        }
        switch ctx.parameters["status"] {
        case nil: break
        case "operating": conditions.append("closed_on IS NULL")
        case "closed": conditions.append("closed_on IS NOT NULL")
        case let other?: throw DomainError("--status: '\(other)' không hợp lệ; chọn operating (đang hoạt động) hoặc closed (đã chấm dứt)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let businesses = try Row.fetchAll(
            ctx.db, sql: "SELECT * FROM businesses \(whereClause) ORDER BY district, business_id", arguments: StatementArguments(arguments)
        ).map(BusinessRecord.init(row:))
        let certificates = Dictionary(grouping: try CertificateRecord.fetchAll(ctx.db), by: \.businessID)
        return businesses.map { business in
            BusinessRow(
                business: business, closed: business.closedOn != nil,
                certificates: (certificates[business.businessID] ?? []).map {
                    CertificateBrief(certificateNo: $0.certificateNo, kind: $0.kind, validUntil: $0.validUntil, status: $0.status(on: ctx.today))
                })
        }
    }

    static func show(_ ctx: QueryContext) throws -> BusinessDetail {
        let id = try ctx.required("id")
        guard let business = try BusinessRecord.fetch(ctx.db, id: id) else {
            throw DomainError("điểm kinh doanh \(id) không có trong sổ quản lý của \(ctx.agency); xem danh sách bằng phoihop business list")
        }
        let certificates = try CertificateRecord.fetchAll(ctx.db, where: "business_id = ?", arguments: [id])
        return BusinessDetail(
            business: business, districtName: AgencyID(rawValue: business.district).flatMap { ctx.rules.district($0)?.name },
            certificates: try certificates.map { try CertificatesQueries.row($0, ctx) },
            applications: try ApplicationRecord.fetchAll(ctx.db, where: "business_id = ?", arguments: [id]).map { $0.row(ctx) })
    }

    static func summary(_ ctx: QueryContext) throws -> [BusinessSummaryRow] {
        let businesses = try Row.fetchAll(ctx.db, sql: "SELECT * FROM businesses").map(BusinessRecord.init(row:))
        let certificates = Dictionary(grouping: try CertificateRecord.fetchAll(ctx.db), by: \.businessID)
        struct Key: Hashable { var district: String; var kind: BusinessKind }
        var cells: [Key: BusinessSummaryRow] = [:]
        for business in businesses {
            let key = Key(district: business.district, kind: business.kind)
            var cell = cells[key] ?? BusinessSummaryRow(
                district: business.district,
                districtName: AgencyID(rawValue: business.district).flatMap { ctx.rules.district($0)?.name } ?? business.district,
                kind: business.kind, operating: 0, closed: 0, operatingWithoutValidCertificate: 0, validCertificates: 0,
                suspendedCertificates: 0, expiredCertificates: 0, revokedCertificates: 0)
            let statuses = (certificates[business.businessID] ?? []).map { $0.status(on: ctx.today) }
            if business.closedOn == nil {
                cell.operating += 1
                if !statuses.contains(.valid) { cell.operatingWithoutValidCertificate += 1 }
            } else {
                cell.closed += 1
            }
            for status in statuses {
                switch status {
                case .valid: cell.validCertificates += 1
                case .suspended: cell.suspendedCertificates += 1
                case .expired: cell.expiredCertificates += 1
                case .revoked: cell.revokedCertificates += 1
                }
            }
            cells[key] = cell
        }
        // In the order of the province file, then by kind.
        let order = Dictionary(uniqueKeysWithValues: ctx.rules.districts.enumerated().map { ($1.id.rawValue, $0) })
        let kinds = Dictionary(uniqueKeysWithValues: BusinessKind.allCases.enumerated().map { ($1, $0) })
        return cells.values.sorted {
            (order[$0.district] ?? Int.max, $0.district, kinds[$0.kind] ?? 0) < (order[$1.district] ?? Int.max, $1.district, kinds[$1.kind] ?? 0)
        }
    }
}

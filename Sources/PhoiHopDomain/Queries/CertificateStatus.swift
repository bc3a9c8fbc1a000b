public import GRDB
public import PhoiHopProtocol

/// A certificate's standing on a given day. Expiry is never stored: it is derived from
/// `valid_until`, so a certificate expires without any act.
public enum CertificateStatus: String, Codable, Sendable, CaseIterable {
    case valid
    case suspended
    case expired
    case revoked

    public var vietnameseName: String {
        switch self {
        case .valid: "Còn hiệu lực"
        case .suspended: "Đang đình chỉ"
        case .expired: "Hết hạn"
        case .revoked: "Đã thu hồi"
        }
    }
}

/// One row of `certificates`, as every group's queries read it. The columns are written by this
/// group's projection and by the sanction group's (revocation and suspension decided by a
/// sanction), so ``status(on:)`` is the one place a certificate's standing is decided.
public struct CertificateRecord: Codable, Sendable, Equatable {
    public var certificateNo: String
    public var businessID: String
    public var district: String
    public var kind: CertificateKind
    public var issuedOn: CivilDate
    public var validUntil: CivilDate
    public var originalValidUntil: CivilDate?
    public var issuedBy: String?
    public var applicationID: String?
    public var extensions: Int
    public var extendedOn: CivilDate?
    /// The `status` column: "valid" or "revoked"; expiry and suspension are derived.
    public var revoked: Bool
    public var revokedOn: CivilDate?
    public var revokedBy: String?
    public var revocationGround: String?
    public var suspendedFrom: CivilDate?
    public var suspendedUntil: CivilDate?
    public var suspensionGround: String?
    public var sanctionID: String?

    /// The standing on `date`: revoked (from the revocation day), else expired (after the last
    /// day of validity), else suspended (within the suspension period, both ends included), else valid.
    public func status(on date: CivilDate) -> CertificateStatus {
        if revoked, revokedOn.map({ $0 <= date }) ?? true { return .revoked }
        if date > validUntil { return .expired }
        if let from = suspendedFrom, let until = suspendedUntil, from <= date, date <= until { return .suspended }
        return .valid
    }

    /// Whether the business holds it on `date` (valid or only suspended): a second certificate
    /// of the same kind may not be issued then.
    public func isHeld(on date: CivilDate) -> Bool {
        let status = status(on: date)
        return status == .valid || status == .suspended
    }

    init(row: Row) {
        func date(_ column: String) -> CivilDate? { (row[column] as String?).flatMap { try? CivilDate(parsing: $0) } }
        certificateNo = row["certificate_no"]
        businessID = row["business_id"]
        district = row["district"]
        kind = CertificateKind(rawValue: row["kind"]) ?? .businessRegistration
        issuedOn = date("issued_on") ?? CivilDate(dayNumber: 0)
        validUntil = date("valid_until") ?? CivilDate(dayNumber: 0)
        originalValidUntil = date("original_valid_until")
        issuedBy = row["issued_by"]
        applicationID = row["application_id"]
        extensions = row["extensions"] ?? 0
        extendedOn = date("extended_on")
        revoked = (row["status"] as String) == "revoked"
        revokedOn = date("revoked_on")
        revokedBy = row["revoked_by"]
        revocationGround = row["ground"]
        suspendedFrom = date("suspended_from")
        suspendedUntil = date("suspended_until")
        suspensionGround = row["suspension_ground"]
        sanctionID = row["sanction_id"]
    }

    /// The certificate numbered `number`, if this daemon knows it.
    public static func fetch(_ db: Database, number: String) throws -> CertificateRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM certificates WHERE certificate_no = ?", arguments: [number]).map(CertificateRecord.init(row:))
    }

    /// The certificates matching an SQL condition on `certificates` (e.g. "business_id = ?"), by number.
    public static func fetchAll(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [CertificateRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM certificates WHERE \(condition) ORDER BY issued_on, certificate_no", arguments: arguments)
            .map(CertificateRecord.init(row:))
    }
}

/// Which certificate (RULES.md, "Certificates"); validity, extension and processing limits are
/// data (config/rules/certificates.yaml).
public enum CertificateKind: String, Codable, Sendable, CaseIterable {
    /// Giấy chứng nhận đăng ký kinh doanh đại lý Internet (Điều 10.3).
    case businessRegistration = "business-registration"
    /// Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng.
    case gamePointEligibility = "game-point-eligibility"

    public var vietnameseName: String {
        switch self {
        case .businessRegistration: "Giấy chứng nhận đăng ký kinh doanh"
        case .gamePointEligibility: "Giấy chứng nhận đủ điều kiện điểm trò chơi điện tử công cộng"
        }
    }
}

/// What an application asks for; each has its own processing time limit.
public enum CertificateRequest: String, Codable, Sendable, CaseIterable {
    case new
    case amend
    case extend
    case reissue

    public var vietnameseName: String {
        switch self {
        case .new: "Cấp mới"
        case .amend: "Sửa đổi, bổ sung"
        case .extend: "Gia hạn"
        case .reissue: "Cấp lại"
        }
    }
}

/// `certificate.applied`: a district received a complete application; the processing deadline
/// runs from `receivedOn`.
public struct CertificateApplied: CatalogBody {
    public static let messageType = MessageType.certificateApplied
    public var applicationID: String
    public var businessID: String
    public var district: AgencyID
    public var kind: CertificateKind
    public var request: CertificateRequest
    public var receivedOn: CivilDate
    /// The certificate an amend/extend/reissue application is about.
    public var certificateNo: String?

    public init(applicationID: String, businessID: String, district: AgencyID, kind: CertificateKind,
                request: CertificateRequest, receivedOn: CivilDate, certificateNo: String? = nil) {
        self.applicationID = applicationID; self.businessID = businessID; self.district = district; self.kind = kind
        self.request = request; self.receivedOn = receivedOn; self.certificateNo = certificateNo
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(applicationID, "applicationID")
        try Check.identifier(businessID, "businessID")
        if let certificateNo { try Check.identifier(certificateNo, "certificateNo") }
        if request != .new, certificateNo == nil {
            throw .invalidField("certificateNo", "a \(request.rawValue) application must name the certificate it is about")
        }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `certificate.issued`: a district issues a certificate to a business of its territory.
public struct CertificateIssued: CatalogBody {
    public static let messageType = MessageType.certificateIssued
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var kind: CertificateKind
    public var issuedOn: CivilDate
    public var validUntil: CivilDate
    /// The application this issue answers, which closes its processing deadline.
    public var applicationID: String?

    public init(certificateNo: String, businessID: String, district: AgencyID, kind: CertificateKind,
                issuedOn: CivilDate, validUntil: CivilDate, applicationID: String? = nil) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.kind = kind; self.issuedOn = issuedOn; self.validUntil = validUntil; self.applicationID = applicationID
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        if let applicationID { try Check.identifier(applicationID, "applicationID") }
        try Check.order(issuedOn, validUntil, "issuedOn/validUntil")
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `certificate.extended`: the validity is extended (once, by at most the rule's months).
public struct CertificateExtended: CatalogBody {
    public static let messageType = MessageType.certificateExtended
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var extendedOn: CivilDate
    public var newValidUntil: CivilDate
    public var applicationID: String?

    public init(certificateNo: String, businessID: String, district: AgencyID, extendedOn: CivilDate,
                newValidUntil: CivilDate, applicationID: String? = nil) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.extendedOn = extendedOn; self.newValidUntil = newValidUntil; self.applicationID = applicationID
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        if let applicationID { try Check.identifier(applicationID, "applicationID") }
        try Check.order(extendedOn, newValidUntil, "extendedOn/newValidUntil")
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `certificate.suspended`: the certificate may not be used from `from` to `until` (inclusive),
/// e.g. a sanction's 1–3 month suspension.
public struct CertificateSuspended: CatalogBody {
    public static let messageType = MessageType.certificateSuspended
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var from: CivilDate
    public var until: CivilDate
    public var ground: String
    public var sanctionID: String?

    public init(certificateNo: String, businessID: String, district: AgencyID, from: CivilDate, until: CivilDate,
                ground: String, sanctionID: String? = nil) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.from = from; self.until = until; self.ground = ground; self.sanctionID = sanctionID
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        if let sanctionID { try Check.identifier(sanctionID, "sanctionID") }
        try Check.text(ground, "ground")
        try Check.order(from, until, "from/until")
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `certificate.revoked`: a district revokes a certificate it issued, naming the legal ground
/// (and the sanction decision, when a sanction ordered it).
public struct CertificateRevoked: CatalogBody {
    public static let messageType = MessageType.certificateRevoked
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var revokedOn: CivilDate
    public var ground: String
    public var sanctionID: String?

    public init(certificateNo: String, businessID: String, district: AgencyID, revokedOn: CivilDate, ground: String,
                sanctionID: String? = nil) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.revokedOn = revokedOn; self.ground = ground; self.sanctionID = sanctionID
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        if let sanctionID { try Check.identifier(sanctionID, "sanctionID") }
        try Check.text(ground, "ground")
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

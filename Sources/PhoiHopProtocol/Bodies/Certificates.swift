/// Which certificate (RULES.md, "Certificates").
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

/// `certificate.issued`: a district issues a certificate to a business of its territory.
public struct CertificateIssued: CatalogBody {
    public static let messageType = MessageType.certificateIssued
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var kind: CertificateKind
    public var issuedOn: CivilDate
    public var validUntil: CivilDate

    public init(certificateNo: String, businessID: String, district: AgencyID, kind: CertificateKind,
                issuedOn: CivilDate, validUntil: CivilDate) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.kind = kind; self.issuedOn = issuedOn; self.validUntil = validUntil
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        try Check.order(issuedOn, validUntil, "issuedOn/validUntil")
    }

    public var concernedDistrict: AgencyID? { district }
}

/// `certificate.revoked`: a district revokes a certificate it issued, naming the legal ground.
public struct CertificateRevoked: CatalogBody {
    public static let messageType = MessageType.certificateRevoked
    public var certificateNo: String
    public var businessID: String
    public var district: AgencyID
    public var revokedOn: CivilDate
    public var ground: String

    public init(certificateNo: String, businessID: String, district: AgencyID, revokedOn: CivilDate, ground: String) {
        self.certificateNo = certificateNo; self.businessID = businessID; self.district = district
        self.revokedOn = revokedOn; self.ground = ground
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(certificateNo, "certificateNo")
        try Check.identifier(businessID, "businessID")
        try Check.text(ground, "ground")
    }

    public var concernedDistrict: AgencyID? { district }
}

/// `violation.recorded`: a violation found at a business, with its category from the
/// violation-category table (config/rules/violation-categories.yaml, Decree 15/2020).
public struct ViolationRecorded: CatalogBody {
    public static let messageType = MessageType.violationRecorded
    public var violationID: String
    public var businessID: String
    public var district: AgencyID
    public var category: String
    public var observedOn: CivilDate
    public var evidenceRef: String
    public var inspectionID: String?
    public var description: String

    public init(violationID: String, businessID: String, district: AgencyID, category: String, observedOn: CivilDate,
                evidenceRef: String, inspectionID: String? = nil, description: String) {
        self.violationID = violationID; self.businessID = businessID; self.district = district
        self.category = category; self.observedOn = observedOn; self.evidenceRef = evidenceRef
        self.inspectionID = inspectionID; self.description = description
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(violationID, "violationID")
        try Check.identifier(businessID, "businessID")
        try Check.identifier(category, "category")
        try Check.text(evidenceRef, "evidenceRef")
        if let inspectionID { try Check.identifier(inspectionID, "inspectionID") }
        try Check.text(description, "description", max: 4000)
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// The principal penalty of a sanction decision (hình thức xử phạt chính).
public enum SanctionPenalty: String, Codable, Sendable, CaseIterable {
    case warning
    case fine

    public var vietnameseName: String { self == .warning ? "Cảnh cáo" : "Phạt tiền" }
}

/// `sanction.decided`: a sanction decision on a recorded violation: a warning or a fine within
/// the category's band, and optionally the additional measures — suspension of the certificate
/// for some months, or its revocation (which the certificate's district then carries out).
public struct SanctionDecided: CatalogBody {
    public static let messageType = MessageType.sanctionDecided
    public var sanctionID: String
    public var violationID: String
    public var businessID: String
    public var district: AgencyID
    /// The decision's number and symbol, e.g. "12/QĐ-XPVPHC".
    public var decisionNo: String
    public var decidedOn: CivilDate
    public var penalty: SanctionPenalty
    public var fineVND: Int64?
    public var suspensionMonths: Int?
    public var revokeCertificate: Bool
    /// The certificate a suspension or revocation applies to.
    public var certificateNo: String?

    public init(sanctionID: String, violationID: String, businessID: String, district: AgencyID, decisionNo: String,
                decidedOn: CivilDate, penalty: SanctionPenalty, fineVND: Int64? = nil, suspensionMonths: Int? = nil,
                revokeCertificate: Bool = false, certificateNo: String? = nil) {
        self.sanctionID = sanctionID; self.violationID = violationID; self.businessID = businessID
        self.district = district; self.decisionNo = decisionNo; self.decidedOn = decidedOn; self.penalty = penalty
        self.fineVND = fineVND; self.suspensionMonths = suspensionMonths; self.revokeCertificate = revokeCertificate
        self.certificateNo = certificateNo
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(sanctionID, "sanctionID")
        try Check.identifier(violationID, "violationID")
        try Check.identifier(businessID, "businessID")
        try Check.text(decisionNo, "decisionNo", max: 100)
        switch penalty {
        case .warning:
            guard fineVND == nil else { throw .invalidField("fineVND", "a warning carries no fine") }
        case .fine:
            guard let fineVND, fineVND > 0 else { throw .invalidField("fineVND", "a fine needs a positive amount in VND") }
            try Check.amount(fineVND, "fineVND")
        }
        if let suspensionMonths, !(1...24).contains(suspensionMonths) {
            throw .invalidField("suspensionMonths", "\(suspensionMonths) is outside 1…24")
        }
        if suspensionMonths != nil, revokeCertificate {
            throw .invalidField("suspensionMonths", "a certificate is either suspended or revoked, not both")
        }
        if suspensionMonths != nil || revokeCertificate {
            guard let certificateNo else { throw .invalidField("certificateNo", "a suspension or revocation must name the certificate") }
            try Check.identifier(certificateNo, "certificateNo")
        }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `violation.followed-up`: a check that the business remedied the violation (kiểm tra khắc phục).
public struct ViolationFollowedUp: CatalogBody {
    public static let messageType = MessageType.violationFollowedUp
    public var violationID: String
    public var checkedOn: CivilDate
    public var remedied: Bool
    public var note: String

    public init(violationID: String, checkedOn: CivilDate, remedied: Bool, note: String) {
        self.violationID = violationID; self.checkedOn = checkedOn; self.remedied = remedied; self.note = note
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(violationID, "violationID")
        try Check.text(note, "note", max: 4000)
    }
}

/// `violation.closed`: the violation's file is closed (sanction carried out, remedied, or dropped with a reason).
public struct ViolationClosed: CatalogBody {
    public static let messageType = MessageType.violationClosed
    public var violationID: String
    public var closedOn: CivilDate
    public var outcome: String

    public init(violationID: String, closedOn: CivilDate, outcome: String) {
        self.violationID = violationID; self.closedOn = closedOn; self.outcome = outcome
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(violationID, "violationID")
        try Check.text(outcome, "outcome", max: 4000)
    }
}

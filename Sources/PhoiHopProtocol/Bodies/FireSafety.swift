/// `fire-safety.guidance`: Công an's fire-prevention (PCCC) guidance to ISPs and Internet agents
/// (Điều 4.3); the districts receive it to pass on to the businesses of their territory.
public struct FireSafetyGuidance: CatalogBody {
    public static let messageType = MessageType.fireSafetyGuidance
    public var guidanceID: String
    public var issuedOn: CivilDate
    public var title: String
    public var documentRef: String
    /// Which kinds of business it addresses.
    public var audience: [BusinessKind]
    public var summary: String

    public init(guidanceID: String, issuedOn: CivilDate, title: String, documentRef: String, audience: [BusinessKind], summary: String) {
        self.guidanceID = guidanceID; self.issuedOn = issuedOn; self.title = title; self.documentRef = documentRef
        self.audience = audience; self.summary = summary
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(guidanceID, "guidanceID")
        try Check.text(title, "title")
        try Check.text(documentRef, "documentRef", max: 100)
        guard !audience.isEmpty, Set(audience).count == audience.count else {
            throw .invalidField("audience", "must name each business kind at most once, and at least one")
        }
        try Check.text(summary, "summary", max: 4000)
    }
}

/// The result of a fire-safety check.
public enum FireSafetyResult: String, Codable, Sendable, CaseIterable {
    case passed
    case failed

    public var vietnameseName: String { self == .passed ? "Đạt" : "Không đạt" }
}

/// `fire-safety.checked`: a fire-safety check of one business and its result.
public struct FireSafetyChecked: CatalogBody {
    public static let messageType = MessageType.fireSafetyChecked
    public var checkID: String
    public var businessID: String
    public var district: AgencyID
    public var checkedOn: CivilDate
    public var result: FireSafetyResult
    public var deficiencies: String?

    public init(checkID: String, businessID: String, district: AgencyID, checkedOn: CivilDate, result: FireSafetyResult,
                deficiencies: String? = nil) {
        self.checkID = checkID; self.businessID = businessID; self.district = district; self.checkedOn = checkedOn
        self.result = result; self.deficiencies = deficiencies
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(checkID, "checkID")
        try Check.identifier(businessID, "businessID")
        try Check.optionalText(deficiencies, "deficiencies", max: 4000)
        if result == .failed, deficiencies == nil {
            throw .invalidField("deficiencies", "a failed check must say what was deficient")
        }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

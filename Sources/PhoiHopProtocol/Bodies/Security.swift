/// How serious an information-security incident is.
public enum IncidentSeverity: String, Codable, Sendable, CaseIterable {
    case low, medium, high, critical

    public var vietnameseName: String {
        switch self {
        case .low: "Thấp"
        case .medium: "Trung bình"
        case .high: "Cao"
        case .critical: "Nghiêm trọng"
        }
    }
}

/// `incident.reported`: an information-security incident (Điều 4.2): its severity, the business
/// or ISP affected, and the measures taken.
public struct IncidentReported: CatalogBody {
    public static let messageType = MessageType.incidentReported
    public var incidentID: String
    public var district: AgencyID?
    public var occurredOn: CivilDate
    public var severity: IncidentSeverity
    public var summary: String
    /// The business or ISP affected, when one is.
    public var affectedBusinessID: String?
    public var measures: String?

    public init(incidentID: String, district: AgencyID? = nil, occurredOn: CivilDate, severity: IncidentSeverity, summary: String,
                affectedBusinessID: String? = nil, measures: String? = nil) {
        self.incidentID = incidentID; self.district = district; self.occurredOn = occurredOn
        self.severity = severity; self.summary = summary; self.affectedBusinessID = affectedBusinessID; self.measures = measures
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(incidentID, "incidentID")
        try Check.text(summary, "summary", max: 4000)
        if let affectedBusinessID { try Check.identifier(affectedBusinessID, "affectedBusinessID") }
        try Check.optionalText(measures, "measures", max: 4000)
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { affectedBusinessID }
}

/// `security.advisory`: a warning to every agency about a threat and what to do (Điều 4.1).
public struct SecurityAdvisory: CatalogBody {
    public static let messageType = MessageType.securityAdvisory
    public var advisoryID: String
    public var issuedOn: CivilDate
    public var severity: IncidentSeverity
    public var title: String
    public var advice: String

    public init(advisoryID: String, issuedOn: CivilDate, severity: IncidentSeverity, title: String, advice: String) {
        self.advisoryID = advisoryID; self.issuedOn = issuedOn; self.severity = severity; self.title = title; self.advice = advice
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(advisoryID, "advisoryID")
        try Check.text(title, "title")
        try Check.text(advice, "advice", max: 8000)
    }
}

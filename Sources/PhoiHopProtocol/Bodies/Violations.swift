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
}

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

/// `incident.reported`: Công an reports an information-security incident (Điều 4.2).
public struct IncidentReported: CatalogBody {
    public static let messageType = MessageType.incidentReported
    public var incidentID: String
    public var district: AgencyID?
    public var occurredOn: CivilDate
    public var severity: IncidentSeverity
    public var summary: String

    public init(incidentID: String, district: AgencyID? = nil, occurredOn: CivilDate, severity: IncidentSeverity, summary: String) {
        self.incidentID = incidentID; self.district = district; self.occurredOn = occurredOn
        self.severity = severity; self.summary = summary
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(incidentID, "incidentID")
        try Check.text(summary, "summary", max: 4000)
    }

    public var concernedDistrict: AgencyID? { district }
}

/// Thanh tra, kiểm tra định kỳ / đột xuất.
public enum InspectionKind: String, Codable, Sendable, CaseIterable {
    case periodic
    case unannounced

    public var vietnameseName: String { self == .periodic ? "Định kỳ" : "Đột xuất" }
}

/// The outcome of inspecting one business.
public enum InspectionOutcome: String, Codable, Sendable, CaseIterable {
    case compliant
    case violationsFound = "violations-found"

    public var vietnameseName: String { self == .compliant ? "Chấp hành tốt" : "Phát hiện vi phạm" }
}

/// `inspection.planned`: the hub, Đội 814 (vhttdl) or a district plans an inspection — its
/// targets, participating agencies and dates. Only the participants receive it, through the hub.
public struct InspectionPlanned: CatalogBody {
    public static let messageType = MessageType.inspectionPlanned
    public var planID: String
    public var kind: InspectionKind
    public var title: String
    public var lead: AgencyID
    public var participants: [AgencyID]
    public var targets: [String]
    public var startsOn: CivilDate
    public var endsOn: CivilDate

    public init(planID: String, kind: InspectionKind, title: String, lead: AgencyID, participants: [AgencyID],
                targets: [String], startsOn: CivilDate, endsOn: CivilDate) {
        self.planID = planID; self.kind = kind; self.title = title; self.lead = lead
        self.participants = participants; self.targets = targets; self.startsOn = startsOn; self.endsOn = endsOn
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(planID, "planID")
        try Check.text(title, "title")
        guard !participants.isEmpty else { throw .invalidField("participants", "must name at least one agency") }
        guard Set(participants).count == participants.count else { throw .invalidField("participants", "lists an agency twice") }
        guard participants.count <= 64 else { throw .invalidField("participants", "at most 64 agencies") }
        guard !targets.isEmpty, targets.count <= 1000 else { throw .invalidField("targets", "must name 1–1000 businesses") }
        for target in targets { try Check.identifier(target, "targets") }
        guard Set(targets).count == targets.count else { throw .invalidField("targets", "lists a business twice") }
        guard lead == .hub || participants.contains(lead) else {
            throw .invalidField("lead", "'\(lead)' must be the hub or one of the participants")
        }
        try Check.order(startsOn, endsOn, "startsOn/endsOn")
    }

    /// A district's plan covers its own territory only.
    public var concernedDistrict: AgencyID? { lead.rawValue.hasPrefix("district-") ? lead : nil }
}

/// `inspection.confirmed`: a participant confirms it takes part and names its officers.
public struct InspectionConfirmed: CatalogBody {
    public static let messageType = MessageType.inspectionConfirmed
    public var planID: String
    public var confirmedOn: CivilDate
    public var officers: [String]

    public init(planID: String, confirmedOn: CivilDate, officers: [String]) {
        self.planID = planID; self.confirmedOn = confirmedOn; self.officers = officers
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(planID, "planID")
        guard (1...50).contains(officers.count) else { throw .invalidField("officers", "must name 1–50 officers") }
        for officer in officers { try Check.text(officer, "officers", max: 200) }
    }
}

/// `inspection.concluded`: the lead closes the plan with its conclusion (kết luận kiểm tra).
public struct InspectionConcluded: CatalogBody {
    public static let messageType = MessageType.inspectionConcluded
    public var planID: String
    public var concludedOn: CivilDate
    public var conclusion: String

    public init(planID: String, concludedOn: CivilDate, conclusion: String) {
        self.planID = planID; self.concludedOn = concludedOn; self.conclusion = conclusion
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(planID, "planID")
        try Check.text(conclusion, "conclusion", max: 8000)
    }
}

/// `inspection.recorded`: one business was inspected, with its outcome and findings.
public struct InspectionRecorded: CatalogBody {
    public static let messageType = MessageType.inspectionRecorded
    public var inspectionID: String
    public var planID: String?
    public var businessID: String
    public var district: AgencyID
    public var kind: InspectionKind
    public var conductedOn: CivilDate
    public var outcome: InspectionOutcome
    public var findings: String

    public init(inspectionID: String, planID: String? = nil, businessID: String, district: AgencyID,
                kind: InspectionKind, conductedOn: CivilDate, outcome: InspectionOutcome, findings: String) {
        self.inspectionID = inspectionID; self.planID = planID; self.businessID = businessID
        self.district = district; self.kind = kind; self.conductedOn = conductedOn
        self.outcome = outcome; self.findings = findings
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(inspectionID, "inspectionID")
        if let planID { try Check.identifier(planID, "planID") }
        try Check.identifier(businessID, "businessID")
        try Check.text(findings, "findings", max: 4000)
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

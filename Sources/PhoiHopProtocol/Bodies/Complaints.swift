/// Khiếu nại (Luật Khiếu nại 2011) or tố cáo (Luật Tố cáo 2018): different deadlines.
public enum ComplaintKind: String, Codable, Sendable, CaseIterable {
    case complaint
    case denunciation

    public var vietnameseName: String { self == .complaint ? "Khiếu nại" : "Tố cáo" }
}

/// How complex the case is, set on acceptance: it picks the resolution limit.
public enum CaseComplexity: String, Codable, Sendable, CaseIterable {
    case normal
    case complex
    /// Denunciations only: "đặc biệt phức tạp", two extensions allowed.
    case especiallyComplex = "especially-complex"

    public var vietnameseName: String {
        switch self {
        case .normal: "Thông thường"
        case .complex: "Phức tạp"
        case .especiallyComplex: "Đặc biệt phức tạp"
        }
    }
}

/// How a case was resolved.
public enum CaseOutcome: String, Codable, Sendable, CaseIterable {
    case upheld
    case partlyUpheld = "partly-upheld"
    case rejected
    case withdrawn

    public var vietnameseName: String {
        switch self {
        case .upheld: "Đúng"
        case .partlyUpheld: "Đúng một phần"
        case .rejected: "Sai"
        case .withdrawn: "Rút đơn"
        }
    }
}

/// `complaint.received`: a complaint or denunciation about Internet activity reached the hub or
/// was forwarded to it by any agency (Điều 3.6). The acceptance deadline runs from `receivedOn`.
public struct ComplaintReceived: CatalogBody {
    public static let messageType = MessageType.complaintReceived
    public var caseID: String
    public var kind: ComplaintKind
    /// 1 for a first complaint, 2 for a second one against a first resolution (complaints only).
    public var round: Int
    public var receivedOn: CivilDate
    public var complainant: String
    public var subject: String
    public var businessID: String?
    public var district: AgencyID?
    /// Vùng sâu, vùng xa: the longer resolution limits apply.
    public var remoteArea: Bool
    /// When the act complained about happened (the lodging limit runs from it), if known.
    public var actOn: CivilDate?

    public init(caseID: String, kind: ComplaintKind, round: Int = 1, receivedOn: CivilDate, complainant: String, subject: String,
                businessID: String? = nil, district: AgencyID? = nil, remoteArea: Bool = false, actOn: CivilDate? = nil) {
        self.caseID = caseID; self.kind = kind; self.round = round; self.receivedOn = receivedOn; self.complainant = complainant
        self.subject = subject; self.businessID = businessID; self.district = district; self.remoteArea = remoteArea; self.actOn = actOn
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        try Check.text(complainant, "complainant")
        try Check.text(subject, "subject", max: 4000)
        if let businessID { try Check.identifier(businessID, "businessID") }
        guard round == 1 || (round == 2 && kind == .complaint) else {
            throw .invalidField("round", "\(round): a complaint is round 1 or 2; a denunciation is round 1")
        }
        if let actOn { try Check.order(actOn, receivedOn, "actOn/receivedOn") }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `complaint.accepted`: the hub accepts the case (thụ lý) and rates its complexity.
public struct ComplaintAccepted: CatalogBody {
    public static let messageType = MessageType.complaintAccepted
    public var caseID: String
    public var acceptedOn: CivilDate
    public var complexity: CaseComplexity

    public init(caseID: String, acceptedOn: CivilDate, complexity: CaseComplexity = .normal) {
        self.caseID = caseID; self.acceptedOn = acceptedOn; self.complexity = complexity
    }

    public func validate() throws(ProtocolError) { try Check.identifier(caseID, "caseID") }
}

/// `complaint.refused`: the hub does not accept the case, with the ground (e.g. lodged too late).
public struct ComplaintRefused: CatalogBody {
    public static let messageType = MessageType.complaintRefused
    public var caseID: String
    public var refusedOn: CivilDate
    public var ground: String

    public init(caseID: String, refusedOn: CivilDate, ground: String) {
        self.caseID = caseID; self.refusedOn = refusedOn; self.ground = ground
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        try Check.text(ground, "ground", max: 4000)
    }
}

/// `complaint.assigned`: the hub gives an accepted case to an agency to verify, by `dueOn`.
public struct ComplaintAssigned: CatalogBody {
    public static let messageType = MessageType.complaintAssigned
    public var caseID: String
    public var assignee: AgencyID
    public var assignedOn: CivilDate
    public var dueOn: CivilDate
    public var instructions: String
    /// The case as the hub received it, so an assignee that never saw the receipt (a department
    /// the case was not forwarded by) holds the case it must verify. The hub's console fills it.
    public var received: ComplaintReceived?
    /// Who received the case first (`received_by`), with ``received``.
    public var receivedBy: AgencyID?

    public init(caseID: String, assignee: AgencyID, assignedOn: CivilDate, dueOn: CivilDate, instructions: String,
                received: ComplaintReceived? = nil, receivedBy: AgencyID? = nil) {
        self.caseID = caseID; self.assignee = assignee; self.assignedOn = assignedOn; self.dueOn = dueOn; self.instructions = instructions
        self.received = received; self.receivedBy = receivedBy
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        try Check.text(instructions, "instructions", max: 4000)
        try Check.order(assignedOn, dueOn, "assignedOn/dueOn")
        guard assignee != .hub else { throw .invalidField("assignee", "the hub cannot assign a case to itself") }
        if let received {
            try received.validate()
            guard received.caseID == caseID else {
                throw .invalidField("received.caseID", "'\(received.caseID)' is not the assigned case '\(caseID)'")
            }
        }
    }
}

/// `complaint.verified`: the assignee reports what it found.
public struct ComplaintVerified: CatalogBody {
    public static let messageType = MessageType.complaintVerified
    public var caseID: String
    public var verifiedOn: CivilDate
    public var findings: String

    public init(caseID: String, verifiedOn: CivilDate, findings: String) {
        self.caseID = caseID; self.verifiedOn = verifiedOn; self.findings = findings
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        try Check.text(findings, "findings", max: 8000)
    }
}

/// `complaint.extended`: the resolution limit is extended, in writing (denunciations: once if
/// complex, twice if especially complex, each at most the rule's days).
public struct ComplaintExtended: CatalogBody {
    public static let messageType = MessageType.complaintExtended
    public var caseID: String
    public var extendedOn: CivilDate
    public var days: Int
    public var ground: String
    /// The written extension decision, e.g. "05/QĐ-STTTT".
    public var decisionRef: String

    public init(caseID: String, extendedOn: CivilDate, days: Int, ground: String, decisionRef: String) {
        self.caseID = caseID; self.extendedOn = extendedOn; self.days = days; self.ground = ground; self.decisionRef = decisionRef
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        guard (1...365).contains(days) else { throw .invalidField("days", "\(days) is outside 1…365") }
        try Check.text(ground, "ground", max: 4000)
        try Check.text(decisionRef, "decisionRef", max: 100)
    }
}

/// `complaint.resolved`: the hub's decision on the case.
public struct ComplaintResolved: CatalogBody {
    public static let messageType = MessageType.complaintResolved
    public var caseID: String
    public var resolvedOn: CivilDate
    public var outcome: CaseOutcome
    public var decisionRef: String
    public var summary: String

    public init(caseID: String, resolvedOn: CivilDate, outcome: CaseOutcome, decisionRef: String, summary: String) {
        self.caseID = caseID; self.resolvedOn = resolvedOn; self.outcome = outcome; self.decisionRef = decisionRef; self.summary = summary
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(caseID, "caseID")
        try Check.text(decisionRef, "decisionRef", max: 100)
        try Check.text(summary, "summary", max: 8000)
    }
}

/// What a deadline reminder is about.
public enum DeadlineSubject: String, Codable, Sendable, CaseIterable {
    case caseAcceptance = "case-acceptance"
    case caseResolution = "case-resolution"
    case caseVerification = "case-verification"
    case certificateApplication = "certificate-application"
    case reportRequest = "report-request"
    case guidanceAcknowledgement = "guidance-acknowledgement"

    public var vietnameseName: String {
        switch self {
        case .caseAcceptance: "Thụ lý đơn"
        case .caseResolution: "Giải quyết đơn"
        case .caseVerification: "Xác minh đơn"
        case .certificateApplication: "Giải quyết hồ sơ cấp giấy chứng nhận"
        case .reportRequest: "Gửi báo cáo"
        case .guidanceAcknowledgement: "Xác nhận văn bản hướng dẫn"
        }
    }
}

/// Whether the deadline is near or past.
public enum DeadlineState: String, Codable, Sendable, CaseIterable {
    case dueSoon = "due-soon"
    case overdue

    public var vietnameseName: String { self == .dueSoon ? "Sắp đến hạn" : "Quá hạn" }
}

/// `deadline.reminded`: the hub pushes a due-soon or overdue item to the agency responsible
/// (Điều 11.2: "theo dõi, đôn đốc"). One per item and state.
public struct DeadlineReminded: CatalogBody {
    public static let messageType = MessageType.deadlineReminded
    public var subject: DeadlineSubject
    /// The case, application, request or guidance id.
    public var subjectID: String
    public var responsible: AgencyID
    public var dueOn: CivilDate
    public var state: DeadlineState
    public var remindedOn: CivilDate

    public init(subject: DeadlineSubject, subjectID: String, responsible: AgencyID, dueOn: CivilDate, state: DeadlineState,
                remindedOn: CivilDate) {
        self.subject = subject; self.subjectID = subjectID; self.responsible = responsible; self.dueOn = dueOn
        self.state = state; self.remindedOn = remindedOn
    }

    public func validate() throws(ProtocolError) { try Check.identifier(subjectID, "subjectID") }
}

/// `training.proposed`: a training proposal on Internet skills for officials (Điều 3.4).
public struct TrainingProposed: CatalogBody {
    public static let messageType = MessageType.trainingProposed
    public var proposalID: String
    public var title: String
    public var audience: String
    public var participants: Int
    public var proposedOn: CivilDate
    public var estimatedCostVND: Int64?

    public init(proposalID: String, title: String, audience: String, participants: Int, proposedOn: CivilDate, estimatedCostVND: Int64? = nil) {
        self.proposalID = proposalID; self.title = title; self.audience = audience; self.participants = participants
        self.proposedOn = proposedOn; self.estimatedCostVND = estimatedCostVND
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(proposalID, "proposalID")
        try Check.text(title, "title")
        try Check.text(audience, "audience")
        try Check.count(participants, "participants", max: 100_000)
        if let estimatedCostVND { try Check.amount(estimatedCostVND, "estimatedCostVND") }
    }
}

/// Where an outreach campaign reached people.
public enum OutreachChannel: String, Codable, Sendable, CaseIterable {
    case meetings
    case media
    case online
    case schools
    case youthUnion = "youth-union"
    case other

    public var vietnameseName: String {
        switch self {
        case .meetings: "Hội nghị, tập huấn"
        case .media: "Báo, đài"
        case .online: "Trực tuyến"
        case .schools: "Trường học"
        case .youthUnion: "Tổ chức đoàn, đội"
        case .other: "Khác"
        }
    }
}

/// `outreach.reported`: a propaganda/education campaign and its reach (Điều 3.7, 8, 9).
public struct OutreachReported: CatalogBody {
    public static let messageType = MessageType.outreachReported
    public var campaignID: String
    public var title: String
    public var channel: OutreachChannel
    public var from: CivilDate
    public var to: CivilDate
    public var reach: Int
    public var district: AgencyID?

    public init(campaignID: String, title: String, channel: OutreachChannel, from: CivilDate, to: CivilDate, reach: Int,
                district: AgencyID? = nil) {
        self.campaignID = campaignID; self.title = title; self.channel = channel; self.from = from; self.to = to
        self.reach = reach; self.district = district
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(campaignID, "campaignID")
        try Check.text(title, "title")
        try Check.order(from, to, "from/to")
        try Check.count(reach, "reach")
    }

    public var concernedDistrict: AgencyID? { district }
}

/// `school-programme.reported`: a Sở GD-ĐT programme on Internet use in schools and for rural
/// pupils (Điều 8).
public struct SchoolProgrammeReported: CatalogBody {
    public static let messageType = MessageType.schoolProgrammeReported
    public var programmeID: String
    public var title: String
    /// "2026-2027".
    public var schoolYear: String
    public var schools: Int
    public var ruralSchools: Int
    public var students: Int
    public var district: AgencyID?

    public init(programmeID: String, title: String, schoolYear: String, schools: Int, ruralSchools: Int, students: Int,
                district: AgencyID? = nil) {
        self.programmeID = programmeID; self.title = title; self.schoolYear = schoolYear; self.schools = schools
        self.ruralSchools = ruralSchools; self.students = students; self.district = district
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(programmeID, "programmeID")
        try Check.text(title, "title")
        let years = schoolYear.split(separator: "-").compactMap { Int($0) }
        guard schoolYear.utf8.count == 9, years.count == 2, years[1] == years[0] + 1 else {
            throw .invalidField("schoolYear", "'\(schoolYear.prefix(20))' must be two consecutive years, e.g. 2026-2027")
        }
        try Check.count(schools, "schools", max: 100_000)
        try Check.count(students, "students")
        guard (0...schools).contains(ruralSchools) else { throw .invalidField("ruralSchools", "\(ruralSchools) is outside 0…schools (\(schools))") }
    }

    public var concernedDistrict: AgencyID? { district }
}

/// What funding is for (Điều 6).
public enum FundingPurpose: String, Codable, Sendable, CaseIterable {
    case outreach
    case inspection
    case training
    case other

    public var vietnameseName: String {
        switch self {
        case .outreach: "Tuyên truyền, giáo dục"
        case .inspection: "Thanh tra, kiểm tra"
        case .training: "Đào tạo, bồi dưỡng"
        case .other: "Khác"
        }
    }
}

/// `funding.requested`: an agency asks Sở Tài chính for funds (Điều 6).
public struct FundingRequested: CatalogBody {
    public static let messageType = MessageType.fundingRequested
    public var requestID: String
    public var purpose: FundingPurpose
    public var amountVND: Int64
    public var fiscalYear: Int
    public var requestedOn: CivilDate
    public var justification: String

    public init(requestID: String, purpose: FundingPurpose, amountVND: Int64, fiscalYear: Int, requestedOn: CivilDate, justification: String) {
        self.requestID = requestID; self.purpose = purpose; self.amountVND = amountVND; self.fiscalYear = fiscalYear
        self.requestedOn = requestedOn; self.justification = justification
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(requestID, "requestID")
        guard amountVND > 0 else { throw .invalidField("amountVND", "must be positive") }
        try Check.amount(amountVND, "amountVND")
        guard (2000...2100).contains(fiscalYear) else { throw .invalidField("fiscalYear", "\(fiscalYear) is outside 2000…2100") }
        try Check.text(justification, "justification", max: 4000)
    }
}

/// `funding.allocated`: Sở Tài chính allocates funds to a request (possibly less than asked).
public struct FundingAllocated: CatalogBody {
    public static let messageType = MessageType.fundingAllocated
    public var requestID: String
    public var requester: AgencyID
    public var allocatedVND: Int64
    public var allocatedOn: CivilDate
    public var decisionRef: String
    /// Why the allocation differs from the request; required when more than was requested is
    /// allocated (checked against the request by the allocating daemon).
    public var note: String?

    public init(requestID: String, requester: AgencyID, allocatedVND: Int64, allocatedOn: CivilDate, decisionRef: String,
                note: String? = nil) {
        self.requestID = requestID; self.requester = requester; self.allocatedVND = allocatedVND
        self.allocatedOn = allocatedOn; self.decisionRef = decisionRef; self.note = note
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(requestID, "requestID")
        try Check.amount(allocatedVND, "allocatedVND")
        try Check.text(decisionRef, "decisionRef", max: 100)
        try Check.optionalText(note, "note", max: 4000)
    }
}

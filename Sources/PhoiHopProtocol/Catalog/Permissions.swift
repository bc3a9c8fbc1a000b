/// What must hold, beyond the sender's role, for an act to be admissible.
///
/// ``PermissionScope/ownDistrict`` is checked here, from the body alone. The others need
/// state — who takes part in a plan, to whom a guidance was addressed — and are checked by
/// `PhoiHopDomain` against the sender's own records before the act is recorded.
public enum PermissionScope: String, Sendable, Codable {
    /// No condition beyond the role.
    case any
    /// A district speaks only of its own territory (Điều 10.1: "tại địa phương").
    case ownDistrict = "own-district"
    /// The sender must be among the addressees of the record it answers (guidance, report request).
    case addressee
    /// The sender must take part in the inspection plan it refers to.
    case participant
    /// The sender must lead the inspection plan it refers to.
    case lead
    /// The sender must be the agency a complaint was assigned to.
    case assignee
    /// The sender must have recorded the violation, or be the district it happened in.
    case violationHandler = "violation-handler"
    /// The sender must have drafted the proposal it refers to, or be one of its cosigners.
    case proposalParty = "proposal-party"
    /// The sender must be the agency that requested the funding.
    case requester
}

/// One row of the permission table: which roles may send a type, under which scope, and the
/// article of Decision 52/2009 that gives them the duty.
public struct Permission: Sendable, Equatable {
    /// A stable name a refusal quotes, e.g. "P07".
    public let id: String
    public let type: MessageType
    public let roles: [Role]
    public let scope: PermissionScope
    public let article: String
}

/// The permission table: role × message type, with scope. Enforced by every agency daemon
/// before it records an act and by the hub on receipt; a refusal names the row.
public enum Permissions {
    private static let allAgencies: [Role] = Role.allCases
    private static let heads: [Role] = [.hub, .congAn, .vhttdl, .district]

    public static let table: [Permission] = [
        Permission(id: "P01", type: .businessRegistered, roles: [.district], scope: .ownDistrict, article: "Điều 10.1, 10.3"),
        Permission(id: "P02", type: .businessChanged, roles: [.district], scope: .ownDistrict, article: "Điều 10.1, 10.3"),
        Permission(id: "P03", type: .businessClosed, roles: [.district], scope: .ownDistrict, article: "Điều 10.1, 10.3"),
        Permission(id: "P04", type: .certificateApplied, roles: [.district], scope: .ownDistrict, article: "Điều 10.3; Điều 7"),
        Permission(id: "P05", type: .certificateIssued, roles: [.district], scope: .ownDistrict, article: "Điều 10.3; Điều 7"),
        Permission(id: "P06", type: .certificateExtended, roles: [.district], scope: .ownDistrict, article: "Điều 10.3; Điều 7"),
        Permission(id: "P07", type: .certificateSuspended, roles: [.district], scope: .ownDistrict, article: "Điều 10.3; Điều 7"),
        Permission(id: "P08", type: .certificateRevoked, roles: [.district], scope: .ownDistrict, article: "Điều 10.3; Điều 7"),
        Permission(id: "P09", type: .guidancePublished, roles: [.hub, .khdt, .congAn], scope: .any, article: "Điều 2, 4.1, 7, 11.2"),
        Permission(id: "P10", type: .guidanceAcknowledged, roles: allAgencies, scope: .addressee, article: "Điều 2, 7, 11.1"),
        Permission(id: "P11", type: .inspectionPlanned, roles: [.hub, .vhttdl, .district], scope: .ownDistrict, article: "Điều 3.3, 5.1, 10.2"),
        Permission(id: "P12", type: .inspectionConfirmed, roles: allAgencies, scope: .participant, article: "Điều 3.3, 4.4"),
        Permission(id: "P13", type: .inspectionRecorded, roles: heads, scope: .participant, article: "Điều 3.3, 4.4, 5.1, 10.2"),
        Permission(id: "P14", type: .inspectionConcluded, roles: [.hub, .vhttdl, .district], scope: .lead, article: "Điều 3.3, 5.1, 10.2"),
        Permission(id: "P15", type: .violationRecorded, roles: heads, scope: .ownDistrict, article: "Điều 4.4, 5.1, 10.2"),
        Permission(id: "P16", type: .sanctionDecided, roles: heads, scope: .violationHandler, article: "Điều 4.4, 5.1, 10.2"),
        Permission(id: "P17", type: .violationFollowedUp, roles: heads, scope: .violationHandler, article: "Điều 10.2"),
        Permission(id: "P18", type: .violationClosed, roles: heads, scope: .violationHandler, article: "Điều 10.2"),
        Permission(id: "P19", type: .complaintReceived, roles: allAgencies, scope: .ownDistrict, article: "Điều 3.6"),
        Permission(id: "P20", type: .complaintAccepted, roles: [.hub], scope: .any, article: "Điều 3.6"),
        Permission(id: "P21", type: .complaintRefused, roles: [.hub], scope: .any, article: "Điều 3.6"),
        Permission(id: "P22", type: .complaintAssigned, roles: [.hub], scope: .any, article: "Điều 3.6"),
        Permission(id: "P23", type: .complaintVerified, roles: Role.agencyRoles, scope: .assignee, article: "Điều 3.6; Điều 2"),
        Permission(id: "P24", type: .complaintExtended, roles: [.hub], scope: .any, article: "Điều 3.6"),
        Permission(id: "P25", type: .complaintResolved, roles: [.hub], scope: .any, article: "Điều 3.6"),
        Permission(id: "P26", type: .deadlineReminded, roles: [.hub], scope: .any, article: "Điều 11.2 (theo dõi, đôn đốc)"),
        Permission(id: "P27", type: .incidentReported, roles: [.congAn, .hub], scope: .any, article: "Điều 4.2"),
        Permission(id: "P28", type: .securityAdvisory, roles: [.congAn, .hub], scope: .any, article: "Điều 4.1, 4.2"),
        Permission(id: "P29", type: .fireSafetyGuidance, roles: [.congAn], scope: .any, article: "Điều 4.3"),
        Permission(id: "P30", type: .fireSafetyChecked, roles: [.congAn], scope: .any, article: "Điều 4.3"),
        Permission(id: "P31", type: .gameFlagged, roles: [.vhttdl, .hub, .congAn], scope: .any, article: "Điều 5.2"),
        Permission(id: "P32", type: .gameProposalDrafted, roles: [.vhttdl], scope: .any, article: "Điều 5.2"),
        Permission(id: "P33", type: .gameProposalConcurred, roles: [.hub, .congAn], scope: .proposalParty, article: "Điều 5.2"),
        Permission(id: "P34", type: .gameProposalSubmitted, roles: [.vhttdl], scope: .proposalParty, article: "Điều 5.2"),
        Permission(id: "P35", type: .reportRequested, roles: [.hub], scope: .any, article: "Điều 3.5, 11.2"),
        Permission(id: "P36", type: .reportSubmitted, roles: Role.agencyRoles, scope: .addressee, article: "Điều 3.5, 11.1"),
        Permission(id: "P37", type: .trainingProposed, roles: allAgencies, scope: .any, article: "Điều 3.4"),
        Permission(id: "P38", type: .outreachReported, roles: [.hub, .congAn, .vhttdl, .district, .gddt, .tinhDoan], scope: .ownDistrict, article: "Điều 3.7, 8, 9"),
        Permission(id: "P39", type: .schoolProgrammeReported, roles: [.gddt], scope: .any, article: "Điều 8.1, 8.2"),
        Permission(id: "P40", type: .fundingRequested, roles: Role.allCases.filter { $0 != .taiChinh }, scope: .any, article: "Điều 6"),
        Permission(id: "P41", type: .fundingAllocated, roles: [.taiChinh], scope: .requester, article: "Điều 6"),
        Permission(id: "P42", type: .violationFinePaid, roles: heads, scope: .violationHandler, article: "Điều 4.4, 5.1, 10.2"),
    ]

    private static let byType: [MessageType: Permission] = Dictionary(uniqueKeysWithValues: table.map { ($0.type, $0) })

    /// The row for `type`. Every type has exactly one (pinned by a test).
    public static func rule(for type: MessageType) -> Permission {
        byType[type]!
    }
}

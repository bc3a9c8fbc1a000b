/// Why an online game is harmful (Điều 5.2: "xuyên tạc lịch sử, chống phá chế độ xã hội chủ
/// nghĩa, bạo lực, đồi trụy …").
public enum HarmfulReason: String, Codable, Sendable, CaseIterable {
    case distortingHistory = "distorting-history"
    case antiState = "anti-state"
    case violence
    case obscenity
    case gambling
    case other

    public var vietnameseName: String {
        switch self {
        case .distortingHistory: "Xuyên tạc lịch sử"
        case .antiState: "Chống phá chế độ xã hội chủ nghĩa"
        case .violence: "Bạo lực"
        case .obscenity: "Đồi trụy"
        case .gambling: "Cờ bạc"
        case .other: "Khác"
        }
    }
}

/// `game.flagged`: an online game found with harmful content.
public struct GameFlagged: CatalogBody {
    public static let messageType = MessageType.gameFlagged
    public var gameID: String
    public var name: String
    public var publisher: String?
    public var reasons: [HarmfulReason]
    public var flaggedOn: CivilDate
    public var evidence: String

    public init(gameID: String, name: String, publisher: String? = nil, reasons: [HarmfulReason], flaggedOn: CivilDate, evidence: String) {
        self.gameID = gameID; self.name = name; self.publisher = publisher; self.reasons = reasons
        self.flaggedOn = flaggedOn; self.evidence = evidence
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(gameID, "gameID")
        try Check.text(name, "name")
        try Check.optionalText(publisher, "publisher")
        guard !reasons.isEmpty, Set(reasons).count == reasons.count else {
            throw .invalidField("reasons", "must name each reason at most once, and at least one")
        }
        try Check.text(evidence, "evidence", max: 4000)
    }
}

/// `game.proposal-drafted`: Sở VH-TT-DL drafts the joint proposal to the Ministry on flagged
/// games; its cosigners (Sở TT&TT and Công an) must concur before it is submitted.
public struct GameProposalDrafted: CatalogBody {
    public static let messageType = MessageType.gameProposalDrafted
    public var proposalID: String
    public var gameIDs: [String]
    public var draftedOn: CivilDate
    public var measures: String
    public var cosigners: [AgencyID]

    public init(proposalID: String, gameIDs: [String], draftedOn: CivilDate, measures: String, cosigners: [AgencyID]) {
        self.proposalID = proposalID; self.gameIDs = gameIDs; self.draftedOn = draftedOn; self.measures = measures
        self.cosigners = cosigners
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(proposalID, "proposalID")
        try Check.identifiers(gameIDs, "gameIDs", max: 100)
        try Check.text(measures, "measures", max: 8000)
        try Check.agencies(cosigners, "cosigners", max: 10)
    }
}

/// `game.proposal-concurred`: a cosigner agrees (or not) with the draft.
public struct GameProposalConcurred: CatalogBody {
    public static let messageType = MessageType.gameProposalConcurred
    public var proposalID: String
    public var concurredOn: CivilDate
    public var agrees: Bool
    public var comment: String?

    public init(proposalID: String, concurredOn: CivilDate, agrees: Bool, comment: String? = nil) {
        self.proposalID = proposalID; self.concurredOn = concurredOn; self.agrees = agrees; self.comment = comment
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(proposalID, "proposalID")
        try Check.optionalText(comment, "comment", max: 4000)
        if !agrees, comment == nil { throw .invalidField("comment", "a disagreement must say why") }
    }
}

/// `game.proposal-submitted`: the proposal went to Bộ VH-TT-DL, with every cosigner's concurrence.
public struct GameProposalSubmitted: CatalogBody {
    public static let messageType = MessageType.gameProposalSubmitted
    public var proposalID: String
    public var submittedOn: CivilDate
    /// The dispatch's number and symbol, e.g. "88/SVHTTDL-TTr".
    public var documentRef: String

    public init(proposalID: String, submittedOn: CivilDate, documentRef: String) {
        self.proposalID = proposalID; self.submittedOn = submittedOn; self.documentRef = documentRef
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(proposalID, "proposalID")
        try Check.text(documentRef, "documentRef", max: 100)
    }
}

/// What a guidance document is about.
public enum GuidanceTopic: String, Codable, Sendable, CaseIterable {
    /// Issuing and revoking business-registration certificates (KH-ĐT → districts, Điều 7).
    case certificates
    /// Information security (Công an, Điều 4.1).
    case security
    /// Implementing the regulation (Sở TT&TT, Điều 2, 11.2).
    case regulation
    case other

    public var vietnameseName: String {
        switch self {
        case .certificates: "Cấp, thu hồi giấy chứng nhận"
        case .security: "An ninh thông tin"
        case .regulation: "Triển khai quy chế"
        case .other: "Khác"
        }
    }
}

/// `guidance.published`: a document of guidance, sent through the hub to its addressees, who
/// acknowledge it.
public struct GuidancePublished: CatalogBody {
    public static let messageType = MessageType.guidancePublished
    public var guidanceID: String
    public var topic: GuidanceTopic
    public var title: String
    /// The document's number and symbol, e.g. "125/HD-SKHĐT".
    public var documentRef: String
    public var issuedOn: CivilDate
    public var addressees: [AgencyID]
    public var summary: String

    public init(guidanceID: String, topic: GuidanceTopic, title: String, documentRef: String, issuedOn: CivilDate,
                addressees: [AgencyID], summary: String) {
        self.guidanceID = guidanceID; self.topic = topic; self.title = title; self.documentRef = documentRef
        self.issuedOn = issuedOn; self.addressees = addressees; self.summary = summary
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(guidanceID, "guidanceID")
        try Check.text(title, "title")
        try Check.text(documentRef, "documentRef", max: 100)
        try Check.agencies(addressees, "addressees")
        try Check.text(summary, "summary", max: 4000)
    }
}

/// `guidance.acknowledged`: an addressee confirms it received and read a guidance document.
public struct GuidanceAcknowledged: CatalogBody {
    public static let messageType = MessageType.guidanceAcknowledged
    public var guidanceID: String
    public var acknowledgedOn: CivilDate
    public var note: String?

    public init(guidanceID: String, acknowledgedOn: CivilDate, note: String? = nil) {
        self.guidanceID = guidanceID; self.acknowledgedOn = acknowledgedOn; self.note = note
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(guidanceID, "guidanceID")
        try Check.optionalText(note, "note", max: 2000)
    }
}

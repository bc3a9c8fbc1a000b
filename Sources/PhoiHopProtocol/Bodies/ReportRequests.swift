/// Báo cáo định kỳ / chuyên đề / đột xuất (Decree 09/2019).
public enum ReportKind: String, Codable, Sendable, CaseIterable {
    case periodic
    case thematic
    case adHoc = "ad-hoc"

    public var vietnameseName: String {
        switch self {
        case .periodic: "Định kỳ"
        case .thematic: "Chuyên đề"
        case .adHoc: "Đột xuất"
        }
    }
}

/// `report.requested`: the hub asks agencies for a report on a period, due by `dueOn`.
public struct ReportRequested: CatalogBody {
    public static let messageType = MessageType.reportRequested
    public var requestID: String
    public var kind: ReportKind
    public var subject: String
    /// The data cut-off (ngày chốt số liệu): first and last day counted, inclusive.
    public var periodFrom: CivilDate
    public var periodTo: CivilDate
    public var requestedOn: CivilDate
    public var dueOn: CivilDate
    public var addressees: [AgencyID]

    public init(requestID: String, kind: ReportKind, subject: String, periodFrom: CivilDate, periodTo: CivilDate,
                requestedOn: CivilDate, dueOn: CivilDate, addressees: [AgencyID]) {
        self.requestID = requestID; self.kind = kind; self.subject = subject; self.periodFrom = periodFrom
        self.periodTo = periodTo; self.requestedOn = requestedOn; self.dueOn = dueOn; self.addressees = addressees
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(requestID, "requestID")
        try Check.text(subject, "subject")
        try Check.order(periodFrom, periodTo, "periodFrom/periodTo")
        try Check.order(requestedOn, dueOn, "requestedOn/dueOn")
        try Check.agencies(addressees, "addressees")
        guard !addressees.contains(.hub) else { throw .invalidField("addressees", "the hub does not report to itself") }
    }
}

/// One figure of a report answer: a stable key, what officers read, and the count or amount.
public struct ReportFigure: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var value: Int64

    public init(key: String, label: String, value: Int64) { self.key = key; self.label = label; self.value = value }
}

/// `report.submitted`: an agency's answer, assembled by its daemon from its own records.
public struct ReportSubmitted: CatalogBody {
    public static let messageType = MessageType.reportSubmitted
    public var requestID: String
    public var submittedOn: CivilDate
    public var figures: [ReportFigure]
    public var note: String?

    public init(requestID: String, submittedOn: CivilDate, figures: [ReportFigure], note: String? = nil) {
        self.requestID = requestID; self.submittedOn = submittedOn; self.figures = figures; self.note = note
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(requestID, "requestID")
        guard figures.count <= 500 else { throw .invalidField("figures", "at most 500 figures") }
        for figure in figures {
            try Check.identifier(figure.key, "figures.key")
            try Check.text(figure.label, "figures.label")
        }
        guard Set(figures.map(\.key)).count == figures.count else { throw .invalidField("figures", "lists a key twice") }
        try Check.optionalText(note, "note", max: 8000)
    }
}

public import PhoiHopConfig
public import PhoiHopProtocol

/// The legal limits of one case, computed from config/rules/deadlines.yaml (never stored: a
/// corrected rule or holiday corrects every case at once).
///
/// * Lodging (complaints, round 1): `complaint-lodge` from `actOn` — shown, not enforced: the
///   hub may accept a late complaint for a lawful excuse (Luật Khiếu nại 2011, Điều 9).
/// * Acceptance: `complaint-accept` (calendar days) or `denunciation-accept` (working days)
///   from receipt; accepting later is allowed and recorded as late.
/// * Resolution, from acceptance: `complaint-resolve-1` / `-2` in the variant of the case's
///   complexity and remote area; `denunciation-resolve` plus its written extensions.
public struct CaseDeadlines: Codable, Sendable, Equatable {
    public var lodgingLimit: CivilDate?
    public var lodgedLate: Bool
    public var acceptanceDue: CivilDate
    public var acceptanceRule: String
    /// Nil until the case is accepted.
    public var acceptedLate: Bool?
    /// Nil until the case is accepted.
    public var resolutionDue: CivilDate?
    /// The rule and variant, e.g. "complaint-resolve-1/remote-complex".
    public var resolutionRule: String?
    /// Nil until the case is resolved.
    public var resolvedLate: Bool?
    public var extensionsAllowed: Int
    public var extensionsUsed: Int
    /// False when a limit runs into a year the holiday table does not list.
    public var calendarCovered: Bool

    public init(_ record: CaseRecord, extensions: [CaseExtension], rules: ProvinceRules) {
        let calendar = LegalCalendar(rules.holidays)
        let deadlines = rules.deadlines
        if record.kind == .complaint, record.round == 1, let actOn = record.actOn {
            let rule = deadlines.rule("complaint-lodge")
            let limit = calendar.deadline(after: actOn, days: rule.days("normal"), counting: rule.counting)
            lodgingLimit = limit
            lodgedLate = record.receivedOn > limit
        } else {
            lodgingLimit = nil
            lodgedLate = false
        }
        let acceptID = record.kind == .complaint ? "complaint-accept" : "denunciation-accept"
        let accept = deadlines.rule(acceptID)
        let acceptanceDue = calendar.deadline(after: record.receivedOn, days: accept.days("normal"), counting: accept.counting)
        self.acceptanceDue = acceptanceDue
        acceptanceRule = acceptID
        acceptedLate = record.acceptedOn.map { $0 > acceptanceDue }
        extensionsAllowed = CaseDeadlines.extensionsAllowed(kind: record.kind, complexity: record.complexity ?? .normal, rules: deadlines)
        extensionsUsed = extensions.count
        var covered = calendar.covers(record.receivedOn) && calendar.covers(acceptanceDue)
        if let acceptedOn = record.acceptedOn {
            let (ruleID, variant) = CaseDeadlines.resolutionRule(record)
            let rule = deadlines.rule(ruleID)
            let days = rule.days(variant) + extensions.reduce(0) { $0 + $1.days }
            let due = calendar.deadline(after: acceptedOn, days: days, counting: rule.counting)
            resolutionDue = due
            resolutionRule = "\(ruleID)/\(variant)"
            resolvedLate = record.resolvedOn.map { $0 > due }
            covered = covered && calendar.covers(due)
        } else {
            resolutionDue = nil
            resolutionRule = nil
            resolvedLate = nil
        }
        calendarCovered = covered
    }

    /// The resolution rule id and its variant for the case.
    public static func resolutionRule(_ record: CaseRecord) -> (id: String, variant: String) {
        guard record.kind == .complaint else { return ("denunciation-resolve", "normal") }
        let complex = (record.complexity ?? .normal) != .normal
        let variant = record.remoteArea ? (complex ? "remote-complex" : "remote") : (complex ? "complex" : "normal")
        return (record.round == 2 ? "complaint-resolve-2" : "complaint-resolve-1", variant)
    }

    /// How many written extensions the law allows: none for complaints (Luật Khiếu nại 2011 has
    /// the complex and remote limits instead); for denunciations per `denunciation-extension`.
    public static func extensionsAllowed(kind: ComplaintKind, complexity: CaseComplexity, rules: DeadlineRules) -> Int {
        guard kind == .denunciation else { return 0 }
        return rules.rule("denunciation-extension").days["max-extensions-\(complexity.rawValue)"] ?? 0
    }
}

import PhoiHopProtocol
import Yams

/// Whether a legal time limit counts every day or working days only.
public enum DayCounting: String, Sendable, Equatable, Codable {
    case calendar
    case working
}

/// One legal time limit, from config/rules/deadlines.yaml: how many days in each variant
/// (`normal`, `complex`, `remote`, `remote-complex` …), how they count, and the article.
public struct DeadlineRule: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var counting: DayCounting
    public var days: [String: Int]
    public var source: String
    /// False where RULES.md marks the fact unverified: configurable, and said so in the docs.
    public var verified: Bool

    /// The days of `variant`, falling back to `normal`.
    public func days(_ variant: String) -> Int { days[variant] ?? days["normal"] ?? 0 }
}

/// The legal time limits the deadline board computes (complaints, denunciations, reminders).
/// Every limit counts from the day after its event (Bộ luật Dân sự 2015, Điều 147); the
/// arithmetic is `LegalCalendar` in PhoiHopDomain.
public struct DeadlineRules: Sendable, Equatable, Codable {
    public var rules: [String: DeadlineRule]
    /// How many working days before a deadline an item counts as due soon and is pushed.
    public var dueSoonWorkingDays: Int
    public var source: String

    public init(rules: [String: DeadlineRule], dueSoonWorkingDays: Int, source: String) {
        self.rules = rules; self.dueSoonWorkingDays = dueSoonWorkingDays; self.source = source
    }

    /// The rule `id`; the loader guarantees every id the code asks for (``requiredIDs``).
    public func rule(_ id: String) -> DeadlineRule {
        rules[id] ?? DeadlineRule(id: id, title: id, counting: .calendar, days: [:], source: "missing", verified: false)
    }

    /// The rule ids the code computes deadlines with; the file must define each.
    public static let requiredIDs = [
        "complaint-lodge", "complaint-accept", "complaint-resolve-1", "complaint-resolve-2",
        "denunciation-accept", "denunciation-resolve", "denunciation-extension", "guidance-acknowledge",
    ]

    static func load(_ doc: YAMLDocument) throws(ConfigError) -> DeadlineRules {
        try doc.checkKeys(doc.root, allowed: ["source", "dueSoonWorkingDays", "rules"], at: "")
        var rules: [String: DeadlineRule] = [:]
        for (m, path) in try doc.mappings(doc.root, "rules", at: "") {
            try doc.checkKeys(m, allowed: ["id", "title", "counting", "days", "source", "verified"], at: path)
            let id = try doc.requiredString(m, "id", at: path)
            let countingText = try doc.requiredString(m, "counting", at: path)
            guard let counting = DayCounting(rawValue: countingText) else {
                throw doc.fail("\(path).counting", "'\(countingText)' must be calendar or working")
            }
            guard let daysNode = try doc.mapping(m, "days", at: path) else { throw doc.fail("\(path).days", "is required, e.g. {normal: 30}") }
            var days: [String: Int] = [:]
            for key in daysNode.keys {
                guard let name = key.string, let value = try doc.int(daysNode, name, at: "\(path).days", range: 0...3650) else { continue }
                days[name] = value
            }
            guard days["normal"] != nil else { throw doc.fail("\(path).days", "must give at least 'normal'") }
            guard rules[id] == nil else { throw doc.fail("\(path).id", "'\(id)' is defined twice") }
            rules[id] = DeadlineRule(id: id, title: try doc.requiredString(m, "title", at: path), counting: counting, days: days,
                                     source: try doc.requiredString(m, "source", at: path), verified: try doc.bool(m, "verified", at: path) ?? true)
        }
        for id in requiredIDs where rules[id] == nil { throw doc.fail("rules", "must define '\(id)'") }
        return DeadlineRules(rules: rules, dueSoonWorkingDays: try doc.int(doc.root, "dueSoonWorkingDays", at: "", range: 0...30) ?? 3,
                             source: try doc.requiredString(doc.root, "source", at: ""))
    }
}

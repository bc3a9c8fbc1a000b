import Yams

/// The hub's `reports:` section: who issues its reports, how they are numbered, and which
/// periodic reports it generates on its own after each cut-off. Every key is optional; an absent
/// section gives Long An's Sở TT&TT, numbers left blank for the clerical office, no schedule.
public struct ReportsSettings: Sendable, Equatable, Codable {
    /// The issuer printed on every report (Decree 30/2020, Appendix I items 1, 3, 4, 7–9).
    public var issuer = ReportIssuer()
    public var numbering = ReportNumbering.blank
    public var schedule = ReportSchedulePlan()

    public init() {}

    static let keys: Set<String> = ["issuer", "numbering", "schedule"]
    static let issuerKeys: Set<String> = [
        "superiorBody", "issuingBody", "symbol", "place", "signerCapacity", "signerPosition", "signerName", "recipients", "archivedAt",
    ]
    /// Every period kind a schedule may name; the rules' report-periods.yaml defines each.
    static let schedulableKinds = ["monthly", "quarterly", "six-month", "nine-month", "annual"]

    /// Reads the `reports:` mapping of `doc` (nil: the defaults), checking every key; a kind
    /// the schedule names must be one of `periodKinds` (the rules' report-periods.yaml).
    static func load(_ doc: YAMLDocument, _ section: Node.Mapping?, periodKinds: [String]) throws(ConfigError) -> ReportsSettings {
        var settings = ReportsSettings()
        guard let section else { return settings }
        try doc.checkKeys(section, allowed: keys, at: "reports")
        if let m = try doc.mapping(section, "issuer", at: "reports") {
            let path = "reports.issuer"
            try doc.checkKeys(m, allowed: issuerKeys, at: path)
            var issuer = ReportIssuer()
            if let text = try doc.string(m, "superiorBody", at: path) { issuer.superiorBody = text.isEmpty ? nil : text }
            if let text = try doc.string(m, "issuingBody", at: path) { issuer.issuingBody = try nonEmpty(doc, text, "\(path).issuingBody") }
            if let text = try doc.string(m, "symbol", at: path) {
                guard !text.isEmpty, !text.contains("/"), !text.contains(where: \.isWhitespace) else {
                    throw doc.fail("\(path).symbol", "'\(text.prefix(40))' is not a document symbol; write it without spaces or '/', e.g. BC-STTTT")
                }
                issuer.symbol = text
            }
            if let text = try doc.string(m, "place", at: path) { issuer.place = try nonEmpty(doc, text, "\(path).place") }
            if let text = try doc.string(m, "signerCapacity", at: path) { issuer.signerCapacity = text.isEmpty ? nil : text }
            if let text = try doc.string(m, "signerPosition", at: path) { issuer.signerPosition = try nonEmpty(doc, text, "\(path).signerPosition") }
            if let text = try doc.string(m, "signerName", at: path) { issuer.signerName = text }
            if let list = try strings(doc, m, "recipients", at: path) { issuer.recipients = list }
            if let list = try strings(doc, m, "archivedAt", at: path) { issuer.archivedAt = list }
            settings.issuer = issuer
        }
        if let m = try doc.mapping(section, "numbering", at: "reports") {
            let path = "reports.numbering"
            try doc.checkKeys(m, allowed: ["mode", "firstNumber"], at: path)
            switch try doc.string(m, "mode", at: path) ?? "blank" {
            case "blank":
                if m["firstNumber"] != nil { throw doc.fail("\(path).firstNumber", "only 'mode: sequential' numbers reports; remove it or set mode: sequential") }
                settings.numbering = .blank
            case "sequential":
                settings.numbering = .sequential(firstNumber: try doc.int(m, "firstNumber", at: path, range: 1...999_999) ?? 1)
            case let other:
                throw doc.fail("\(path).mode", "'\(other.prefix(40))' is neither 'blank' (the clerical office writes the number) nor 'sequential' (the next number of the year)")
            }
        }
        if let m = try doc.mapping(section, "schedule", at: "reports") {
            let path = "reports.schedule"
            try doc.checkKeys(m, allowed: ["enabled", "kinds"], at: path)
            if let node = m["enabled"] {
                guard let value = node.bool else { throw doc.fail("\(path).enabled", "must be true or false") }
                settings.schedule.enabled = value
            }
            if let kinds = try strings(doc, m, "kinds", at: path) {
                for kind in kinds where !periodKinds.contains(kind) || !schedulableKinds.contains(kind) {
                    throw doc.fail("\(path).kinds", "'\(kind.prefix(40))' is not a report period; use some of \(periodKinds.filter(schedulableKinds.contains).joined(separator: ", "))")
                }
                guard Set(kinds).count == kinds.count else { throw doc.fail("\(path).kinds", "lists a kind twice") }
                settings.schedule.kinds = kinds
            }
        }
        return settings
    }

    static func nonEmpty(_ doc: YAMLDocument, _ text: String, _ key: String) throws(ConfigError) -> String {
        guard !text.isEmpty else { throw doc.fail(key, "must not be empty") }
        return text
    }

    static func strings(_ doc: YAMLDocument, _ m: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> [String]? {
        guard let items = try doc.sequence(m, key, at: path) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.scalar?.string, !text.isEmpty else { throw doc.fail("\(path).\(key)[\(index)]", "must be a non-empty text") }
            result.append(text)
        }
        return result
    }
}

/// Who issues the hub's reports, as `reports.issuer` says; the defaults are Long An's Sở TT&TT.
public struct ReportIssuer: Sendable, Equatable, Codable {
    /// The body above the issuer ("UBND TỈNH LONG AN"); nil when the issuer has none printed.
    public var superiorBody: String? = "UBND TỈNH LONG AN"
    public var issuingBody = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    /// The document symbol after the number: "Số: 12/BC-STTTT".
    public var symbol = "BC-STTTT"
    /// Where the place-and-date line says it was written.
    public var place = "Tân An"
    /// "KT. GIÁM ĐỐC" when a deputy signs for the director; nil when the director signs.
    public var signerCapacity: String? = nil
    public var signerPosition = "GIÁM ĐỐC"
    public var signerName = ""
    /// "Nơi nhận:", one line each.
    public var recipients = ["UBND tỉnh (để báo cáo)", "Bộ Thông tin và Truyền thông (để báo cáo)", "Các sở, ngành, UBND cấp huyện"]
    /// The "Lưu:" line: the clerical office and the drafting unit.
    public var archivedAt = ["VT"]

    public init() {}
}

/// How a stored report gets its number.
public enum ReportNumbering: Sendable, Equatable, Codable {
    /// "Số: …/BC-STTTT": the clerical office writes the number when it registers the report.
    case blank
    /// The next number of the calendar year among the stored reports, the year's first being `firstNumber`.
    case sequential(firstNumber: Int)
}

/// Which periodic reports the hub generates on its own, the day after each cut-off.
public struct ReportSchedulePlan: Sendable, Equatable, Codable {
    /// Off unless the configuration turns it on.
    public var enabled = false
    /// Period kinds (report-periods.yaml ids), in the order they are generated on a day.
    public var kinds = ["monthly", "quarterly", "six-month", "nine-month", "annual"]

    public init() {}
}

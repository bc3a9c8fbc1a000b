public import PhoiHopProtocol
import Yams

/// One kind of reporting period (config/rules/report-periods.yaml): how many months it spans and
/// in which months it ends.
public struct ReportPeriodKind: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var months: Int
    public var endMonths: [Int]
}

/// The data cut-offs of periodic reports (Decree 09/2019; provincial practice): a period ends on
/// `cutoffDay` of its last month and starts the day after the previous period's cut-off.
public struct ReportPeriodRules: Sendable, Equatable, Codable {
    public var cutoffDay: Int
    public var kinds: [ReportPeriodKind]
    /// Lower levels answer this many working days after the cut-off.
    public var answerWorkingDaysAfterCutoff: Int
    public var source: String

    public func kind(_ id: String) -> ReportPeriodKind? { kinds.first { $0.id == id } }

    /// The period of `kind` that ends in `month` of `year`, or nil when that kind does not end then.
    public func period(_ kind: ReportPeriodKind, year: Int, endMonth: Int) -> (from: CivilDate, to: CivilDate)? {
        guard kind.endMonths.contains(endMonth), let to = try? CivilDate(year: year, month: endMonth, day: cutoffDay) else { return nil }
        return (to.adding(months: -kind.months).adding(days: 1), to)
    }

    static func load(_ doc: YAMLDocument) throws(ConfigError) -> ReportPeriodRules {
        try doc.checkKeys(doc.root, allowed: ["source", "cutoffDay", "answerWorkingDaysAfterCutoff", "periods"], at: "")
        var kinds: [ReportPeriodKind] = []
        for (m, path) in try doc.mappings(doc.root, "periods", at: "") {
            try doc.checkKeys(m, allowed: ["id", "title", "months", "endMonths"], at: path)
            let id = try doc.requiredString(m, "id", at: path)
            guard !kinds.contains(where: { $0.id == id }) else { throw doc.fail("\(path).id", "'\(id)' is listed twice") }
            let months = try doc.int(m, "months", at: path, range: 1...12) ?? 0
            guard months > 0 else { throw doc.fail("\(path).months", "is required (1–12)") }
            var ends: [Int] = []
            for node in try doc.sequence(m, "endMonths", at: path) ?? [] {
                guard let month = node.int, (1...12).contains(month) else { throw doc.fail("\(path).endMonths", "must list months 1–12") }
                ends.append(month)
            }
            guard !ends.isEmpty else { throw doc.fail("\(path).endMonths", "is required") }
            kinds.append(ReportPeriodKind(id: id, title: try doc.requiredString(m, "title", at: path), months: months, endMonths: ends))
        }
        return ReportPeriodRules(
            cutoffDay: try doc.int(doc.root, "cutoffDay", at: "", range: 1...28) ?? 14, kinds: kinds,
            answerWorkingDaysAfterCutoff: try doc.int(doc.root, "answerWorkingDaysAfterCutoff", at: "", range: 0...30) ?? 2,
            source: try doc.requiredString(doc.root, "source", at: ""))
    }
}

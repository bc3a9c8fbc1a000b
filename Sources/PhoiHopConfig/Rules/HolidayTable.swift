public import PhoiHopProtocol
import Yams

/// The days off of the civil service, from config/rules/holidays.yaml: weekends plus the public
/// holidays (Bộ luật Lao động 2019, Điều 112) and the days the Government moves each year, with
/// the make-up working days that come with them. Working-day deadlines count only working days;
/// a calendar-day deadline ending on a day off moves to the next working day (Bộ luật Dân sự
/// 2015, Điều 148).
public struct HolidayTable: Sendable, Equatable, Codable {
    /// ISO weekdays off (1 = Monday … 7 = Sunday).
    public var weekend: Set<Int>
    public var holidays: [CivilDate: String]
    /// Weekend days worked to make up for a moved holiday.
    public var makeUpWorkingDays: Set<CivilDate>
    /// The years the table lists completely: deadlines past them may miss a holiday.
    public var coveredYears: ClosedRange<Int>
    public var source: String

    public init(weekend: Set<Int>, holidays: [CivilDate: String], makeUpWorkingDays: Set<CivilDate>, coveredYears: ClosedRange<Int>, source: String) {
        self.weekend = weekend; self.holidays = holidays; self.makeUpWorkingDays = makeUpWorkingDays
        self.coveredYears = coveredYears; self.source = source
    }

    /// Whether civil servants work on `date`.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if makeUpWorkingDays.contains(date) { return true }
        if holidays[date] != nil { return false }
        return !weekend.contains(date.isoWeekday)
    }

    static func load(_ doc: YAMLDocument) throws(ConfigError) -> HolidayTable {
        try doc.checkKeys(doc.root, allowed: ["source", "weekend", "coveredYears", "holidays", "makeUpWorkingDays"], at: "")
        let source = try doc.requiredString(doc.root, "source", at: "")
        let names = ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7]
        var weekend: Set<Int> = []
        for node in try doc.sequence(doc.root, "weekend", at: "") ?? [] {
            guard let day = node.string.flatMap({ names[$0] }) else { throw doc.fail("weekend", "list weekday names, e.g. [saturday, sunday]") }
            weekend.insert(day)
        }
        guard let years = try doc.mapping(doc.root, "coveredYears", at: "") else { throw doc.fail("coveredYears", "is required: {from: YYYY, to: YYYY}") }
        let fromYear = try doc.int(years, "from", at: "coveredYears", range: 1990...2200) ?? 0
        let toYear = try doc.int(years, "to", at: "coveredYears", range: 1990...2200) ?? 0
        guard fromYear > 0, fromYear <= toYear else { throw doc.fail("coveredYears", "needs from ≤ to") }
        var holidays: [CivilDate: String] = [:]
        for (m, path) in try doc.mappings(doc.root, "holidays", at: "") {
            try doc.checkKeys(m, allowed: ["date", "from", "to", "name", "source", "verified"], at: path)
            let name = try doc.requiredString(m, "name", at: path)
            let first: CivilDate
            if let single = try doc.date(m, "date", at: path) { first = single } else { first = try doc.requiredDate(m, "from", at: path) }
            let last = try doc.date(m, "to", at: path) ?? first
            guard first <= last, last.dayNumber - first.dayNumber < 31 else { throw doc.fail(path, "from must be on or before to, at most 31 days") }
            for n in first.dayNumber...last.dayNumber { holidays[CivilDate(dayNumber: n)] = name }
        }
        var makeUp: Set<CivilDate> = []
        for (m, path) in try doc.mappings(doc.root, "makeUpWorkingDays", at: "", required: false) {
            try doc.checkKeys(m, allowed: ["date", "name", "source", "verified"], at: path)
            makeUp.insert(try doc.requiredDate(m, "date", at: path))
        }
        return HolidayTable(weekend: weekend, holidays: holidays, makeUpWorkingDays: makeUp, coveredYears: fromYear...toYear, source: source)
    }
}

public import PhoiHopProtocol
import Yams

/// The days off of the civil service, from config/rules/holidays.yaml: weekends plus the public
/// holidays (Bộ luật Lao động 2019, Điều 112) and the days the Government moves each year, with
/// the make-up working days that come with them. Working-day deadlines count only working days;
/// a calendar-day deadline ending on a day off moves to the next working day (Bộ luật Dân sự
/// 2015, Điều 148).
public struct HolidayTable: Sendable, Equatable, Codable {
    /// ISO weekdays off (1 = Monday … 7 = Sunday).
    public let weekend: Set<Int>
    public let holidays: [CivilDate: String]
    /// Weekend days worked to make up for a moved holiday.
    public let makeUpWorkingDays: Set<CivilDate>
    /// The years the table lists completely: deadlines past them may miss a holiday.
    public let coveredYears: ClosedRange<Int>
    public let source: String
    /// The working days of the covered years and five years either side, counted once when the
    /// table is made, so day arithmetic is an array lookup (a report works out the deadlines of
    /// every case it counts). Derived from the fields above: neither encoded nor compared.
    private let days: WorkingDayIndex

    private enum CodingKeys: String, CodingKey { case weekend, holidays, makeUpWorkingDays, coveredYears, source }

    public init(weekend: Set<Int>, holidays: [CivilDate: String], makeUpWorkingDays: Set<CivilDate>, coveredYears: ClosedRange<Int>, source: String) {
        self.weekend = weekend; self.holidays = holidays; self.makeUpWorkingDays = makeUpWorkingDays
        self.coveredYears = coveredYears; self.source = source
        days = WorkingDayIndex(years: coveredYears) { date in
            HolidayTable.isWorkingDay(date, weekend: weekend, holidays: holidays, makeUp: makeUpWorkingDays)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(weekend: try c.decode(Set<Int>.self, forKey: .weekend), holidays: try c.decode([CivilDate: String].self, forKey: .holidays),
                  makeUpWorkingDays: try c.decode(Set<CivilDate>.self, forKey: .makeUpWorkingDays),
                  coveredYears: try c.decode(ClosedRange<Int>.self, forKey: .coveredYears), source: try c.decode(String.self, forKey: .source))
    }

    public static func == (a: HolidayTable, b: HolidayTable) -> Bool {
        (a.weekend, a.holidays, a.makeUpWorkingDays, a.coveredYears, a.source) == (b.weekend, b.holidays, b.makeUpWorkingDays, b.coveredYears, b.source)
    }

    /// Whether civil servants work on `date`.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        days.isWorkingDay(date.dayNumber)
            ?? HolidayTable.isWorkingDay(date, weekend: weekend, holidays: holidays, makeUp: makeUpWorkingDays)
    }

    /// Working days after `from` up to and including `to` (`to` ≥ `from`), or nil when either
    /// lies outside the indexed years (the caller counts day by day).
    public func workingDays(after from: CivilDate, through to: CivilDate) -> Int? {
        days.workingDays(after: from.dayNumber, through: to.dayNumber)
    }

    /// The `n`-th working day after `date` (`n` ≥ 1), or nil when it lies outside the indexed
    /// years (the caller counts day by day).
    public func workingDay(_ n: Int, after date: CivilDate) -> CivilDate? {
        days.workingDay(n, after: date.dayNumber).map(CivilDate.init(dayNumber:))
    }

    private static func isWorkingDay(_ date: CivilDate, weekend: Set<Int>, holidays: [CivilDate: String], makeUp: Set<CivilDate>) -> Bool {
        if makeUp.contains(date) { return true }
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

/// A running count of working days over a range of whole years: `counted[i]` is the number of
/// working days from the range's first day through its `i`-th day.
struct WorkingDayIndex: Sendable {
    let firstDay: Int
    let counted: [Int32]

    /// How many years either side of the covered ones are indexed: reports look back years, and a
    /// deadline runs past the year it starts in. Outside, callers count day by day.
    static let margin = 5

    init(years: ClosedRange<Int>, isWorkingDay: (CivilDate) -> Bool) {
        let first = (try? CivilDate(year: years.lowerBound - Self.margin, month: 1, day: 1))?.dayNumber ?? 0
        let last = (try? CivilDate(year: years.upperBound + Self.margin, month: 12, day: 31))?.dayNumber ?? -1
        var counted: [Int32] = []
        counted.reserveCapacity(max(0, last - first + 1))
        var running: Int32 = 0
        for day in stride(from: first, through: last, by: 1) {
            if isWorkingDay(CivilDate(dayNumber: day)) { running += 1 }
            counted.append(running)
        }
        (firstDay, self.counted) = (first, counted)
    }

    private func count(through day: Int) -> Int32? {
        let i = day - firstDay
        return i >= 0 && i < counted.count ? counted[i] : nil
    }

    func isWorkingDay(_ day: Int) -> Bool? {
        guard let through = count(through: day) else { return nil }
        let before = day == firstDay ? 0 : counted[day - firstDay - 1]
        return through > before
    }

    func workingDays(after from: Int, through to: Int) -> Int? {
        guard let a = count(through: from), let b = count(through: to) else { return nil }
        return Int(b - a)
    }

    /// The first day whose running count reaches `date`'s plus `n`: a binary search.
    func workingDay(_ n: Int, after date: Int) -> Int? {
        guard n >= 1, let start = count(through: date) else { return nil }
        let target = Int(start) + n
        guard let last = counted.last, target <= Int(last) else { return nil }
        var (low, high) = (date - firstDay + 1, counted.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if Int(counted[middle]) >= target { high = middle } else { low = middle + 1 }
        }
        return firstDay + low
    }
}

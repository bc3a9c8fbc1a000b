/// A calendar date with no time zone, as written on Vietnamese administrative documents:
/// `YYYY-MM-DD` on the wire. Legal deadlines count in these.
public struct CivilDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Throws unless the date exists in the proleptic Gregorian calendar (years 1900–9999).
    public init(year: Int, month: Int, day: Int) throws(ProtocolError) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { throw .invalidField("date", "\(year)-\(month)-\(day) is not a calendar date") }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init(parsing text: String, field: String = "date") throws(ProtocolError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3,
              text.utf8.enumerated().allSatisfy({ i, c in [4, 7].contains(i) ? c == 0x2D : (c >= 0x30 && c <= 0x39) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = try? CivilDate(year: y, month: m, day: d)
        else { throw .invalidField(field, "'\(text.prefix(40))' is not a date in the form YYYY-MM-DD") }
        self = date
    }

    /// `YYYY-MM-DD`: ten ASCII digits and dashes written in place, a small string with no heap
    /// allocation (every projected act binds a date or two; this used to build seven strings).
    /// (`init(dayNumber:)` does not check its range: a year outside 0–9999 is written as it is.)
    public var description: String {
        guard (0...9999).contains(year) else { return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }
        return String(unsafeUninitializedCapacity: 10) { text in
            func put(_ number: Int, digits: Int, at start: Int) {
                var rest = number
                for index in (start..<start + digits).reversed() {
                    text[index] = 0x30 + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            text[4] = 0x2D
            put(month, digits: 2, at: 5)
            text[7] = 0x2D
            put(day, digits: 2, at: 8)
            return 10
        }
    }

    /// As Vietnamese documents write it: `30/11/2026`.
    public var vietnameseText: String {
        (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (negative before): lets callers add days without Foundation.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        (year, month, day) = (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((dayNumber % 7 + 7) % 7 + 3) % 7 + 1 }

    /// Same day `months` later; a day past the end of the month falls back to its last day.
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let (y, m) = (total / 12, total % 12 + 1)
        return (try? CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))) ?? self
    }

    /// Same day `years` later; 29 February falls back to 28 February in a common year.
    public func adding(years: Int) -> CivilDate {
        let y = year + years
        return (try? CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(month: month, year: y)))) ?? self
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try CivilDate(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

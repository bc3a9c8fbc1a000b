import Foundation
import PhoiHopProtocol
import Testing

/// "Today" in Vietnam changes at midnight Asia/Ho_Chi_Minh, 17:00 UTC: the data cut-off of the
/// 14th ends there, and the tz database agrees on every instant.
struct VietnamTimeTests {
    static func utc(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        return Int64(formatter.date(from: text)!.timeIntervalSince1970 * 1000)
    }

    @Test func the14thEndsAt17UTCAndThe15thBeginsThere() throws {
        #expect(VietnamTime.day(atUnixMilliseconds: Self.utc("2026-12-14T16:59:59Z") + 999).description == "2026-12-14")
        #expect(VietnamTime.day(atUnixMilliseconds: Self.utc("2026-12-14T17:00:00Z")).description == "2026-12-15")
        #expect(VietnamTime.day(atUnixMilliseconds: Self.utc("2026-12-14T00:00:00Z")).description == "2026-12-14")
        #expect(VietnamTime.start(of: try CivilDate(parsing: "2026-12-15")) == Self.utc("2026-12-14T17:00:00Z"))
        #expect(VietnamTime.secondsIntoDay(atUnixMilliseconds: Self.utc("2026-12-14T16:59:59Z")) == 86399)
        // Before 1970 the day still turns at local midnight.
        #expect(VietnamTime.day(atUnixMilliseconds: Self.utc("1969-12-31T17:00:00Z")).description == "1970-01-01")
        #expect(VietnamTime.day(atUnixMilliseconds: Self.utc("1969-12-31T16:59:59Z")).description == "1969-12-31")
    }

    @Test func theDayAgreesWithTheTimeZoneDatabaseForAsiaHoChiMinh() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        // Every 31 hours 7 minutes from 2000 to 2040 (every hour of the day comes round): each instant's local date, both ways.
        var instant = Self.utc("2000-01-01T00:00:00Z")
        while instant < Self.utc("2040-01-01T00:00:00Z") {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(instant) / 1000))
            let expected = try CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
            #expect(VietnamTime.day(atUnixMilliseconds: instant) == expected, "at \(instant) ms")
            instant += (31 * 3600 + 7 * 60) * 1000
        }
    }
}

import Foundation
import PhoiHopProtocol
import Testing

/// A date's text is what the wire, the store and the reports compare: `YYYY-MM-DD`, always.
struct CivilDateTests {
    @Test func everyDateFrom1900To2200IsWrittenAsYYYYMMDDAndReadBack() throws {
        var date = try CivilDate(year: 1900, month: 1, day: 1)
        let last = try CivilDate(year: 2200, month: 12, day: 31)
        var days = 0
        while date <= last {
            let expected = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            #expect(date.description == expected)
            #expect(try CivilDate(parsing: date.description) == date)
            date = date.adding(days: 1)
            days += 1
        }
        #expect(days == 301 * 365 + 73)  // 73 leap days: 1904–2196 every four years, but not 2100
    }

    @Test func theLastYearsAreWrittenInFull() throws {
        #expect(try CivilDate(year: 9999, month: 12, day: 31).description == "9999-12-31")
        #expect(try CivilDate(year: 1900, month: 2, day: 28).description == "1900-02-28")
    }

    @Test func aDayNumberOutsideFourDigitYearsIsWrittenAsItIsNotCut() throws {
        // init(dayNumber:) does not check its range; the text must still say which date it is.
        let far = try CivilDate(year: 9999, month: 12, day: 31).adding(days: 1)
        #expect(far.description == "10000-01-01")
    }
}

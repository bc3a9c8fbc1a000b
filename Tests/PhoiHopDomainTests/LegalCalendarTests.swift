import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Legal day counting over config/rules/holidays.yaml (Bộ luật Dân sự 2015, Điều 147–148).
struct LegalCalendarTests {
    let rules: ProvinceRules
    let calendar: LegalCalendar

    init() throws {
        rules = try DomainFixture.loadRules()
        calendar = LegalCalendar(rules.holidays)
    }

    @Test func tetBinhNgoIsNineDaysOffInTheTable() {
        #expect(calendar.holidays.isWorkingDay(date("2026-02-13")))
        for day in 14...22 { #expect(!calendar.holidays.isWorkingDay(date("2026-02-\(day)"))) }
        #expect(calendar.holidays.isWorkingDay(date("2026-02-23")))
    }

    @Test func complaintReceivedTheFridayBeforeTetIsAcceptedWithinTenCalendarDays() {
        // 13/2 + 10 calendar days = Monday 23/2: the Tết days count, and the last day is a working day.
        #expect(calendar.deadline(after: date("2026-02-13"), days: 10, counting: .calendar) == date("2026-02-23"))
    }

    @Test func denunciationReceivedTheFridayBeforeTetIsAcceptedWithinSevenWorkingDays() {
        // Tết (14–22/2) does not count: 23, 24, 25, 26, 27/2, 2/3, 3/3.
        #expect(calendar.deadline(after: date("2026-02-13"), days: 7, counting: .working) == date("2026-03-03"))
    }

    @Test func aCalendarLimitEndingOnASaturdayMovesToMonday() {
        #expect(date("2026-11-14").isoWeekday == 6)
        #expect(calendar.deadline(after: date("2026-11-04"), days: 10, counting: .calendar) == date("2026-11-16"))
    }

    @Test func aCalendarLimitEndingOnAHolidayMovesToTheNextWorkingDay() {
        // 20/4 + 10 = 30/4 (holiday); 1/5 holiday, 2–3/5 weekend → Monday 4/5.
        #expect(calendar.deadline(after: date("2026-04-20"), days: 10, counting: .calendar) == date("2026-05-04"))
        // Ending inside Tết → the Monday after it.
        #expect(calendar.deadline(after: date("2026-02-05"), days: 10, counting: .calendar) == date("2026-02-23"))
    }

    @Test func aCalendarLimitEndingOnAWorkingDayStays() {
        #expect(calendar.deadline(after: date("2026-11-02"), days: 10, counting: .calendar) == date("2026-11-12"))
    }

    @Test func aMakeUpSaturdayIsAWorkingDay() {
        #expect(calendar.holidays.isWorkingDay(date("2025-04-26")))
        #expect(calendar.addingWorkingDays(1, to: date("2025-04-25")) == date("2025-04-26"))
        #expect(!calendar.holidays.isWorkingDay(date("2025-04-19")))
    }

    @Test func workingDaysCountForwardAndBackward() {
        #expect(calendar.workingDays(from: date("2026-11-20"), to: date("2026-11-20")) == 0)
        #expect(calendar.workingDays(from: date("2026-11-20"), to: date("2026-11-23")) == 1)
        #expect(calendar.workingDays(from: date("2026-11-23"), to: date("2026-11-20")) == -1)
        #expect(calendar.workingDays(from: date("2026-02-13"), to: date("2026-02-23")) == 1)
    }

    @Test func yearsBeyondTheTableAreNotCovered() {
        #expect(calendar.covers(date("2026-12-31")))
        #expect(!calendar.covers(date("2027-01-01")))
    }

    /// The holiday table's running count of working days answers exactly as counting day by day
    /// from the table's own fields, inside the indexed years and across their edges.
    @Test func theIndexedDayArithmeticEqualsCountingDayByDay() {
        let table = calendar.holidays
        func working(_ d: CivilDate) -> Bool {
            table.makeUpWorkingDays.contains(d) || (table.holidays[d] == nil && !table.weekend.contains(d.isoWeekday))
        }
        func walkAdding(_ n: Int, to date: CivilDate) -> CivilDate {
            var (current, remaining) = (date, n)
            while remaining > 0 { current = current.adding(days: 1); if working(current) { remaining -= 1 } }
            return current
        }
        let firstIndexed = try! CivilDate(year: table.coveredYears.lowerBound - 5, month: 1, day: 1)
        let lastIndexed = try! CivilDate(year: table.coveredYears.upperBound + 5, month: 12, day: 31)
        // Every day of the covered years, and a band of days across each edge of the index.
        let covered = (try! CivilDate(year: table.coveredYears.lowerBound, month: 1, day: 1)).dayNumber
            ... (try! CivilDate(year: table.coveredYears.upperBound, month: 12, day: 31)).dayNumber
        let edges = Array((firstIndexed.dayNumber - 40)...(firstIndexed.dayNumber + 40)) + Array((lastIndexed.dayNumber - 90)...(lastIndexed.dayNumber + 20))
        var checked = 0
        for day in Array(covered) + edges {
            let date = CivilDate(dayNumber: day)
            #expect(table.isWorkingDay(date) == working(date), "\(date)")
            for n in [1, 2, 5, 7, 10, 30, 45, 60] {
                let expected = walkAdding(n, to: date)
                #expect(calendar.addingWorkingDays(n, to: date) == expected, "\(n) working days after \(date)")
                var count = 0, current = date
                while current < expected { current = current.adding(days: 1); if working(current) { count += 1 } }
                #expect(calendar.workingDays(from: date, to: expected) == count, "working days from \(date) to \(expected)")
                checked += 1
            }
        }
        #expect(checked > 8 * 365)
    }
}

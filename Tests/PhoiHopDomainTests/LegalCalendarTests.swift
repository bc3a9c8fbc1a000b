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
}

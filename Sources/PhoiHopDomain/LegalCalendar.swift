public import PhoiHopConfig
public import PhoiHopProtocol

/// Legal day arithmetic over the holiday table (config/rules/holidays.yaml).
///
/// A period of N days starts the day after its event (Bộ luật Dân sự 2015, Điều 147). Counting
/// working days, only working days count. Counting calendar days, every day counts, but a
/// period whose last day is a day off ends on the next working day (Điều 148).
public struct LegalCalendar: Sendable {
    public let holidays: HolidayTable

    public init(_ holidays: HolidayTable) { self.holidays = holidays }

    /// The last day of a period of `days` days that starts after `event`.
    public func deadline(after event: CivilDate, days: Int, counting: DayCounting) -> CivilDate {
        switch counting {
        case .calendar:
            return nextWorkingDay(onOrAfter: event.adding(days: days))
        case .working:
            return addingWorkingDays(days, to: event)
        }
    }

    /// The `days`-th working day after `date` (0: `date` itself).
    public func addingWorkingDays(_ days: Int, to date: CivilDate) -> CivilDate {
        if days >= 1, let day = holidays.workingDay(days, after: date) { return day }
        var current = date
        var remaining = days
        while remaining > 0 {
            current = current.adding(days: 1)
            if holidays.isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    public func nextWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        var current = date
        // A table gives at most a few weeks off in a row; the bound keeps a broken table from looping.
        for _ in 0..<60 where !holidays.isWorkingDay(current) { current = current.adding(days: 1) }
        return current
    }

    /// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier.
    public func workingDays(from: CivilDate, to: CivilDate) -> Int {
        if to < from { return -workingDays(from: to, to: from) }
        if let count = holidays.workingDays(after: from, through: to) { return count }
        var count = 0
        var current = from
        while current < to {
            current = current.adding(days: 1)
            if holidays.isWorkingDay(current) { count += 1 }
        }
        return count
    }

    /// Whether the table lists every holiday of `date`'s year.
    public func covers(_ date: CivilDate) -> Bool { holidays.coveredYears.contains(date.year) }
}

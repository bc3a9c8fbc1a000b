/// Civil time in Vietnam, where every act's date and every legal deadline is counted: the time
/// zone Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving since 1975). The one place that
/// turns an instant into "today" — a daemon's, the console's, the report schedule's — so an act
/// recorded at 23:59 on the 14th and one at 00:00 on the 15th fall on either side of a cut-off
/// everywhere alike.
public enum VietnamTime {
    /// UTC+7, in seconds.
    public static let offsetSeconds: Int64 = 7 * 3600

    /// The civil date in Vietnam at `milliseconds` since the Unix epoch.
    public static func day(atUnixMilliseconds milliseconds: Int64) -> CivilDate {
        let seconds = milliseconds.dividedRoundingDown(by: 1000) + offsetSeconds
        return CivilDate(dayNumber: Int(seconds.dividedRoundingDown(by: 86400)))
    }

    /// The instant `day` begins in Vietnam (00:00:00 local), in milliseconds since the Unix epoch.
    public static func start(of day: CivilDate) -> Int64 {
        (Int64(day.dayNumber) * 86400 - offsetSeconds) * 1000
    }

    /// Seconds since local midnight in Vietnam at `milliseconds` since the Unix epoch.
    public static func secondsIntoDay(atUnixMilliseconds milliseconds: Int64) -> Int64 {
        let seconds = milliseconds.dividedRoundingDown(by: 1000) + offsetSeconds
        return seconds - seconds.dividedRoundingDown(by: 86400) * 86400
    }
}

extension Int64 {
    /// Floor division: instants before 1970 still fall on the right day.
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}

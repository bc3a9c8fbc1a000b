import PhoiHopProtocol

/// How officers write amounts and dates, for refusals and console tables alike: one place, so a
/// refusal and the table beside it never disagree.
public enum VietnameseFormat {
    /// A wall-clock instant (ms since 1970) in Vietnam's time, "05/01/2027 14:03:07"; "—" for none.
    public static func time(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "—" }
        let date = VietnamTime.day(atUnixMilliseconds: milliseconds)
        let rest = Int(VietnamTime.secondsIntoDay(atUnixMilliseconds: milliseconds))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }

    /// `7500000` → `7.500.000` (đồng, dots between thousands).
    public static func amount(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A date stored as `YYYY-MM-DD` text → `22/11/2026`; text that is not a date is shown as it
    /// is, and no date as `—`.
    public static func day(_ iso: String?) -> String {
        guard let iso else { return "—" }
        return (try? CivilDate(parsing: iso))?.vietnameseText ?? iso
    }
}

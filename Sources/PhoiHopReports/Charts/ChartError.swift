/// Why a chart refused its figures. Report figures are counts, so a negative value or a series
/// that does not match its categories is a bug upstream, said in a way that names the culprit.
public enum ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value below zero: counts never are.
    case negativeValue(chart: String, series: String, category: String, value: Int)
    /// A series with more or fewer values than the chart has categories (or periods).
    case valueCountMismatch(chart: String, series: String, expected: Int, actual: Int)
    /// More series than the black-and-white styles can tell apart.
    case tooManySeries(chart: String, count: Int, maximum: Int)
    /// A chart id that cannot prefix SVG ids (letters, digits, `-` and `_` only, not empty).
    case invalidChartID(String)

    /// The refusal in a sentence that names the chart and says what to do.
    public var description: String {
        switch self {
        case .negativeValue(let chart, let series, let category, let value):
            "chart \(chart): series \"\(series)\" has \(value) for \"\(category)\"; report figures are counts and cannot be negative"
        case .valueCountMismatch(let chart, let series, let expected, let actual):
            "chart \(chart): series \"\(series)\" has \(actual) values but the chart has \(expected) categories; give one value per category"
        case .tooManySeries(let chart, let count, let maximum):
            "chart \(chart): \(count) series, but only \(maximum) can be told apart in black and white; split the chart"
        case .invalidChartID(let id):
            "chart id \"\(id)\" cannot prefix SVG ids; use letters, digits, '-' and '_' only"
        }
    }

    /// Checks that a chart id can prefix SVG ids.
    /// A chart's id, its number of series (at most `maximum`) and each series' values.
    static func validate(chart id: String, series: [(name: String, values: [Int])], categories: [String], maximum: Int) throws(ChartError) {
        try validate(chart: id)
        guard series.count <= maximum else { throw .tooManySeries(chart: id, count: series.count, maximum: maximum) }
        for s in series { try validate(chart: id, series: s.name, values: s.values, categories: categories) }
    }

    static func validate(chart: String) throws(ChartError) {
        let allowed = chart.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_"
        }
        guard !chart.isEmpty, allowed else { throw .invalidChartID(chart) }
    }

    /// Checks one series' values against the chart's categories: one each, none negative.
    static func validate(chart: String, series: String, values: [Int], categories: [String]) throws(ChartError) {
        guard values.count == categories.count else {
            throw .valueCountMismatch(chart: chart, series: series, expected: categories.count, actual: values.count)
        }
        for (value, category) in zip(values, categories) where value < 0 {
            throw .negativeValue(chart: chart, series: series, category: category, value: value)
        }
    }
}

public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopReports

/// The periodic report's pictures (issue 6: "violations by district, trends over periods,
/// deadline compliance"), built from the same figures as its tables so a chart never says
/// something a table does not. Each is black and white (``BarChart``, ``LineChart``,
/// ``ComplianceChart``) and nil when there is nothing to draw — a chart of zeros tells a
/// reader nothing the table beside it does not.
public enum PeriodicReportCharts {
    /// One period of the trend: its short name on the axis and its activity.
    public struct TrendPoint: Sendable, Codable, Equatable {
        /// "Q.IV/2026", "T11/2026", "2026" … (``label(months:endingOn:)``).
        public var label: String
        public var activity: ActivityFigures

        public init(label: String, activity: ActivityFigures) { self.label = label; self.activity = activity }
    }

    /// How many periods the trend shows, the report's own the last: a year and a half of quarters.
    public static let trendLength = 6

    /// A period's name as short as an axis label allows: "T11/2026" (a month), "Q.IV/2026" (a
    /// quarter), "2026" (a year ending in December), "6T/2026" or "9T/2026" (six or nine months);
    /// any other window by its last day, "14/12/2026".
    public static func label(months: Int?, endingOn end: CivilDate) -> String {
        switch months {
        case 1: "T\(end.month)/\(end.year)"
        case 3: "Q.\(["I", "II", "III", "IV"][max(0, min(3, (end.month - 1) / 3))])/\(end.year)"
        case 12: "\(end.year)"
        case let months?: "\(months)T/\(end.year)"
        case nil: VietnameseFormat.day(end.description)
        }
    }

    /// Access points operating at the end of the window and newly registered in it, by district
    /// (province file order), as a bar chart; nil when there are none.
    public static func businessesByDistrict(_ figures: PeriodicFigures, rules: ProvinceRules, number: Int) -> ReportChart? {
        byDistrict(number: number, title: "Điểm cung cấp dịch vụ Internet theo địa bàn",
                   description: "Số điểm đang hoạt động cuối kỳ và số điểm đăng ký mới trong kỳ, theo địa bàn", rules: rules,
                   series: [("Cuối kỳ", sum(figures.businesses, \.district, \.atEnd)),
                            ("Đăng ký mới trong kỳ", sum(figures.businesses, \.district, \.registered))])
    }

    /// Violations found and sanctioned in the window, by district (province file order), as a
    /// bar chart; nil when no violation was found or sanctioned.
    public static func violationsByDistrict(_ figures: PeriodicFigures, rules: ProvinceRules, number: Int) -> ReportChart? {
        byDistrict(number: number, title: "Vi phạm phát hiện và bị xử phạt theo địa bàn",
                   description: "Số vi phạm phát hiện và số quyết định xử phạt trong kỳ, theo địa bàn", rules: rules,
                   series: [("Phát hiện", sum(figures.violations, \.district, \.found)),
                            ("Xử phạt", sum(figures.violations, \.district, \.sanctioned))])
    }

    /// `value` of `rows` added up per district id.
    static func sum<Row>(_ rows: [Row], _ district: KeyPath<Row, String>, _ value: KeyPath<Row, Int>) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1[keyPath: district], default: 0] += $1[keyPath: value] }
    }

    /// A bar chart with one category per district of `rules` and one bar per series (its counts
    /// by district id); nil when every count is zero.
    static func byDistrict(number: Int, title: String, description: String, rules: ProvinceRules,
                           series: [(name: String, counts: [String: Int])]) -> ReportChart? {
        let bars = series.map { s in BarChart.Series(name: s.name, values: rules.districts.map { s.counts[$0.id.rawValue] ?? 0 }) }
        guard bars.contains(where: { $0.values.contains { $0 > 0 } }) else { return nil }
        let caption = "Biểu đồ \(number). \(title)"
        guard let chart = try? BarChart(id: "bieu-do-\(number)", title: caption, description: description,
                                        categories: rules.districts.map(\.name), series: bars)
        else { return nil }
        return ReportChart(caption: caption, svg: chart.render())
    }

    /// Inspections, inspections that found violations, complaints and denunciations received,
    /// and security incidents over the periods of `points` (oldest first), as a line chart; nil
    /// with fewer than two periods or nothing in any.
    public static func trend(_ points: [TrendPoint], number: Int) -> ReportChart? {
        guard points.count >= 2 else { return nil }
        let series = [
            LineChart.Series(name: "Lượt kiểm tra", values: points.map { $0.activity.inspections.periodic + $0.activity.inspections.unannounced }),
            LineChart.Series(name: "Lượt kiểm tra phát hiện vi phạm", values: points.map(\.activity.inspections.violationsFound)),
            LineChart.Series(name: "Đơn khiếu nại, tố cáo tiếp nhận", values: points.map { $0.activity.complaints.received + $0.activity.denunciations.received }),
            LineChart.Series(name: "Sự cố an toàn thông tin", values: points.map { $0.activity.incidents.values.reduce(0, +) }),
        ]
        guard series.contains(where: { $0.values.contains { $0 > 0 } }) else { return nil }
        let title = "Biểu đồ \(number). Diễn biến qua \(points.count) kỳ gần nhất"
        guard let chart = try? LineChart(
            id: "bieu-do-\(number)", title: title,
            description: "Kiểm tra, vi phạm, đơn thư và sự cố qua các kỳ từ \(points[0].label) đến \(points[points.count - 1].label)",
            periods: points.map(\.label), series: series)
        else { return nil }
        return ReportChart(caption: title, svg: chart.render())
    }

    /// Complaints and denunciations resolved in the window, on time and late by their legal
    /// deadline, as a compliance chart; nil when none was resolved.
    public static func caseCompliance(_ activity: ActivityFigures, number: Int) -> ReportChart? {
        let rows = [("Khiếu nại", activity.complaints), ("Tố cáo", activity.denunciations)].map { name, cases in
            ComplianceChart.Row(agency: name, onTime: cases.resolvedOnTime, late: cases.resolvedLate, overdue: 0)
        }
        guard rows.contains(where: { $0.total > 0 }) else { return nil }
        let title = "Biểu đồ \(number). Giải quyết khiếu nại, tố cáo theo thời hạn luật định"
        guard let chart = try? ComplianceChart(
            id: "bieu-do-\(number)", title: title,
            description: "Số đơn đã giải quyết trong kỳ đúng hạn và trễ hạn, theo thời hạn của Luật Khiếu nại 2011 và Luật Tố cáo 2018",
            rows: rows)
        else { return nil }
        return ReportChart(caption: title, svg: chart.render())
    }
}

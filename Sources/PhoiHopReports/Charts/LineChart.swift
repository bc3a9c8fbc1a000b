/// A trend over periods ("T10/2026", "Q4/2025"…): one line per series, told apart in black and
/// white by dash (solid, dashed, dotted) and marker (circle, square, triangle; filled, then
/// outlined), each point labelled with its value, a y axis from 0 with round ticks.
public struct LineChart: Sendable {
    /// One series: a name for the legend and one count per period, in period order.
    public struct Series: Sendable, Equatable {
        /// The name the legend shows.
        public let name: String
        /// One count per period.
        public let values: [Int]

        /// A series named `name` with one value per period.
        public init(name: String, values: [Int]) {
            self.name = name
            self.values = values
        }
    }

    /// Prefix of every id in the SVG; also the `<svg>` element's own id.
    public let id: String
    /// The caption, rendered as `<title>`.
    public let title: String
    /// What the chart shows in words, rendered as `<desc>` for screen readers.
    public let description: String
    /// The labels along the chart, in order.
    public let periods: [String]
    /// The series, in legend order; the index decides the fill or line style.
    public let series: [Series]

    /// A chart whose SVG ids all start with `id`.
    ///
    /// - Throws: ``ChartError`` when `id` is not usable as an SVG id prefix, a series has a value
    ///   below zero or not exactly one value per period, or there are more than six series.
    public init(id: String, title: String, description: String, periods: [String], series: [Series]) throws(ChartError) {
        try ChartError.validate(chart: id, series: series.map { ($0.name, $0.values) }, categories: periods, maximum: SeriesStyle.lineCount)
        self.id = id
        self.title = title
        self.description = description
        self.periods = periods
        self.series = series
    }

    static let plotHeight = 200.0

    /// The chart as a standalone `<svg>` element; the same chart always renders byte-identically.
    /// No periods or no series give a chart that says "Không có số liệu".
    public func render() -> String {
        guard !periods.isEmpty, !series.isEmpty else {
            return SVGWriter.emptyChart(chartID: id, title: title, description: description)
        }
        let scale = NiceScale(largestValue: series.flatMap(\.values).max() ?? 0)
        let plotLeft = 56.0
        let plotRight = SVGWriter.width - 16
        let step = (plotRight - plotLeft) / Double(periods.count)

        var svg = SVGWriter()
        let plotTop = svg.legend(names: series.map(\.name), y: 6, swatchWidth: 28) { svg, index, x, y in
            svg.line(x1: x, y1: y + 6, x2: x + 28, y2: y + 6, width: 1.5, dash: SeriesStyle.dash(index))
            svg.add(SeriesStyle.marker(index, x: x + 14, y: y + 6, attributes: "class=\"legend-marker\""))
        } + 8
        let plotBottom = plotTop + Self.plotHeight
        func y(_ value: Int) -> Double { plotBottom - scale.fraction(value) * Self.plotHeight }
        func x(_ period: Int) -> Double { plotLeft + (Double(period) + 0.5) * step }

        for tick in scale.ticks {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? "#000000" : "#bfbfbf", width: tick == 0 ? 1 : 0.5, dash: tick == 0 ? nil : "2 2")
            svg.line(x1: plotLeft - 4, y1: y(tick), x2: plotLeft, y2: y(tick))
            svg.text(ChartText.count(tick), x: plotLeft - 7, y: y(tick) + 3.5, size: 10, anchor: "end", attributes: "class=\"tick\"")
        }
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom)
        for (index, period) in periods.enumerated() {
            svg.line(x1: x(index), y1: plotBottom, x2: x(index), y2: plotBottom + 4)
            svg.text(period, x: x(index), y: plotBottom + 16, size: 10.5, anchor: "middle", attributes: "class=\"period\"")
        }

        let c = ChartText.coordinate
        // One label per value at a period: series that meet there share it.
        var labelled: Set<String> = []
        for (index, s) in series.enumerated() {
            let points = s.values.enumerated().map { "\(c(x($0.offset))),\(c(y($0.element)))" }.joined(separator: " ")
            var polyline = "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.5\""
            if let dash = SeriesStyle.dash(index) { polyline += " stroke-dasharray=\"\(dash)\"" }
            svg.add(polyline + " class=\"line\" data-series=\"\(index)\"/>")
            for (period, value) in s.values.enumerated() {
                svg.add(SeriesStyle.marker(index, x: x(period), y: y(value), attributes: "class=\"point\" data-series=\"\(index)\" data-value=\"\(value)\""))
                guard labelled.insert("\(period)|\(value)").inserted else { continue }
                // Even series label above the point, odd below, so two close lines keep their labels
                // apart — but never below into the period names under the axis.
                let below = index % 2 == 1 && y(value) + 15 < plotBottom - 4
                let labelY = below ? y(value) + 15 : y(value) - 7
                svg.text(ChartText.count(value), x: x(period), y: labelY, size: 9.5, anchor: "middle", attributes: "class=\"value\"")
            }
        }
        return svg.document(chartID: id, title: title, description: description, height: plotBottom + 26)
    }
}

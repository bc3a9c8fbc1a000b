/// Grouped horizontal bars: one group per category (a district, an agency), one bar per series
/// (violations found, sanctioned…), the value written at each bar's end, a 0-based axis with round
/// ticks below, and a legend. Series are told apart by fill — solid black, white outlined,
/// hatched, dotted, grey, cross-hatched — so the chart reads the same printed in black and white.
///
/// Horizontal because the categories are long Vietnamese names ("Thị xã Kiến Tường") that read
/// badly rotated under a column.
public struct BarChart: Sendable {
    /// One series: a name for the legend and one count per category, in category order.
    public struct Series: Sendable, Equatable {
        /// The name the legend shows.
        public let name: String
        /// One count per categorie.
        public let values: [Int]

        /// A series named `name` with one value per category.
        public init(name: String, values: [Int]) {
            self.name = name
            self.values = values
        }
    }

    /// Which way the bars run.
    public enum Orientation: Sendable, Equatable {
        /// Bars run left to right, category names in a column on the left: the default, since
        /// long district names read best there.
        case horizontal
        /// Columns rise from the bottom, category names wrapped under them: for a few short
        /// categories.
        case vertical
    }

    /// Prefix of every id in the SVG; also the `<svg>` element's own id.
    public let id: String
    /// The caption, rendered as `<title>`.
    public let title: String
    /// What the chart shows in words, rendered as `<desc>` for screen readers.
    public let description: String
    /// The labels along the chart, in order.
    public let categories: [String]
    /// The series, in legend order; the index decides the fill or line style.
    public let series: [Series]
    /// Which way the bars run.
    public let orientation: Orientation

    /// A chart whose SVG ids all start with `id` (unique within the page it is embedded in).
    ///
    /// - Throws: ``ChartError`` when `id` is not usable as an SVG id prefix, a series has a value
    ///   below zero or not exactly one value per category, or there are more series than the
    ///   black-and-white fills can tell apart (six).
    public init(
        id: String, title: String, description: String, categories: [String], series: [Series],
        orientation: Orientation = .horizontal
    ) throws(ChartError) {
        try ChartError.validate(chart: id, series: series.map { ($0.name, $0.values) }, categories: categories, maximum: SeriesStyle.fillCount)
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.orientation = orientation
    }

    static let barHeight = 12.0
    static let groupGap = 8.0

    /// The chart as a standalone `<svg>` element; the same chart always renders byte-identically.
    /// No categories or no series give a chart that says "Không có số liệu".
    public func render() -> String {
        guard !categories.isEmpty, !series.isEmpty else {
            return SVGWriter.emptyChart(chartID: id, title: title, description: description)
        }
        let scale = NiceScale(largestValue: series.flatMap(\.values).max() ?? 0)
        return orientation == .horizontal ? renderHorizontal(scale) : renderVertical(scale)
    }

    private func renderHorizontal(_ scale: NiceScale) -> String {
        let labelWidth = min(220, max(60, categories.map { ChartText.estimatedWidth($0, fontSize: 11) }.max() ?? 0))
        let plotLeft = 8 + labelWidth + 8
        // Room for the value written at the end of the longest bar.
        let plotRight = SVGWriter.width - 8 - max(24, ChartText.estimatedWidth(ChartText.count(scale.maximum), fontSize: 9.5) + 6)
        let plotWidth = plotRight - plotLeft

        var svg = SVGWriter()
        for def in SeriesStyle.patternDefs(chartID: id) { svg.add(def) }
        let plotTop = svg.legend(names: series.map(\.name), y: 6) { svg, index, x, y in
            svg.rect(x: x, y: y, width: 14, height: 12, fill: SeriesStyle.fill(index, chartID: id))
        }

        let labelLines = categories.map { ChartText.wrapped($0, width: labelWidth, fontSize: 11).count }.max() ?? 1
        let barsHeight = Double(series.count) * Self.barHeight
        let contentHeight = max(barsHeight, Double(labelLines) * 13.2)
        let groupHeight = contentHeight + Self.groupGap
        let plotBottom = plotTop + Double(categories.count) * groupHeight

        // Grid first so bars print over it.
        for tick in scale.ticks {
            let x = plotLeft + scale.fraction(tick) * plotWidth
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: tick == 0 ? "#000000" : "#bfbfbf", width: tick == 0 ? 1 : 0.5, dash: tick == 0 ? nil : "2 2")
            svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4)
            svg.text(ChartText.count(tick), x: x, y: plotBottom + 15, size: 10, anchor: "middle", attributes: "class=\"tick\"")
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom)

        for (row, category) in categories.enumerated() {
            let groupTop = plotTop + Double(row) * groupHeight + Self.groupGap / 2 + (contentHeight - barsHeight) / 2
            svg.wrappedLabel(category, x: plotLeft - 6, centreY: groupTop + barsHeight / 2, width: labelWidth, size: 11, cls: "category")
            for (index, s) in series.enumerated() {
                let value = s.values[row]
                let y = groupTop + Double(index) * Self.barHeight
                let length = scale.fraction(value) * plotWidth
                svg.rect(
                    x: plotLeft, y: y + 1, width: length, height: Self.barHeight - 2,
                    fill: SeriesStyle.fill(index, chartID: id),
                    attributes: "class=\"bar\" data-series=\"\(index)\" data-value=\"\(value)\""
                )
                svg.text(ChartText.count(value), x: plotLeft + length + 3, y: y + Self.barHeight - 2.5, size: 9.5, attributes: "class=\"value\"")
            }
        }
        return svg.document(chartID: id, title: title, description: description, height: plotBottom + 24)
    }
}

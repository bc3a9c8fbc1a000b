/// Deadline compliance per agency: a 100 % stacked bar of items handled on time, handled late and
/// overdue now (solid black, hatched, white outlined), with each part's count and percentage
/// written under the bar. An agency with no items shows an empty outline and "—" instead of
/// percentages of zero.
public struct ComplianceChart: Sendable {
    /// One agency's counts.
    public struct Row: Sendable, Equatable {
        /// The agency's name as the report prints it.
        public let agency: String
        /// Items handled by their deadline.
        public let onTime: Int
        /// Items handled after their deadline.
        public let late: Int
        /// Items past their deadline and still open.
        public let overdue: Int

        /// The counts of `agency`'s items handled on time, handled late, and past their deadline now.
        public init(agency: String, onTime: Int, late: Int, overdue: Int) {
            self.agency = agency
            self.onTime = onTime
            self.late = late
            self.overdue = overdue
        }

        /// Every item the row counts.
        public var total: Int { onTime + late + overdue }
        var parts: [Int] { [onTime, late, overdue] }
    }

    /// The three parts' names, as the legend and the figures under each bar say them.
    public static let partNames = ["Đúng hạn", "Trễ hạn", "Đang quá hạn"]
    /// Fill index per part: solid black, hatch, white outlined — the late part sits between two
    /// plain fills so every boundary is visible on paper.
    static let partFills = [0, 2, 1]

    /// Prefix of every id in the SVG; also the `<svg>` element's own id.
    public let id: String
    /// The caption, rendered as `<title>`.
    public let title: String
    /// What the chart shows in words, rendered as `<desc>` for screen readers.
    public let description: String
    /// One bar per row, top to bottom.
    public let rows: [Row]

    /// A chart whose SVG ids all start with `id`.
    ///
    /// - Throws: ``ChartError`` when `id` is not usable as an SVG id prefix or a count is negative.
    public init(id: String, title: String, description: String, rows: [Row]) throws(ChartError) {
        try ChartError.validate(chart: id)
        for row in rows {
            for (name, value) in zip(Self.partNames, row.parts) where value < 0 {
                throw .negativeValue(chart: id, series: name, category: row.agency, value: value)
            }
        }
        self.id = id
        self.title = title
        self.description = description
        self.rows = rows
    }

    static let barHeight = 14.0
    static let rowHeight = 40.0

    /// The chart as a standalone `<svg>` element; the same chart always renders byte-identically.
    /// No rows give a chart that says "Không có số liệu".
    public func render() -> String {
        guard !rows.isEmpty else {
            return SVGWriter.emptyChart(chartID: id, title: title, description: description)
        }
        let labelWidth = min(220, max(60, rows.map { ChartText.estimatedWidth($0.agency, fontSize: 11) }.max() ?? 0))
        let plotLeft = 8 + labelWidth + 8
        let plotRight = SVGWriter.width - 24  // room for the centred "100 %"
        let plotWidth = plotRight - plotLeft

        var svg = SVGWriter()
        for def in SeriesStyle.patternDefs(chartID: id) { svg.add(def) }
        let plotTop = svg.legend(names: Self.partNames, y: 6) { svg, index, x, y in
            svg.rect(x: x, y: y, width: 14, height: 12, fill: SeriesStyle.fill(Self.partFills[index], chartID: id))
        }
        // 0 %, 50 %, 100 % guides so the eye can read the shares without the figures.
        let plotBottom = plotTop + Double(rows.count) * Self.rowHeight
        for (fraction, label) in [(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")] {
            let x = plotLeft + fraction * plotWidth
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: "#bfbfbf", width: 0.5, dash: "2 2")
            svg.text(label, x: x, y: plotBottom + 12, size: 10, anchor: "middle", attributes: "class=\"tick\"")
        }

        for (index, row) in rows.enumerated() {
            let top = plotTop + Double(index) * Self.rowHeight + 4
            svg.wrappedLabel(row.agency, x: plotLeft - 6, centreY: top + Self.barHeight / 2, width: labelWidth, size: 11, cls: "category")
            let figuresY = top + Self.barHeight + 13
            guard row.total > 0 else {
                svg.rect(x: plotLeft, y: top, width: plotWidth, height: Self.barHeight, fill: "#ffffff", attributes: "class=\"empty\" stroke-dasharray=\"3 2\"")
                svg.text("—", x: plotLeft + plotWidth / 2, y: top + Self.barHeight - 3, size: 11, anchor: "middle")
                svg.text("— (không có hồ sơ)", x: plotLeft, y: figuresY, size: 9.5, attributes: "class=\"figures\"")
                continue
            }
            var x = plotLeft
            for (part, value) in row.parts.enumerated() {
                let length = Double(value) / Double(row.total) * plotWidth
                svg.rect(
                    x: x, y: top, width: length, height: Self.barHeight,
                    fill: SeriesStyle.fill(Self.partFills[part], chartID: id),
                    attributes: "class=\"segment\" data-part=\"\(part)\" data-value=\"\(value)\""
                )
                x += length
            }
            let figures = zip(Self.partNames, row.parts).map { name, value in
                "\(name) \(ChartText.count(value)) (\(ChartText.percent(value, of: row.total)))"
            }
            svg.text(figures.joined(separator: " · ") + " — tổng \(ChartText.count(row.total))", x: plotLeft, y: figuresY, size: 9.5, attributes: "class=\"figures\"")
        }
        return svg.document(chartID: id, title: title, description: description, height: plotBottom + 20)
    }
}

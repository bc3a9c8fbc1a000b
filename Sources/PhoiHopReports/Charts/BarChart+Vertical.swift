extension BarChart {
    static let columnAreaHeight = 220.0

    /// Columns rising from a 0 baseline; each category's name wrapped at word boundaries onto as
    /// many lines as its group's width needs.
    func renderVertical(_ scale: NiceScale) -> String {
        let plotLeft = 56.0
        let plotRight = SVGWriter.width - 12
        let groupWidth = (plotRight - plotLeft) / Double(categories.count)
        let barWidth = min(28, (groupWidth - 10) / Double(series.count))

        var svg = SVGWriter()
        for def in SeriesStyle.patternDefs(chartID: id) { svg.add(def) }
        let plotTop = svg.legend(names: series.map(\.name), y: 6) { svg, index, x, y in
            svg.rect(x: x, y: y, width: 14, height: 12, fill: SeriesStyle.fill(index, chartID: id))
        } + 10  // room for the value above the tallest column
        let plotBottom = plotTop + Self.columnAreaHeight
        func y(_ value: Int) -> Double { plotBottom - scale.fraction(value) * Self.columnAreaHeight }

        for tick in scale.ticks {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? "#000000" : "#bfbfbf", width: tick == 0 ? 1 : 0.5, dash: tick == 0 ? nil : "2 2")
            svg.line(x1: plotLeft - 4, y1: y(tick), x2: plotLeft, y2: y(tick))
            svg.text(ChartText.count(tick), x: plotLeft - 7, y: y(tick) + 3.5, size: 10, anchor: "end", attributes: "class=\"tick\"")
        }
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom)

        var deepestLabel = 0
        let c = ChartText.coordinate
        for (column, category) in categories.enumerated() {
            let centre = plotLeft + (Double(column) + 0.5) * groupWidth
            let firstBar = centre - barWidth * Double(series.count) / 2
            for (index, s) in series.enumerated() {
                let value = s.values[column]
                let x = firstBar + Double(index) * barWidth
                svg.rect(
                    x: x + 1, y: y(value), width: barWidth - 2, height: plotBottom - y(value),
                    fill: SeriesStyle.fill(index, chartID: id),
                    attributes: "class=\"bar\" data-series=\"\(index)\" data-value=\"\(value)\""
                )
                svg.text(ChartText.count(value), x: x + barWidth / 2, y: y(value) - 3, size: 9.5, anchor: "middle", attributes: "class=\"value\"")
            }
            let lines = ChartText.wrapped(category, width: groupWidth - 4, fontSize: 10.5)
            deepestLabel = max(deepestLabel, lines.count)
            let spans = lines.enumerated().map { i, line in
                "<tspan x=\"\(c(centre))\" dy=\"\(i == 0 ? "0.0" : "13.0")\">\(ChartText.escaped(line))</tspan>"
            }
            svg.add("<text x=\"\(c(centre))\" y=\"\(c(plotBottom + 16))\" font-size=\"10.5\" text-anchor=\"middle\" class=\"category\">\(spans.joined())</text>")
        }
        return svg.document(chartID: id, title: title, description: description, height: plotBottom + 10 + Double(deepestLabel) * 13)
    }
}

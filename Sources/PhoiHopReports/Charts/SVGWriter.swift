/// Accumulates one standalone SVG document: the root element with the size that fits an A4 text
/// column, `<title>` (the caption) and `<desc>` first so screen readers and the report's list of
/// figures find them, then the chart's elements in order.
struct SVGWriter {
    /// 640 user units ≈ 160 mm, the text column of an A4 page with Decree 30 margins.
    static let width: Double = 640
    static let fontFamily = "'Times New Roman', 'Liberation Serif', serif"
    static let noData = "Không có số liệu"

    private var lines: [String] = []

    mutating func add(_ element: String) { lines.append(element) }

    mutating func text(
        _ content: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
        weight: String? = nil, attributes: String = ""
    ) {
        let c = ChartText.coordinate
        var attrs = "x=\"\(c(x))\" y=\"\(c(y))\" font-size=\"\(c(size))\""
        if anchor != "start" { attrs += " text-anchor=\"\(anchor)\"" }
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if !attributes.isEmpty { attrs += " " + attributes }
        lines.append("<text \(attrs)>\(ChartText.escaped(content))</text>")
    }

    /// A label right-aligned at `x`, wrapped onto lines no wider than `width` (one `<tspan>` per
    /// line when it takes more than one), the block centred vertically on `centreY`.
    mutating func wrappedLabel(_ content: String, x: Double, centreY: Double, width: Double, size: Double, cls: String) {
        let lines = ChartText.wrapped(content, width: width, fontSize: size)
        let lineHeight = size * 1.2
        let firstBaseline = centreY - Double(lines.count - 1) * lineHeight / 2 + size * 0.35
        guard lines.count > 1 else {
            text(content, x: x, y: firstBaseline, size: size, anchor: "end", attributes: "class=\"\(cls)\"")
            return
        }
        let c = ChartText.coordinate
        let spans = lines.enumerated().map { i, line in
            "<tspan x=\"\(c(x))\" dy=\"\(i == 0 ? "0.0" : c(lineHeight))\">\(ChartText.escaped(line))</tspan>"
        }
        add("<text x=\"\(c(x))\" y=\"\(c(firstBaseline))\" font-size=\"\(c(size))\" text-anchor=\"end\" class=\"\(cls)\">\(spans.joined())</text>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", width: Double = 1, dash: String? = nil) {
        let c = ChartText.coordinate
        var element = "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        lines.append(element + "/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, attributes: String = "") {
        let c = ChartText.coordinate
        var element = "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\" stroke=\"#000000\" stroke-width=\"0.8\""
        if !attributes.isEmpty { element += " " + attributes }
        lines.append(element + "/>")
    }

    /// The finished document, `height` user units tall.
    func document(chartID: String, title: String, description: String, height: Double) -> String {
        let c = ChartText.coordinate
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(chartID)\" viewBox=\"0 0 \(c(Self.width)) \(c(height))\""
        out += " width=\"\(c(Self.width))\" height=\"\(c(height))\" role=\"img\""
        out += " aria-labelledby=\"\(chartID)-title \(chartID)-desc\" font-family=\"\(Self.fontFamily)\">\n"
        out += "<title id=\"\(chartID)-title\">\(ChartText.escaped(title))</title>\n"
        out += "<desc id=\"\(chartID)-desc\">\(ChartText.escaped(description))</desc>\n"
        for line in lines { out += line + "\n" }
        return out + "</svg>\n"
    }

    /// The chart for no figures at all: the caption and "Không có số liệu".
    static func emptyChart(chartID: String, title: String, description: String) -> String {
        var writer = SVGWriter()
        writer.rect(x: 0.5, y: 0.5, width: width - 1, height: 59, fill: "#ffffff", attributes: "stroke-dasharray=\"4 3\"")
        writer.text(noData, x: width / 2, y: 34, size: 13, anchor: "middle", attributes: "font-style=\"italic\"")
        return writer.document(chartID: chartID, title: title, description: description, height: 60)
    }

    /// A legend row at `y`: a swatch per series drawn by `swatch(index, x)` and its name, laid out
    /// left to right, wrapping when the column is full. Returns the y below the legend.
    mutating func legend(names: [String], y: Double, swatchWidth: Double = 14, swatch: (inout SVGWriter, Int, Double, Double) -> Void) -> Double {
        var x = 8.0
        var y = y
        for (index, name) in names.enumerated() {
            let itemWidth = swatchWidth + 6 + ChartText.estimatedWidth(name, fontSize: 11) + 18
            if x > 8, x + itemWidth > Self.width - 8 {
                x = 8
                y += 18
            }
            swatch(&self, index, x, y)
            text(name, x: x + swatchWidth + 6, y: y + 10, size: 11)
            x += itemWidth
        }
        return y + 22
    }
}

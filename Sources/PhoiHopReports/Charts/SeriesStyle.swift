/// How series are told apart when printed in black and white: fills for bars, line dashes and
/// marker shapes for lines. Never colour alone.
enum SeriesStyle {
    /// The fills in order: solid black, white with a black outline, diagonal hatch, dots, mid
    /// grey, cross-hatch. Patterns live in the chart's `<defs>` under ids prefixed by its id.
    static let fillCount = 6

    /// The `fill` attribute of series `index` in the chart `chartID`.
    static func fill(_ index: Int, chartID: String) -> String {
        switch index % fillCount {
        case 0: "#000000"
        case 1: "#ffffff"
        case 2: "url(#\(chartID)-hatch)"
        case 3: "url(#\(chartID)-dots)"
        case 4: "#8c8c8c"
        default: "url(#\(chartID)-crosshatch)"
        }
    }

    /// The pattern definitions every chart with fills carries, ids prefixed by `chartID` so two
    /// charts in one HTML page never share (or clobber) a pattern.
    static func patternDefs(chartID: String) -> [String] {
        [
            "<defs>",
            "<pattern id=\"\(chartID)-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" stroke-width=\"2\"/></pattern>",
            "<pattern id=\"\(chartID)-dots\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\">"
                + "<rect width=\"5\" height=\"5\" fill=\"#ffffff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"#000000\"/></pattern>",
            "<pattern id=\"\(chartID)-crosshatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" stroke-width=\"1.2\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"6\" y2=\"0\" stroke=\"#000000\" stroke-width=\"1.2\"/></pattern>",
            "</defs>",
        ]
    }

    /// Line dashes in order: solid, dashed, dotted.
    static let lineCount = 6

    static func dash(_ index: Int) -> String? {
        switch index % 3 {
        case 0: nil
        case 1: "6 3"
        default: "1.5 3"
        }
    }

    /// A marker centred on (x, y): circle, square, triangle; filled black for the first three
    /// series, white with a black outline for the next three.
    static func marker(_ index: Int, x: Double, y: Double, attributes: String) -> String {
        let fill = index % lineCount < 3 ? "#000000" : "#ffffff"
        let c = ChartText.coordinate
        let common = "fill=\"\(fill)\" stroke=\"#000000\" stroke-width=\"1\" \(attributes)"
        switch index % 3 {
        case 0:
            return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"3.5\" \(common)/>"
        case 1:
            return "<rect x=\"\(c(x - 3.5))\" y=\"\(c(y - 3.5))\" width=\"7.0\" height=\"7.0\" \(common)/>"
        default:
            let points = "\(c(x)),\(c(y - 4.5)) \(c(x + 4.2)),\(c(y + 3)) \(c(x - 4.2)),\(c(y + 3))"
            return "<polygon points=\"\(points)\" \(common)/>"
        }
    }
}

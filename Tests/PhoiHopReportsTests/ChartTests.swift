import Foundation
import PhoiHopReports
import Testing

/// Figures shaped like the hub's: Long An districts with long names, one with "&" to be escaped.
enum ChartFixtures {
    static let districts = ["Thị xã Kiến Tường", "Huyện Cần Giuộc", "Huyện Bến Lức", "Sở TT&TT <kiểm tra>"]

    static func violations(id: String = "vi-pham") throws -> BarChart {
        try BarChart(
            id: id, title: "Vi phạm theo huyện, quý IV/2026", description: "Số vụ phát hiện và đã xử phạt",
            categories: districts,
            series: [
                .init(name: "Phát hiện", values: [37, 20, 1234, 0]),
                .init(name: "Đã xử phạt", values: [30, 10, 900, 0]),
            ]
        )
    }
}

struct BarChartTests {
    @Test func rendersWellFormedSVGWithTitleAndEscapedDiacriticLabels() throws {
        let svg = try ChartFixtures.violations().render()
        let parsed = try #require(SVGElements(svg))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\""))
        #expect(parsed.named("title").first?.text == "Vi phạm theo huyện, quý IV/2026")
        #expect(parsed.named("desc").first?.text == "Số vụ phát hiện và đã xử phạt")
        #expect(parsed.withClass("category").map(\.text) == ChartFixtures.districts)
        #expect(svg.contains("Sở TT&amp;TT &lt;kiểm tra&gt;"))
        #expect(svg.contains("Times New Roman"))
    }

    @Test func drawsOneBarPerValueWithItsVietnameseFormattedValue() throws {
        let parsed = try #require(SVGElements(try ChartFixtures.violations().render()))
        let bars = parsed.withClass("bar")
        #expect(bars.count == 8)
        #expect(bars.filter { $0.attributes["data-series"] == "1" }.count == 4)
        #expect(parsed.withClass("value").map(\.text).contains("1.234"))
    }

    @Test func barLengthsAreProportionalToValues() throws {
        let chart = try BarChart(id: "p", title: "t", description: "d", categories: ["A", "B"], series: [.init(name: "s", values: [30, 10])])
        let bars = try #require(SVGElements(chart.render())).withClass("bar")
        let a = try #require(Double(bars[0].attributes["width"] ?? ""))
        let b = try #require(Double(bars[1].attributes["width"] ?? ""))
        #expect(abs(a / b - 3) < 0.02)
    }

    @Test func axisTicksAreRoundStepsFromZero() throws {
        let chart = try BarChart(id: "t", title: "t", description: "d", categories: ["A", "B"], series: [.init(name: "s", values: [37, 5])])
        let ticks = try #require(SVGElements(chart.render())).withClass("tick").map(\.text)
        #expect(ticks == ["0", "10", "20", "30", "40"])
        let big = try BarChart(id: "t", title: "t", description: "d", categories: ["A"], series: [.init(name: "s", values: [1234])])
        #expect(try #require(SVGElements(big.render())).withClass("tick").map(\.text) == ["0", "500", "1.000", "1.500"])
    }

    @Test func seriesAreToldApartByFillNotColour() throws {
        let series = (0..<6).map { BarChart.Series(name: "S\($0)", values: [1]) }
        let bars = try #require(SVGElements(try BarChart(id: "f", title: "t", description: "d", categories: ["A"], series: series).render())).withClass("bar")
        let fills = bars.compactMap { $0.attributes["fill"] }
        #expect(Set(fills).count == 6)
        #expect(fills.contains("url(#f-hatch)") && fills.contains("url(#f-dots)") && fills.contains("#000000") && fills.contains("#ffffff"))
        #expect(bars.allSatisfy { $0.attributes["stroke"] == "#000000" })
    }

    @Test func patternIdsArePrefixedByTheChartIdSoTwoChartsInOnePageDoNotClash() throws {
        let first = try #require(SVGElements(try ChartFixtures.violations(id: "c1").render()))
        let second = try #require(SVGElements(try ChartFixtures.violations(id: "c2").render()))
        let ids1 = first.elements.compactMap { $0.attributes["id"] }
        let ids2 = second.elements.compactMap { $0.attributes["id"] }
        #expect(ids1.contains("c1-hatch") && ids1.contains("c1-dots"))
        #expect(ids1.allSatisfy { $0.hasPrefix("c1") })
        #expect(Set(ids1).count == ids1.count)
        #expect(Set(ids1).isDisjoint(with: ids2))
        let series = (0..<6).map { BarChart.Series(name: "S\($0)", values: [1]) }
        let six = try #require(SVGElements(try BarChart(id: "c3", title: "t", description: "d", categories: ["A"], series: series).render()))
        let ids3 = six.elements.compactMap { $0.attributes["id"] }
        let references = six.elements.compactMap { $0.attributes["fill"] }.filter { $0.hasPrefix("url(#") }
        #expect(references.count >= 3)
        #expect(references.allSatisfy { ids3.contains(String($0.dropFirst(5).dropLast())) })
    }

    @Test func aNameTooLongForTheLabelColumnWrapsOntoLinesInsteadOfLeavingThePage() throws {
        let long = "Phòng Cảnh sát kinh tế Công an tỉnh Long An và Đội Quản lý thị trường số 3"
        let chart = try BarChart(id: "w", title: "t", description: "d", categories: [long, "B"], series: [.init(name: "s", values: [3, 1])])
        let parsed = try #require(SVGElements(chart.render()))
        let spans = parsed.named("tspan")
        #expect(spans.count >= 2)
        #expect(spans.map(\.text).joined(separator: " ") == long)
        #expect(parsed.withClass("category").last?.text == "B")
        let right = try #require(Double(parsed.withClass("category").first?.attributes["x"] ?? ""))
        #expect(spans.allSatisfy { ChartTextWidth.estimate($0.text) <= right })
    }

    @Test func verticalColumnsRiseInProportionWithWrappedCategoryNames() throws {
        let chart = try BarChart(
            id: "v", title: "t", description: "d", categories: ["Thị xã Kiến Tường", "Huyện Cần Giuộc", "Huyện Bến Lức", "Huyện Đức Hòa", "Huyện Đức Huệ", "Thành phố Tân An"],
            series: [.init(name: "Phát hiện", values: [37, 10, 5, 2, 1, 0]), .init(name: "Đã xử phạt", values: [20, 5, 5, 1, 0, 0])], orientation: .vertical
        )
        let parsed = try #require(SVGElements(chart.render()))
        let bars = parsed.withClass("bar")
        #expect(bars.count == 12)
        let a = try #require(Double(bars[0].attributes["height"] ?? ""))
        let b = try #require(Double(bars[2].attributes["height"] ?? ""))
        #expect(abs(a / b - 3.7) < 0.02)
        #expect(parsed.withClass("tick").map(\.text) == ["0", "10", "20", "30", "40"])
        let spans = parsed.named("tspan").map(\.text)
        #expect(spans.count > 6)
        #expect(spans.joined(separator: " ").contains("Thị xã Kiến Tường"))
    }

    @Test func noCategoriesOrNoSeriesSayThereAreNoFigures() throws {
        for chart in [
            try BarChart(id: "e", title: "Trống", description: "d", categories: [], series: [.init(name: "s", values: [])]),
            try BarChart(id: "e", title: "Trống", description: "d", categories: ["A"], series: []),
        ] {
            let svg = chart.render()
            #expect(SVGElements(svg) != nil)
            #expect(svg.contains("Không có số liệu"))
            #expect(svg.contains("<title id=\"e-title\">Trống</title>"))
        }
    }

    @Test func allZeroValuesDrawZeroLengthBarsOnAUnitAxis() throws {
        let chart = try BarChart(id: "z", title: "t", description: "d", categories: ["A", "B"], series: [.init(name: "s", values: [0, 0])])
        let parsed = try #require(SVGElements(chart.render()))
        #expect(parsed.withClass("bar").map { $0.attributes["width"] } == ["0.0", "0.0"])
        #expect(parsed.withClass("tick").map(\.text) == ["0", "1"])
    }

    @Test func negativeOrMiscountedValuesAreRefusedNamingTheCulprit() {
        #expect(throws: ChartError.negativeValue(chart: "n", series: "s", category: "B", value: -2)) {
            try BarChart(id: "n", title: "t", description: "d", categories: ["A", "B"], series: [.init(name: "s", values: [1, -2])])
        }
        #expect(throws: ChartError.valueCountMismatch(chart: "n", series: "s", expected: 2, actual: 1)) {
            try BarChart(id: "n", title: "t", description: "d", categories: ["A", "B"], series: [.init(name: "s", values: [1])])
        }
        #expect(throws: ChartError.invalidChartID("a b\"")) {
            try BarChart(id: "a b\"", title: "t", description: "d", categories: [], series: [])
        }
        #expect(ChartError.negativeValue(chart: "n", series: "s", category: "B", value: -2).description.contains("cannot be negative"))
    }

    @Test func theSameFiguresRenderByteIdentically() throws {
        #expect(try ChartFixtures.violations().render() == ChartFixtures.violations().render())
    }
}

/// The same rough width the charts use for a serif label at 11 units.
enum ChartTextWidth {
    static func estimate(_ text: String) -> Double { Double(text.count) * 11 * 0.6 }
}

import PhoiHopReports
import Testing

struct LineChartTests {
    static func trend(id: String = "xu-huong") throws -> LineChart {
        try LineChart(
            id: id, title: "Vi phạm theo tháng", description: "Phát hiện, xử phạt, khiếu nại",
            periods: ["T10/2026", "T11/2026", "T12/2026", "Q4/2025"],
            series: [
                .init(name: "Phát hiện", values: [12, 37, 20, 8]),
                .init(name: "Đã xử phạt", values: [10, 30, 15, 8]),
                .init(name: "Khiếu nại", values: [0, 2, 1, 1]),
            ]
        )
    }

    @Test func rendersWellFormedSVGWithOnePointPerValueAndItsLabel() throws {
        let svg = try Self.trend().render()
        let parsed = try #require(SVGElements(svg))
        #expect(parsed.named("title").first?.text == "Vi phạm theo tháng")
        #expect(parsed.withClass("period").map(\.text) == ["T10/2026", "T11/2026", "T12/2026", "Q4/2025"])
        #expect(parsed.withClass("point").count == 12)
        #expect(parsed.withClass("line").count == 3)
        #expect(parsed.withClass("value").map(\.text).filter { $0 == "37" }.count == 1)
    }

    @Test func seriesMeetingAtAPointShareOneLabelAndNoLabelFallsBelowTheAxisAmongThePeriodNames() throws {
        let chart = try LineChart(
            id: "gap-nhau", title: "Gặp nhau", description: "Hai đường cùng giá trị",
            periods: ["Q.III/2026", "Q.IV/2026"],
            series: [.init(name: "Kiểm tra", values: [0, 8]), .init(name: "Vi phạm", values: [0, 2])])
        let parsed = try #require(SVGElements(chart.render()))
        // Q.III: both at 0, one label; Q.IV: 8 and 2.
        #expect(parsed.withClass("value").map(\.text) == ["0", "8", "2"])
        let periodY = try #require(parsed.withClass("period").first?.attributes["y"].flatMap(Double.init))
        for label in parsed.withClass("value") {
            let y = try #require(label.attributes["y"].flatMap(Double.init))
            #expect(y < periodY - 10, "value \(label.text) at y \(y) runs into the period names at \(periodY)")
        }
    }

    @Test func seriesDifferByDashAndMarkerShape() throws {
        let parsed = try #require(SVGElements(try Self.trend().render()))
        let dashes = parsed.withClass("line").map { $0.attributes["stroke-dasharray"] ?? "solid" }
        #expect(Set(dashes).count == 3)
        let shapes = (0..<3).map { series in parsed.withClass("point").first { $0.attributes["data-series"] == "\(series)" }?.name }
        #expect(shapes == ["circle", "rect", "polygon"])
    }

    @Test func yTicksAreRoundFromZeroAndHigherValuesSitHigher() throws {
        let parsed = try #require(SVGElements(try Self.trend().render()))
        #expect(parsed.withClass("tick").map(\.text) == ["0", "10", "20", "30", "40"])
        let first = parsed.withClass("point").filter { $0.attributes["data-series"] == "0" }
        let y12 = try #require(Double(first[0].attributes["cy"] ?? ""))
        let y37 = try #require(Double(first[1].attributes["cy"] ?? ""))
        #expect(y37 < y12)
    }

    @Test func noPeriodsSayThereAreNoFiguresAndNegativesAreRefused() throws {
        let empty = try LineChart(id: "e", title: "t", description: "d", periods: [], series: [])
        #expect(empty.render().contains("Không có số liệu"))
        #expect(throws: ChartError.negativeValue(chart: "n", series: "s", category: "T1/2026", value: -1)) {
            try LineChart(id: "n", title: "t", description: "d", periods: ["T1/2026"], series: [.init(name: "s", values: [-1])])
        }
    }

    @Test func theSameFiguresRenderByteIdentically() throws {
        #expect(try Self.trend().render() == Self.trend().render())
    }
}

struct ComplianceChartTests {
    static func compliance() throws -> ComplianceChart {
        try ComplianceChart(
            id: "dung-han", title: "Tuân thủ thời hạn theo cơ quan", description: "Đúng hạn, trễ hạn, đang quá hạn",
            rows: [
                .init(agency: "Thanh tra Sở TT&TT", onTime: 14, late: 1, overdue: 1),
                .init(agency: "Công an tỉnh", onTime: 5, late: 0, overdue: 0),
                .init(agency: "UBND Huyện Cần Giuộc", onTime: 0, late: 0, overdue: 0),
            ]
        )
    }

    @Test func writesCountsAndVietnamesePercentagesUnderEachBar() throws {
        let parsed = try #require(SVGElements(try Self.compliance().render()))
        let figures = parsed.withClass("figures").map(\.text)
        #expect(figures[0] == "Đúng hạn 14 (87,5 %) · Trễ hạn 1 (6,3 %) · Đang quá hạn 1 (6,3 %) — tổng 16")
        #expect(figures[1] == "Đúng hạn 5 (100 %) · Trễ hạn 0 (0 %) · Đang quá hạn 0 (0 %) — tổng 5")
        #expect(parsed.withClass("category").map(\.text).first == "Thanh tra Sở TT&TT")
    }

    @Test func segmentsFillTheBarInProportion() throws {
        let parsed = try #require(SVGElements(try Self.compliance().render()))
        let segments = parsed.withClass("segment").prefix(3).compactMap { Double($0.attributes["width"] ?? "") }
        #expect(segments.count == 3)
        #expect(abs(segments[0] / segments[1] - 14) < 0.1)
        let full = try #require(parsed.withClass("segment").dropFirst(3).first.flatMap { Double($0.attributes["width"] ?? "") })
        #expect(abs(segments.reduce(0, +) - full) < 0.2)
        #expect(Set(parsed.withClass("segment").prefix(3).compactMap { $0.attributes["fill"] }).count == 3)
    }

    @Test func anAgencyWithNoItemsShowsADashNotADivisionByZero() throws {
        let parsed = try #require(SVGElements(try Self.compliance().render()))
        #expect(parsed.withClass("figures").last?.text.hasPrefix("—") == true)
        #expect(parsed.withClass("empty").count == 1)
        #expect(!parsed.elements.contains { $0.text.contains("nan") })
    }

    @Test func noRowsSayThereAreNoFiguresAndNegativesAreRefused() throws {
        #expect(try ComplianceChart(id: "e", title: "t", description: "d", rows: []).render().contains("Không có số liệu"))
        #expect(throws: ChartError.negativeValue(chart: "n", series: "Trễ hạn", category: "A", value: -3)) {
            try ComplianceChart(id: "n", title: "t", description: "d", rows: [.init(agency: "A", onTime: 1, late: -3, overdue: 0)])
        }
    }

    @Test func theSameFiguresRenderByteIdentically() throws {
        #expect(try Self.compliance().render() == Self.compliance().render())
    }
}

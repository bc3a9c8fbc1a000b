import Foundation
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// The periodic report's charts draw the figures of its tables, and nothing when there is nothing.
struct PeriodicReportChartsTests {
    static func day(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }
    static let window = ReportWindow(from: day("2026-09-15"), to: day("2026-12-14"))

    @Test(arguments: [
        (1 as Int?, "2026-11-14", "T11/2026"), (3, "2026-12-14", "Q.IV/2026"), (3, "2027-03-14", "Q.I/2027"),
        (6, "2026-06-14", "6T/2026"), (9, "2026-09-14", "9T/2026"), (12, "2026-12-14", "2026"), (nil, "2026-11-30", "30/11/2026"),
    ])
    func aPeriodsAxisLabelIsShort(months: Int?, end: String, label: String) {
        #expect(PeriodicReportCharts.label(months: months, endingOn: Self.day(end)) == label)
    }

    @Test func violationsByDistrictDrawEveryDistrictsFoundAndSanctionedCountsAndNothingWithoutViolations() throws {
        let rules = try DomainFixture.loadRules()
        var figures = PeriodicFigures(window: Self.window, businesses: [], violations: [])
        #expect(PeriodicReportCharts.violationsByDistrict(figures, rules: rules, number: 2) == nil)

        figures.violations = [
            ViolationFigures(district: "district-ben-luc", category: "ND15-35-1", found: 7, sanctioned: 5, finesVND: 0),
            ViolationFigures(district: "district-ben-luc", category: "ND72-false-information", found: 4, sanctioned: 0, finesVND: 0),
            ViolationFigures(district: "district-tan-an", category: "ND15-35-1", found: 0, sanctioned: 3, finesVND: 0),
        ]
        let chart = try #require(PeriodicReportCharts.violationsByDistrict(figures, rules: rules, number: 2))
        #expect(chart.caption == "Biểu đồ 2. Vi phạm phát hiện và bị xử phạt theo địa bàn")
        #expect(chart.svg.contains("id=\"bieu-do-2\""))
        // Every district of the province file is a category, in its order; Bến Lức's two categories add up.
        for district in rules.districts { #expect(chart.svg.contains(district.name), "\(district.name) is missing") }
        #expect(chart.svg.contains(">11<") && chart.svg.contains(">5<") && chart.svg.contains(">3<"))
    }

    @Test func theTrendNeedsTwoPeriodsWithSomethingInThemAndNamesThemOldestFirst() throws {
        var autumn = ActivityFigures(window: Self.window)
        let summer = ActivityFigures(window: ReportWindow(from: Self.day("2026-06-15"), to: Self.day("2026-09-14")))
        #expect(PeriodicReportCharts.trend([.init(label: "Q.IV/2026", activity: autumn)], number: 3) == nil)
        #expect(PeriodicReportCharts.trend([.init(label: "Q.III/2026", activity: summer), .init(label: "Q.IV/2026", activity: autumn)], number: 3) == nil)

        autumn.inspections.periodic = 12
        autumn.inspections.unannounced = 4
        autumn.complaints.received = 2
        autumn.denunciations.received = 1
        let chart = try #require(PeriodicReportCharts.trend(
            [.init(label: "Q.III/2026", activity: summer), .init(label: "Q.IV/2026", activity: autumn)], number: 3))
        #expect(chart.caption == "Biểu đồ 3. Diễn biến qua 2 kỳ gần nhất")
        let third = try #require(chart.svg.range(of: "Q.III/2026")), fourth = try #require(chart.svg.range(of: "Q.IV/2026"))
        #expect(third.lowerBound < fourth.lowerBound, "the oldest period comes first")
        #expect(chart.svg.contains("Lượt kiểm tra") && chart.svg.contains("Đơn khiếu nại, tố cáo tiếp nhận"))
    }

    @Test func caseComplianceCountsResolvedOnTimeAndLateByKindAndNothingWhenNoneWasResolved() throws {
        var activity = ActivityFigures(window: Self.window)
        #expect(PeriodicReportCharts.caseCompliance(activity, number: 4) == nil)
        activity.complaints = .init(received: 9, resolved: 5, resolvedOnTime: 4, resolvedLate: 1)
        activity.denunciations = .init(received: 2, resolved: 2, resolvedOnTime: 0, resolvedLate: 2)
        let chart = try #require(PeriodicReportCharts.caseCompliance(activity, number: 4))
        #expect(chart.caption == "Biểu đồ 4. Giải quyết khiếu nại, tố cáo theo thời hạn luật định")
        #expect(chart.svg.contains("Khiếu nại") && chart.svg.contains("Tố cáo"))
        // 4 of 5 complaints on time (80 %), 1 late (20 %); both denunciations late (100 %).
        #expect(chart.svg.contains("80") && chart.svg.contains("20") && chart.svg.contains("100"))
    }

    static func captions(_ answer: PeriodicReportAnswer) -> [String] {
        answer.document.sections.flatMap(\.blocks).compactMap { block -> String? in
            switch block {
            case let .table(table): table.caption
            case let .chart(chart): chart.caption
            default: nil
            }
        }
    }

    @Test func theReportPlacesItsChartsBesideTheirTablesNumberedInOrderWithTheTrendOfSixWindowsLast() throws {
        let hub = try ReportScopeTests.hub()
        let answer = try hub.query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31"], as: PeriodicReportAnswer.self)
        // October has no resolved complaint: no compliance chart, and no gap in the numbers.
        #expect(Self.captions(answer) == [
            "Bảng 1. Điểm cung cấp dịch vụ Internet đang quản lý", "Biểu đồ 1. Điểm cung cấp dịch vụ Internet theo địa bàn",
            "Bảng 2. Giấy chứng nhận", "Bảng 3. Kiểm tra", "Bảng 4. Vi phạm và xử phạt theo địa bàn và hành vi",
            "Biểu đồ 2. Vi phạm phát hiện và bị xử phạt theo địa bàn", "Bảng 5. Khiếu nại, tố cáo",
            "Bảng 6. Sự cố, kiểm tra phòng cháy chữa cháy, trò chơi bị phát hiện", "Bảng 7. Tuyên truyền, phổ biến và đào tạo",
            "Biểu đồ 3. Diễn biến qua 6 kỳ gần nhất",
        ])
        // Six windows of 31 days, each ending the day before the next began (Aug 31–Sep 30, Jul 31–Aug 30, …), October last.
        #expect(answer.trend.map(\.label) == ["29/05/2026", "29/06/2026", "30/07/2026", "30/08/2026", "30/09/2026", "31/10/2026"])
        #expect(answer.trend.map(\.activity.window.to.description) == ["2026-05-29", "2026-06-29", "2026-07-30", "2026-08-30", "2026-09-30", "2026-10-31"])
        #expect(answer.trend.last?.activity == answer.activity)
        #expect(answer.trend[4].activity == answer.previousActivity)
        // October's two inspections, nothing before: the trend draws them.
        #expect(answer.trend.map { $0.activity.inspections.periodic + $0.activity.inspections.unannounced } == [0, 0, 0, 0, 0, 2])
    }

    @Test func aReportOverSomeTopicsNumbersItsChartsFromOneAndLeavesOutTheTrendWhenItHasNoTopicOfIt() throws {
        let hub = try ReportScopeTests.hub()
        let answer = try hub.query("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31", "topic": "violations,outreach"],
                                   as: PeriodicReportAnswer.self)
        #expect(Self.captions(answer) == [
            "Bảng 1. Vi phạm và xử phạt theo địa bàn và hành vi", "Biểu đồ 1. Vi phạm phát hiện và bị xử phạt theo địa bàn",
            "Bảng 2. Tuyên truyền, phổ biến và đào tạo",
        ])
        let chart = answer.document.sections.flatMap(\.blocks).compactMap { block -> ReportChart? in
            if case let .chart(chart) = block { chart } else { nil }
        }.first
        #expect(chart?.svg.contains("id=\"bieu-do-1\"") == true)
    }

    @Test func aQuarterlyTrendStepsBackOneQuarterAtATime() throws {
        let hub = try ReportScopeTests.hub()
        let answer = try hub.query("report.periodic", ["kind": "quarterly", "month": "2026-12"], as: PeriodicReportAnswer.self)
        #expect(answer.trend.map(\.label) == ["Q.III/2025", "Q.IV/2025", "Q.I/2026", "Q.II/2026", "Q.III/2026", "Q.IV/2026"])
        #expect(answer.trend.first?.activity.window == ReportWindow(from: Self.day("2025-06-15"), to: Self.day("2025-09-14")))
    }
}


import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import Testing

/// The data cut-offs of config/rules/report-periods.yaml (Decree 09/2019; provincial practice).
struct ReportPeriodRulesTests {
    static let rules: ReportPeriodRules = {
        try! ProvinceRules.load(provinceFile: "\(ConfigTests.configDirectory)/province/long-an.yaml",
                                rulesDirectory: "\(ConfigTests.configDirectory)/rules").reportPeriods
    }()

    static func period(_ kind: String, _ year: Int, _ month: Int) -> String? {
        rules.period(rules.kind(kind)!, year: year, endMonth: month).map { "\($0.from)…\($0.to)" }
    }

    @Test func theFileNamesItsSourceAndTheCutOffOnThe14th() {
        #expect(Self.rules.cutoffDay == 14)
        #expect(Self.rules.answerWorkingDaysAfterCutoff == 2)
        #expect(Self.rules.source.contains("09/2019"))
        #expect(Self.rules.kinds.map(\.id) == ["monthly", "quarterly", "six-month", "nine-month", "annual"])
    }

    @Test func aMonthRunsFromThe15thOfThePreviousMonthToThe14th() {
        #expect(Self.period("monthly", 2026, 11) == "2026-10-15…2026-11-14")
        #expect(Self.period("monthly", 2026, 1) == "2025-12-15…2026-01-14")
    }

    @Test func aQuarterRunsFromThe15thOfTheMonthBeforeItToThe14thOfItsLastMonth() {
        #expect(Self.period("quarterly", 2026, 3) == "2025-12-15…2026-03-14")
        #expect(Self.period("quarterly", 2026, 9) == "2026-06-15…2026-09-14")
    }

    @Test func aQuarterlyPeriodDoesNotEndInAMonthThatEndsNoQuarter() {
        #expect(Self.period("quarterly", 2026, 11) == nil)
    }

    @Test func sixAndNineMonthPeriodsStartOn15December() {
        #expect(Self.period("six-month", 2026, 6) == "2025-12-15…2026-06-14")
        #expect(Self.period("nine-month", 2026, 9) == "2025-12-15…2026-09-14")
        #expect(Self.period("six-month", 2026, 12) == nil)
        #expect(Self.period("nine-month", 2026, 6) == nil)
    }

    @Test func theAnnualPeriodCrossesTheYear() {
        #expect(Self.period("annual", 2026, 12) == "2025-12-15…2026-12-14")
        #expect(Self.period("annual", 2026, 11) == nil)
    }
}

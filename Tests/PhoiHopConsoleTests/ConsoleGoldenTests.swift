import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing
@testable import PhoiHopConsole

/// The core views, rendered by the console's own functions from fixed daemon answers
/// (`Fixtures/`), in both languages, against `Golden/`; and the shape of their `--json`.
struct ConsoleGoldenTests {
    static func status() throws -> DaemonStatus { try Golden.fixture("status.json", as: DaemonStatus.self) }

    @Test(arguments: ConsoleLanguage.allCases)
    func theStatusViewMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(StatusCommand.render(Self.status(), in: language), "status.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theAgencyListMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(AgencyCommand.render(AgencyRow.rows(Self.status()), in: language), "agency-list.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theAgencyDetailMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        let row = try #require(AgencyRow.rows(Self.status()).first { $0.agency.rawValue == "district-ben-luc" })
        try Golden.check(AgencyCommand.render(row, in: language), "agency-show.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theActsTableMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(ActsCommand.table(Golden.fixture("acts.json", as: [ActEntry].self), in: language), "acts.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theTailLinesMatchTheirGoldenFile(language: ConsoleLanguage) throws {
        let entries = try Golden.fixture("acts.json", as: [ActEntry].self)
        try Golden.check(entries.map { TailCommand.line($0, in: language) }.joined(separator: "\n"), "tail.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theDeadlineBoardMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(DeadlineCommand.render(Golden.fixture("deadlines.json", as: DeadlineBoardView.self), in: language),
                         "deadlines.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theBusinessListMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(BusinessCommand.List.render(Golden.fixture("businesses.json", as: [BusinessRow].self), in: language),
                         "business-list.\(language).txt")
    }

    @Test(arguments: ConsoleLanguage.allCases)
    func theSummaryReportMatchesItsGoldenFile(language: ConsoleLanguage) throws {
        try Golden.check(ReportCommand.render(Golden.fixture("report.json", as: ProvinceReportData.self), in: language),
                         "report-summary.\(language).txt")
    }

    /// A script reading `--json` relies on these keys and types.
    @Test func theJSONShapesOfTheCoreViewsMatchTheirGoldenFiles() throws {
        let status = try Self.status()
        try Golden.check(Golden.jsonShape(status), "status.json-shape.txt")
        try Golden.check(Golden.jsonShape(AgencyRow.rows(status)), "agency-list.json-shape.txt")
        try Golden.check(Golden.jsonShape(Golden.fixture("acts.json", as: [ActEntry].self)), "acts.json-shape.txt")
        try Golden.check(Golden.jsonShape(Golden.fixture("deadlines.json", as: DeadlineBoardView.self)), "deadlines.json-shape.txt")
        try Golden.check(Golden.jsonShape(Golden.fixture("businesses.json", as: [BusinessRow].self)), "business-list.json-shape.txt")
        try Golden.check(Golden.jsonShape(Golden.fixture("report.json", as: ProvinceReportData.self)), "report-summary.json-shape.txt")
    }

    /// `tail --json` prints JSON Lines: each act one compact object on one line.
    @Test func eachTailJSONLineIsOneCompleteObject() throws {
        for entry in try Golden.fixture("acts.json", as: [ActEntry].self) {
            let line = TailCommand.jsonLine(entry)
            #expect(!line.contains("\n"))
            #expect(try JSONDecoder().decode(ActEntry.self, from: Data(line.utf8)) == entry)
        }
    }
}

import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopTestSupport
import Testing

/// config/rules/deadlines.yaml and holidays.yaml: what they say, and how a broken file is refused.
struct DeadlineRulesTests {
    static let configDirectory = ConfigTests.configDirectory

    func load(rulesDirectory: String = "\(configDirectory)/rules") throws(ConfigError) -> ProvinceRules {
        try ProvinceRules.load(provinceFile: "\(Self.configDirectory)/province/long-an.yaml", rulesDirectory: rulesDirectory)
    }

    /// A copy of the rules directory with `file` edited by `edit`; returns the directory.
    func rulesWith(_ file: String, _ edit: (String) -> String) throws -> String {
        let directory = Scratch.directory("rules").path
        for name in ProvinceRules.ruleFiles {
            var text = try String(contentsOfFile: "\(Self.configDirectory)/rules/\(name)", encoding: .utf8)
            if name == file { text = edit(text) }
            try text.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func theComplaintLimitsAreTheLaws() throws {
        let rules = try load().deadlines
        #expect(rules.rule("complaint-accept").days("normal") == 10 && rules.rule("complaint-accept").counting == .calendar)
        #expect(rules.rule("denunciation-accept").days("normal") == 7 && rules.rule("denunciation-accept").counting == .working)
        let first = rules.rule("complaint-resolve-1")
        #expect([first.days("normal"), first.days("complex"), first.days("remote"), first.days("remote-complex")] == [Int]([30, 45, 45, 60]))
        let second = rules.rule("complaint-resolve-2")
        #expect([second.days("normal"), second.days("complex"), second.days("remote"), second.days("remote-complex")] == [Int]([45, 60, 60, 70]))
        #expect(rules.rule("denunciation-resolve").days("normal") == 30)
        let extensions = rules.rule("denunciation-extension")
        #expect(extensions.days("normal") == 30)
        #expect(extensions.days["max-extensions-complex"] == Int(1))
        #expect(extensions.days["max-extensions-especially-complex"] == Int(2))
        #expect(rules.dueSoonWorkingDays == 3)
    }

    @Test func unverifiedFactsAreMarked() throws {
        let rules = try load().deadlines
        #expect(!rules.rule("complaint-lodge").verified)
        #expect(!rules.rule("denunciation-accept").verified)
        let guidance = rules.rule("guidance-acknowledge")
        #expect(!guidance.verified && guidance.source.contains("Thực tiễn") && guidance.counting == .working && guidance.days("normal") == 10)
    }

    @Test func theHolidayTableCoversTwoThousandTwentySixWithTet() throws {
        let holidays = try load().holidays
        #expect(holidays.coveredYears.contains(2026))
        #expect(holidays.holidays[try CivilDate(parsing: "2026-02-17")] == "Tết Nguyên đán Bính Ngọ")
        #expect(holidays.isWorkingDay(try CivilDate(parsing: "2025-02-08")))   // make-up Saturday
    }

    @Test func aMissingRequiredRuleIsRefusedNamingFileAndKey() throws {
        let directory = try rulesWith("deadlines.yaml") { $0.replacingOccurrences(of: "id: complaint-accept", with: "id: complaint-accept-old") }
        do {
            _ = try load(rulesDirectory: directory)
            Issue.record("loaded without complaint-accept")
        } catch {
            #expect(error.file.hasSuffix("deadlines.yaml"))
            #expect(error.key == "rules")
            #expect(error.problem.contains("complaint-accept"))
        }
    }

    @Test func aBadCountingIsRefusedNamingItsKey() throws {
        let directory = try rulesWith("deadlines.yaml") { $0.replacingOccurrences(of: "counting: working", with: "counting: business") }
        do {
            _ = try load(rulesDirectory: directory)
            Issue.record("loaded a bad counting")
        } catch {
            #expect(error.file.hasSuffix("deadlines.yaml"))
            #expect(error.key?.hasSuffix(".counting") == true, "\(error)")
        }
    }

    @Test func aBadHolidayDateIsRefusedNamingFileAndKey() throws {
        let directory = try rulesWith("holidays.yaml") { $0.replacingOccurrences(of: "date: 2026-01-01", with: "date: 2026-13-01") }
        do {
            _ = try load(rulesDirectory: directory)
            Issue.record("loaded a 13th month")
        } catch {
            #expect(error.file.hasSuffix("holidays.yaml"))
            #expect(error.key?.hasPrefix("holidays[") == true && error.key?.hasSuffix("].date") == true, "\(error)")
            #expect(error.problem.contains("2026-13-01"))
        }
    }

    @Test func aHolidayTableWithoutCoveredYearsIsRefused() throws {
        let directory = try rulesWith("holidays.yaml") { $0.replacingOccurrences(of: "coveredYears: { from: 2024, to: 2026 }", with: "") }
        do {
            _ = try load(rulesDirectory: directory)
            Issue.record("loaded without coveredYears")
        } catch {
            #expect(error.key == "coveredYears")
        }
    }
}

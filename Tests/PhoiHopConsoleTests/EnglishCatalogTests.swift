import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing
@testable import PhoiHopConsole

/// `--lang en`: every table header the console uses has an English form, and the English
/// renderings of the core views keep no Vietnamese letter in their headers or status columns.
struct EnglishCatalogTests {
    /// Every string literal in the header list of a `Table([...])` of the console's sources.
    static func consoleTableHeaders() throws -> Set<String> {
        let sources = Golden.directory.appendingPathComponent("../../Sources/PhoiHopConsole").standardized
        var headers = Set<String>()
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 20, "the console's sources were not found at \(sources.path)")
        let table = try Regex(#"Table\(\[([^\]]*)\]"#)
        let literal = try Regex(#""((?:[^"\\]|\\.)*)""#)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: table) {
                let list = String(text[match.range])
                for header in list.matches(of: literal) { headers.insert(String(list[header.range].dropFirst().dropLast())) }
            }
        }
        return headers
    }

    @Test func everyTableHeaderOfTheConsoleHasAnEnglishForm() throws {
        let headers = try Self.consoleTableHeaders().union(MessageType.headline.compactMap(\.shortVietnameseName))
        #expect(headers.count > 100)
        let missing = headers.filter { EnglishCatalog.headers[$0] == nil }.sorted()
        #expect(missing.isEmpty, "headers without an English form in EnglishCatalog.headers: \(missing)")
    }

    @Test func theCatalogsEnglishHasNoVietnameseLetters() {
        let english = Array(EnglishCatalog.headers.values) + Array(EnglishCatalog.words.values)
        let vietnamese = english.filter { text in !text.allSatisfy { $0.isASCII } }
        #expect(vietnamese.isEmpty)
    }

    /// The header line of each table (the line above its ─── rule) is all ASCII in English.
    @Test func theEnglishGoldenTablesHaveNoVietnameseLettersInTheirHeaders() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Golden.directory.appendingPathComponent("Golden").path)
            .filter { $0.hasSuffix(".en.txt") }
        #expect(files.count >= 6)
        for file in files {
            let lines = try String(contentsOf: Golden.directory.appendingPathComponent("Golden/\(file)"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where index > 0 && line.hasPrefix("─") {
                let header = lines[index - 1]
                let ascii = header.allSatisfy { $0.isASCII }
                #expect(ascii, "\(file): \(header)")
            }
        }
        let english = try AgencyCommand.render(AgencyRow.rows(ConsoleGoldenTests.status()), in: .en)
        #expect(!english.contains("tuyến") && english.contains("online") && english.contains("offline"))
    }

    @Test func langEnOnTheCommandLineSwitchesTheTablesToEnglish() throws {
        _ = try PhoihopCommand.parseAsRoot(["agency", "list", "--lang", "en", "--control", "/nonexistent"])
        #expect(ConsoleLanguage.current == .en)
        _ = try PhoihopCommand.parseAsRoot(["agency", "list", "--lang", "vi", "--control", "/nonexistent"])
        #expect(ConsoleLanguage.current == .vi)
        #expect(throws: (any Error).self) { try PhoihopCommand.parseAsRoot(["agency", "list", "--lang", "fr"]) }
    }
}

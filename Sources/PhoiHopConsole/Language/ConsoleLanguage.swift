import ArgumentParser
import Foundation
import Synchronization

/// The language of the console's tables: Vietnamese (the officer's) unless `--lang en` or
/// `PHOIHOP_LANG=en` asks for English, for a technician who reads no Vietnamese. Only the table
/// headers and the fixed words of status columns change (through ``EnglishCatalog``); help text,
/// messages and free text (names, summaries) stay as written.
enum ConsoleLanguage: String, CaseIterable, ExpressibleByArgument, Sendable {
    case vi
    case en

    /// The language this process prints in: set once from `--lang` while the options are
    /// validated (``ControlOptions/validate()``), `$PHOIHOP_LANG` otherwise.
    static var current: ConsoleLanguage {
        get { chosen.withLock { $0 } ?? fromEnvironment }
        set { chosen.withLock { $0 = newValue } }
    }

    private static let chosen = Mutex<ConsoleLanguage?>(nil)

    /// `$PHOIHOP_LANG` read as `en`/`vi` (also `en_US.UTF-8` and the like); Vietnamese otherwise.
    static var fromEnvironment: ConsoleLanguage {
        let text = ProcessInfo.processInfo.environment["PHOIHOP_LANG"]?.lowercased() ?? ""
        return text.hasPrefix("en") ? .en : .vi
    }
}

/// The words of the console in the chosen language: `vietnamese` itself, or its English form
/// from ``EnglishCatalog`` (the Vietnamese when the catalog has none).
func localized(_ vietnamese: String, in language: ConsoleLanguage = .current) -> String {
    guard language == .en else { return vietnamese }
    return EnglishCatalog.headers[vietnamese] ?? EnglishCatalog.words[vietnamese] ?? vietnamese
}

/// A cell of a table: only a fixed word of the catalog (a status, a standing, a kind) is
/// translated; names and free text never are.
func localizedCell(_ text: String, in language: ConsoleLanguage) -> String {
    guard language == .en else { return text }
    return EnglishCatalog.words[text] ?? text
}

/// "12 giây trước" / "12 s ago": how long ago `milliseconds` was, as of `now`.
func ago(_ milliseconds: Int64?, now: Int64, in language: ConsoleLanguage = .current) -> String {
    guard let milliseconds else { return "—" }
    let seconds = max(0, (now - milliseconds) / 1000)
    let english = language == .en
    switch seconds {
    case ..<60: return english ? "\(seconds) s ago" : "\(seconds) giây trước"
    case ..<3600: return english ? "\(seconds / 60) min ago" : "\(seconds / 60) phút trước"
    case ..<86_400: return english ? "\(seconds / 3600) h ago" : "\(seconds / 3600) giờ trước"
    default: return english ? "\(seconds / 86_400) d ago" : "\(seconds / 86_400) ngày trước"
    }
}

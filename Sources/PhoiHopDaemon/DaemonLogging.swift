import Foundation
public import Logging
import PhoiHopSystemd
import Synchronization

/// Where a daemon's log goes and at which level.
///
/// Under systemd, when standard error is the journal stream the service manager gave it
/// (`JOURNAL_STREAM`), every entry goes to the journal as structured fields
/// (``JournalLogHandler``: `PHOIHOP_AGENCY`, `PHOIHOP_MESSAGE_ID`, `PHOIHOP_PEER` …); otherwise
/// (a terminal, a test's log file) it is one line on standard error, as before.
///
/// The level is one process-wide setting (``level``) that a reload changes: every logger, however
/// many copies of it were made, filters by it from the next entry on.
public enum DaemonLogging {
    /// The daemon's log level, read on every log call.
    public static let level = LogLevelSetting(.info)

    /// Installs the handlers; call once, before the first logger is made.
    /// - Parameter identifier: the journal's `SYSLOG_IDENTIFIER` (the program's name).
    public static func bootstrap(level initial: Logger.Level, identifier: String,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) {
        level.current = initial
        let journal = JournalSocket.standardErrorIsJournal(environment: environment) ? JournalSocket.system : nil
        LoggingSystem.bootstrap { label in
            let inner: any LogHandler
            if let journal {
                inner = JournalLogHandler(identifier: identifier, socket: journal) { line in
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
            } else {
                inner = StreamLogHandler.standardError(label: label)
            }
            return LevelSettingLogHandler(inner: inner, setting: level)
        }
    }
}

/// A log level shared by every logger of the process and changed at run time.
public final class LogLevelSetting: Sendable {
    private let storage: Atomic<UInt8>
    private static let levels = Logger.Level.allCases

    init(_ level: Logger.Level) {
        storage = Atomic(UInt8(Self.levels.firstIndex(of: level)!))
    }

    public var current: Logger.Level {
        get { Self.levels[Int(storage.load(ordering: .relaxed))] }
        set { storage.store(UInt8(Self.levels.firstIndex(of: newValue)!), ordering: .relaxed) }
    }
}

/// Filters by the process's ``LogLevelSetting`` and hands each entry to `inner`.
struct LevelSettingLogHandler: LogHandler {
    var inner: any LogHandler
    let setting: LogLevelSetting

    init(inner: any LogHandler, setting: LogLevelSetting) {
        var inner = inner
        // The filtering is done here: the inner handler takes whatever reaches it.
        inner.logLevel = .trace
        self.inner = inner; self.setting = setting
    }

    var logLevel: Logger.Level {
        get { setting.current }
        set { setting.current = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}

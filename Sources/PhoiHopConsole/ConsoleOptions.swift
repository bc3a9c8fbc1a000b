/// # PhoiHopConsole
///
/// The `phoihop` console an officer uses against their own daemon, over its local control
/// channel: tables in Vietnamese by default, `--json` for scripts. Also the provisioning
/// (`keys generate`, `province init`) and the demo scenario.
public import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// Which daemon to talk to, and how to print.
public struct ControlOptions: ParsableArguments {
    @Option(name: .long, help: "Cổng điều khiển của daemon (mặc định: $PHOIHOP_CONTROL; nếu không có thì cổng duy nhất /var/lib/phoihop/*/control.sock của máy do systemd cài, hoặc /var/lib/phoihop/control.sock).")
    public var control: String?

    @Flag(name: .long, help: "In JSON thay cho bảng, để chương trình khác đọc.")
    public var json = false

    @Option(name: .long, help: "Ngôn ngữ của bảng: vi (mặc định) hoặc en — tiêu đề cột và tình trạng bằng tiếng Anh (mặc định: $PHOIHOP_LANG).")
    var lang: ConsoleLanguage?

    public init() {}

    /// Records `--lang` for every table this process prints (ArgumentParser validates each
    /// option group while parsing, before `run`).
    public func validate() throws {
        if let lang { ConsoleLanguage.current = lang }
    }

    var socketPath: String {
        control ?? ProcessInfo.processInfo.environment["PHOIHOP_CONTROL"] ?? Self.installedSocket(under: "/var/lib/phoihop")
    }

    /// The control socket of a host set up with the systemd units (docs/DEPLOYMENT.md): each
    /// daemon's state directory is `/var/lib/phoihop/<agency>/`, so a server running one daemon
    /// has exactly one `*/control.sock`, and that is the one meant. With none or several, the
    /// old single path, whose "not found" error tells the officer to give --control.
    static func installedSocket(under root: String) -> String {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let sockets = entries.sorted().map { "\(root)/\($0)/control.sock" }.filter { FileManager.default.fileExists(atPath: $0) }
        return sockets.count == 1 ? sockets[0] : "\(root)/control.sock"
    }

    func client() throws -> ControlClient {
        do { return try ControlClient(path: socketPath) } catch { throw ConsoleFailure("\(error)") }
    }

    /// Prints `value` as JSON when --json was given; otherwise runs `table`.
    func emit<T: Encodable>(_ value: T, table: () -> Void) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
        } else {
            table()
        }
    }
}

/// A failure the console reports on standard error with exit code 1 (2 for usage errors,
/// which ArgumentParser handles).
public struct ConsoleFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// Runs a control call, turning its errors into a ``ConsoleFailure`` with the daemon's message.
func callDaemon<R: Codable & Sendable>(_ options: ControlOptions, _ command: ControlCommand, body: [UInt8]? = nil, as type: R.Type) throws -> R {
    do { return try options.client().call(command, body: body, as: type) } catch let failure as ConsoleFailure {
        throw failure
    } catch {
        throw ConsoleFailure("\(error)")
    }
}

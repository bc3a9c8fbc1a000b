public import PhoiHopBus
import Synchronization
import ZeroMQ

/// The daemon's read-only control requests (`status`, `report`, `query`) for a companion service
/// of the same process — the hub's web dashboard — executed on the daemon's loop thread exactly
/// as the console's requests are, and answered with the same reply frame. Anything that would
/// change the daemon (`record`, `backup`, `reload` …) is refused: a companion only reads.
public final class DaemonReadings: Sendable {
    /// The commands a companion may send.
    public static let readOnlyCommands: Set<String> = ["status", "report", "query"]

    private let core = Mutex<LoopConfined<DaemonCore>?>(nil)

    /// Not yet attached: calls throw ``DaemonNotRunning`` until the daemon's service is up.
    public init() {}

    /// The reply frame (`{"ok":true,"result":…}` or `{"ok":false,"error":…}`) to `command`.
    /// Throws ``DaemonNotRunning`` before the daemon is up and once it has stopped.
    public func call(_ command: ControlCommand) async throws -> [UInt8] {
        guard Self.readOnlyCommands.contains(command.command) else {
            return ControlServer.error("'\(command.command.prefix(40))' is not a read-only command; a companion service may send \(Self.readOnlyCommands.sorted().joined(separator: ", "))")
        }
        guard let core = core.withLock({ $0 }) else { throw DaemonNotRunning() }
        do {
            return try await core.submit { $0.handle(ControlRequest(command: command)) }
        } catch is SocketLoopStoppedError {
            throw DaemonNotRunning()
        }
    }

    func attach(_ confined: LoopConfined<DaemonCore>) { core.withLock { $0 = confined } }
    func detach() { core.withLock { $0 = nil } }
}

/// A read asked of a daemon that is not running (starting, or stopped).
public struct DaemonNotRunning: Error, CustomStringConvertible {
    public var description: String { "the daemon is not running (starting or stopping); try again in a moment" }
}

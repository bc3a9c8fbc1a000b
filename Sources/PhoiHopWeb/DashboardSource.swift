public import PhoiHopBus
import Foundation
import PhoiHopProtocol

/// Where the dashboard reads the province: the hub daemon's answer to a read-only control
/// request (`status`, `report`, `query NAME`), as the reply frame the console receives. The hub
/// supplies its own daemon (executed on the daemon's loop thread); tests supply a store.
public struct DashboardSource: Sendable {
    /// The reply frame (`{"ok":…,"result":…}`) to `command`.
    public var call: @Sendable (ControlCommand) async throws -> [UInt8]

    /// A source answering with `call`.
    public init(_ call: @escaping @Sendable (ControlCommand) async throws -> [UInt8]) { self.call = call }

    func status() async throws -> DaemonStatus {
        try await decode(ControlCommand(command: "status"), as: DaemonStatus.self)
    }

    func report() async throws -> ProvinceReportData {
        try await decode(ControlCommand(command: "report"), as: ProvinceReportData.self)
    }

    /// Query `name` with `parameters`, its answer decoded as `T`.
    func query<T: Decodable>(_ name: String, _ parameters: [String: String] = [:], as type: T.Type) async throws -> T {
        try await decode(ControlCommand(command: "query", type: name, parameters: parameters), as: type)
    }

    private func decode<T: Decodable>(_ command: ControlCommand, as _: T.Type) async throws -> T {
        let frame = try await call(command)
        let reply: Reply<T>
        do { reply = try JSONDecoder().decode(Reply<T>.self, from: Data(frame)) } catch {
            throw DashboardReadError(message: "the daemon's answer to \(command.type ?? command.command) could not be read: \(error)")
        }
        guard reply.ok, let result = reply.result else {
            throw DashboardReadError(message: reply.error ?? "the daemon answered without a result")
        }
        return result
    }

    private struct Reply<T: Decodable>: Decodable {
        var ok: Bool
        var error: String?
        var result: T?
    }
}

/// A read the daemon refused or could not answer; `message` is the daemon's own wording.
struct DashboardReadError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

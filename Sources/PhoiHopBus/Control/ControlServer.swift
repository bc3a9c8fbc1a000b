public import ZeroMQ
import Foundation
import Logging
import PhoiHopProtocol

/// A request the control channel delivered: the command frame and the body frames after it
/// (none, one — an act to record — or several: `record-many`).
public struct ControlRequest: Sendable {
    public var command: ControlCommand
    public var bodies: [[UInt8]]
    /// The first body frame, if any.
    public var body: [UInt8]? { bodies.first }
    /// A request made inside the daemon's own process (a companion service's read).
    public init(command: ControlCommand, body: [UInt8]? = nil) { self.command = command; self.bodies = body.map { [$0] } ?? [] }
    public init(command: ControlCommand, bodies: [[UInt8]]) { self.command = command; self.bodies = bodies }
}

/// The daemon's local control channel: a ROUTER socket on a Unix-domain (`ipc://`) path whose
/// file mode is 0660, owned by the daemon's user and by `group` (`controlGroup:`; default the
/// daemon's primary group), so only the daemon's user, that group's members — its officers — and
/// root can connect (connecting to a Unix socket needs write permission on it). Nothing crosses a
/// host, so no CURVE here; file permissions are the access control (docs/SECURITY.md, "Control
/// channel": who can do what).
///
/// Loop-confined, like every socket.
public final class ControlServer {
    public let path: String
    let socket: ZMQSocket
    let logger: Logger
    let handler: ([ControlRequest]) -> [[UInt8]]
    /// The most requests taken off the socket before they are answered together.
    public static let maxBatch = 256

    /// Binds the socket at `path` (a stale socket file from a crashed run is replaced).
    /// - Parameter group: the group given the socket; nil keeps the daemon's primary group.
    public convenience init(context: ZMQContext, path: String, group: String? = nil, logger: Logger,
                            handler: @escaping (ControlRequest) -> [UInt8]) throws {
        try self.init(context: context, path: path, group: group, logger: logger, batchHandler: { $0.map(handler) })
    }

    /// Like ``init(context:path:group:logger:handler:)``, but the handler is given every request
    /// waiting on the socket at once (up to ``maxBatch``), in arrival order, and returns one reply
    /// for each: so the daemon can record the acts of officers who asked at the same moment in one
    /// commit. Each reply is sent only after the handler returns.
    public init(context: ZMQContext, path: String, group: String? = nil, logger: Logger,
                batchHandler: @escaping ([ControlRequest]) -> [[UInt8]]) throws {
        self.path = path; self.logger = logger; self.handler = batchHandler
        socket = try ZMQSocket(context: context, type: .router)
        try socket.setLinger(milliseconds: 0)
        try socket.setMaxMessageSize(1 << 20)
        unlink(path)
        // The socket file is created by bind: never, even for a moment, open to others.
        let previous = umask(0o117)
        defer { umask(previous) }
        try socket.bind("ipc://\(path)")
        if let group {
            guard let entry = getgrnam(group) else {
                socket.close()
                throw ControlSocketError(description: "control socket: there is no group '\(group)'; create it or remove controlGroup")
            }
            guard chown(path, uid_t.max, entry.pointee.gr_gid) == 0 else {
                let reason = String(cString: strerror(errno))
                socket.close()
                unlink(path)
                throw ControlSocketError(description: "control socket \(path): cannot give it to group '\(group)' (\(reason)); the daemon's user must be a member of that group")
            }
        }
        chmod(path, 0o660)
    }

    public var zmqSocket: ZMQSocket { socket }

    /// Answers every pending request, in batches of up to ``maxBatch``. A malformed request gets
    /// an error reply, never a crash.
    public func handleReadable() {
        while true {
            var requests: [ControlRequest] = []
            var routes: [[UInt8]] = []
            var drained = false
            while requests.count < Self.maxBatch {
                let received: ReceivedMessage?
                do { received = try socket.receive(dontWait: true) } catch {
                    logger.error("control receive failed", metadata: ["error": "\(error)"])
                    drained = true
                    break
                }
                guard let frames = received?.frames else { drained = true; break }
                // REQ clients send [routing id, empty delimiter, command, body…].
                guard frames.count >= 3, frames[1].isEmpty else {
                    if let first = frames.first { reply(to: first, ControlServer.error("malformed control request")) }
                    continue
                }
                do {
                    let command: ControlCommand = try WireJSON.decode(frames[2], frame: "control command")
                    requests.append(ControlRequest(command: command, bodies: Array(frames.dropFirst(3))))
                    routes.append(frames[0])
                } catch {
                    reply(to: frames[0], ControlServer.error("\(error)"))
                }
            }
            if !requests.isEmpty {
                let replies = handler(requests)
                for (index, route) in routes.enumerated() {
                    reply(to: route, index < replies.count ? replies[index] : ControlServer.error("the daemon gave no answer to this request; try again"))
                }
            }
            if drained { return }
        }
    }

    func reply(to route: [UInt8], _ frame: [UInt8]) {
        do { try socket.send([route, [], frame], dontWait: true) } catch {
            logger.warning("control reply failed", metadata: ["error": "\(error)"])
        }
    }

    public func close() {
        socket.close()
        unlink(path)
    }

    /// An error reply frame.
    public static func error(_ message: String) -> [UInt8] {
        WireJSON.encode(ControlReply<String>(ok: false, error: message))
    }

    /// A success reply frame.
    public static func success(_ result: some Codable & Sendable) -> [UInt8] {
        WireJSON.encode(ControlReply(ok: true, result: result))
    }

    /// A success reply whose result is already JSON (a query's answer).
    public static func successRaw(_ resultJSON: [UInt8]) -> [UInt8] {
        Array(#"{"ok":true,"result":"#.utf8) + resultJSON + Array("}".utf8)
    }
}

/// The control socket could not be set up as configured: the daemon does not start.
public struct ControlSocketError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

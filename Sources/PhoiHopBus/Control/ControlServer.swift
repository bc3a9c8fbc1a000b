public import ZeroMQ
import Foundation
import Logging
import PhoiHopProtocol

/// A request the control channel delivered: the command frame and an optional body frame.
public struct ControlRequest: Sendable {
    public var command: ControlCommand
    public var body: [UInt8]?
    /// A request made inside the daemon's own process (a companion service's read).
    public init(command: ControlCommand, body: [UInt8]? = nil) { self.command = command; self.body = body }
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
    let handler: (ControlRequest) -> [UInt8]

    /// Binds the socket at `path` (a stale socket file from a crashed run is replaced).
    /// - Parameter group: the group given the socket; nil keeps the daemon's primary group.
    public init(context: ZMQContext, path: String, group: String? = nil, logger: Logger,
                handler: @escaping (ControlRequest) -> [UInt8]) throws {
        self.path = path; self.logger = logger; self.handler = handler
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

    /// Answers every pending request. A malformed request gets an error reply, never a crash.
    public func handleReadable() {
        while true {
            let received: ReceivedMessage?
            do { received = try socket.receive(dontWait: true) } catch {
                logger.error("control receive failed", metadata: ["error": "\(error)"])
                return
            }
            guard let frames = received?.frames else { return }
            // REQ clients send [routing id, empty delimiter, command, body?].
            guard frames.count >= 3, frames[1].isEmpty else {
                if let first = frames.first { _ = try? socket.send([first, [], ControlServer.error("malformed control request")], dontWait: true) }
                continue
            }
            let reply: [UInt8]
            do {
                let command: ControlCommand = try WireJSON.decode(frames[2], frame: "control command")
                reply = handler(ControlRequest(command: command, body: frames.count > 3 ? frames[3] : nil))
            } catch {
                reply = ControlServer.error("\(error)")
            }
            do { try socket.send([frames[0], [], reply], dontWait: true) } catch {
                logger.warning("control reply failed", metadata: ["error": "\(error)"])
            }
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

import ZeroMQ
import Foundation
import PhoiHopProtocol

/// Why the console could not get an answer, worded for the officer at the console (Vietnamese).
public struct ControlError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// The console's side of the control channel: one blocking request/reply with a timeout.
/// A short-lived command-line process owns it on its main thread.
public final class ControlClient {
    public let path: String
    let context: ZMQContext
    let timeoutMilliseconds: Int32
    /// Reused across calls (one handshake per client, not per call); dropped after a failed call,
    /// because a REQ socket that missed its reply cannot send again.
    var socket: ZMQSocket?

    public init(path: String, timeoutMilliseconds: Int32 = 15_000) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ControlError(message: "không thấy cổng điều khiển của daemon tại \(path); daemon có đang chạy không? (systemctl status phoihop-hub / phoihop-agency@…, hoặc chỉ đường dẫn bằng --control PATH)")
        }
        guard access(path, R_OK | W_OK) == 0 else {
            throw ControlError(message: "không có quyền dùng \(path); hãy chạy với tài khoản của daemon hoặc một thành viên trong nhóm của nó")
        }
        self.path = path
        self.timeoutMilliseconds = timeoutMilliseconds
        context = try ZMQContext()
    }

    deinit {
        socket?.close()
        context.terminate()
    }

    func connectedSocket() throws -> ZMQSocket {
        if let socket { return socket }
        let socket = try ZMQSocket(context: context, type: .req)
        try socket.setLinger(milliseconds: 0)
        try socket.setReceiveTimeout(timeoutMilliseconds)
        try socket.setSendTimeout(timeoutMilliseconds)
        try socket.connect("ipc://\(path)")
        self.socket = socket
        return socket
    }

    /// Sends one command and returns the reply's `result`, decoded; a daemon's `ok: false`
    /// becomes a ``ControlError`` with the daemon's message.
    public func call<Result: Codable & Sendable>(_ command: ControlCommand, body: [UInt8]? = nil, as type: Result.Type) throws -> Result {
        try call(command, bodies: body.map { [$0] } ?? [], as: type)
    }

    /// Sends one command with several body frames (`record-many`) and returns the reply's result.
    public func call<Result: Codable & Sendable>(_ command: ControlCommand, bodies: [[UInt8]], as _: Result.Type) throws -> Result {
        let socket = try connectedSocket()
        var succeeded = false
        defer {
            if !succeeded {
                socket.close()
                self.socket = nil
            }
        }
        let frames = [WireJSON.encode(command)] + bodies
        let silent = ControlError(message: "daemon tại \(path) không trả lời trong \(timeoutMilliseconds / 1000) giây; kiểm tra daemon còn chạy và không bị treo (journalctl -u …)")
        // With send/receive timeouts set, libzmq reports a timeout as "would block": false / nil.
        guard try socket.send(frames), let frame = try socket.receive()?.frames.first else { throw silent }
        succeeded = true
        let decoded: ControlReply<Result>
        do { decoded = try WireJSON.decode(frame, frame: "control reply") } catch {
            // A failure reply has no result of our type: read it as a plain error.
            if let failure: ControlReply<String> = try? WireJSON.decode(frame, frame: "control reply"), !failure.ok {
                throw ControlError(message: failure.error ?? "daemon từ chối yêu cầu")
            }
            throw ControlError(message: "không đọc được câu trả lời từ \(path): \(error)")
        }
        guard decoded.ok, let result = decoded.result else {
            throw ControlError(message: decoded.error ?? "daemon từ chối yêu cầu")
        }
        return result
    }
}

extension ControlClient {
    /// `record`: records one act; its receipt once it is durable.
    public func record(_ body: MessageBody) throws -> RecordReceipt {
        try call(ControlCommand(command: "record", type: body.type.rawValue), body: body.encoded(), as: RecordReceipt.self)
    }

    /// `record-many`: records acts of one `type`, given as their JSON bodies, in one commit; one
    /// outcome per body, in order (at most 1000 per call).
    public func recordMany(type: MessageType, bodies: [[UInt8]]) throws -> [RecordOutcome] {
        try call(ControlCommand(command: "record-many", type: type.rawValue), bodies: bodies, as: [RecordOutcome].self)
    }
}

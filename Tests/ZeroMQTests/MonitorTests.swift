import Testing
import ZeroMQ

struct MonitorTests {
    @Test func monitorReportsListeningAcceptedAndHandshakeWithEndpoint() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let server = try ZMQSocket(context: context, type: .pull)
        defer { server.close() }
        try server.monitor(endpoint: "inproc://monitor-server", events: .all)
        let monitor = try SocketMonitor(context: context, endpoint: "inproc://monitor-server")
        defer { monitor.close() }
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint
        let listening = try monitor.wait(for: .listening, timeoutMilliseconds: Limits.waitMilliseconds)
        #expect(listening?.endpoint == endpoint)

        let client = try ZMQSocket(context: context, type: .push)
        defer { client.close() }
        try client.connect(endpoint)
        #expect(try monitor.wait(for: .accepted, timeoutMilliseconds: Limits.waitMilliseconds)?.endpoint == endpoint)
        #expect(try monitor.wait(for: .handshakeSucceeded, timeoutMilliseconds: Limits.waitMilliseconds) != nil)
        #expect(MonitorEvents.handshakeSucceeded.description == "[handshakeSucceeded]")
    }

    @Test func malformedMonitorFramesThrowInsteadOfCrashing() throws {
        #expect(throws: ZMQError.self) { try MonitorEvent(frames: [[1, 2, 3]]) }
        #expect(throws: ZMQError.self) { try MonitorEvent(frames: [[1, 2, 3], []]) }
        #expect(throws: ZMQError.self) { try MonitorEvent(frames: []) }
        let event = try MonitorEvent(frames: [[0x00, 0x40, 0x90, 0x01, 0x00, 0x00], .text("tcp://x:1")])
        #expect(event == MonitorEvent(event: .handshakeFailedAuth, value: 400, endpoint: "tcp://x:1"))
    }
}

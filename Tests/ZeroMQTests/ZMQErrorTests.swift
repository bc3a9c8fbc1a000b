import Testing
import ZeroMQ

struct ZMQErrorTests {
    @Test func bindToUnknownTransportReportsOperationAndStrerrorText() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, type: .pub)
        defer { socket.close() }
        let error = try #require(throws: ZMQError.self) { try socket.bind("bogus://nowhere") }
        #expect(error.operation == "bind bogus://nowhere")
        #expect(error.message == "Protocol not supported")
        #expect(error.description == "bind bogus://nowhere: Protocol not supported (errno \(error.errno))")
        #expect(!error.isWouldBlock)
    }

    @Test func bindingATakenPortReportsAddressInUse() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let first = try ZMQSocket(context: context, type: .pull)
        defer { first.close() }
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        let second = try ZMQSocket(context: context, type: .pull)
        defer { second.close() }
        let error = try #require(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error.description == "bind \(endpoint): Address already in use (errno \(error.errno))")
    }

    @Test func invalidOptionValueNamesTheOption() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, type: .dealer)
        defer { socket.close() }
        let error = try #require(throws: ZMQError.self) { try socket.setRoutingID([]) }
        #expect(error.description.hasPrefix("set ZMQ_ROUTING_ID (0 bytes): Invalid argument"))
        #expect(throws: ZMQError.self) { try socket.bind("inproc://nul\0suffix") }
    }

    @Test func receiveTimeoutYieldsNilAndSendRequiresAFrame() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, type: .pull)
        defer { socket.close() }
        try socket.setReceiveTimeout(1)
        #expect(try socket.receive() == nil)
        #expect(try socket.receive(dontWait: true) == nil)
        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        #expect(throws: ZMQError.self) { try push.send([]) }
    }
}

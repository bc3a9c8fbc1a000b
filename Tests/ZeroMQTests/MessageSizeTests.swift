import Testing
import ZeroMQ

struct MessageSizeTests {
    @Test func eightMebibyteFrameArrivesByteExact() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pull = try ZMQSocket(context: context, type: .pull)
        defer { pull.close() }
        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        try pull.bind("tcp://127.0.0.1:*")
        try push.connect(try pull.lastEndpoint)

        // A pattern with zero bytes and no period aligned to the frame, so truncation,
        // over-read or reordering would all show.
        let big: Frame = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let frames: [Frame] = [.text("big"), big, []]
        try push.send(frames)
        let message = try #require(try receive(pull))
        #expect(message.frames.count == 3)
        #expect(message.frames[1].count == big.count)
        #expect(message.frames == frames)
    }

    @Test func messageOverMaxMessageSizeIsNeverDeliveredAndConnectionRecovers() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pull = try ZMQSocket(context: context, type: .pull)
        defer { pull.close() }
        try pull.setMaxMessageSize(1024)
        try pull.bind("tcp://127.0.0.1:*")

        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        try push.setReconnectInterval(20, max: 0)
        try push.monitor(endpoint: "inproc://maxmsgsize-push", events: [.handshakeSucceeded, .disconnected])
        let monitor = try SocketMonitor(context: context, endpoint: "inproc://maxmsgsize-push")
        defer { monitor.close() }
        try push.connect(try pull.lastEndpoint)
        #expect(try monitor.wait(for: .handshakeSucceeded, timeoutMilliseconds: Limits.waitMilliseconds) != nil)

        let oversized = Frame(repeating: 0xAB, count: 4096)
        try push.send([oversized])
        // The receiver's decoder rejects the frame and drops the connection.
        #expect(try monitor.wait(for: .disconnected, timeoutMilliseconds: Limits.waitMilliseconds) != nil)
        #expect(try pull.receive(dontWait: true) == nil)

        // PUSH keeps its pipe across the reconnect, so a small message sent now is delivered.
        try push.send([.text("small"), Frame(repeating: 0, count: 1000)])
        let message = try #require(try receive(pull))
        #expect(message.frames == [.text("small"), Frame(repeating: 0, count: 1000)])
        #expect(try pull.receive(dontWait: true) == nil)
    }

    /// Why an agency reconnects to a silent hub (PhoiHopDaemon `DaemonCore+Redial`): libzmq treats
    /// an oversized frame as a protocol error of the connection that *received* it, and a
    /// connecting socket never reconnects after that, unlike after a plain disconnection.
    @Test func aConnectingSubscriberThatReceivesAnOversizedFrameIsGivenUpUntilConnectedAgain() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let publisher = try ZMQSocket(context: context, type: .xpub)
        defer { publisher.close() }
        try publisher.setXPubVerbose(true)  // every (re)subscription is handed over
        try publisher.bind("tcp://127.0.0.1:*")
        let endpoint = try publisher.lastEndpoint
        let subscriber = try ZMQSocket(context: context, type: .sub)
        defer { subscriber.close() }
        try subscriber.setMaxMessageSize(1024)
        try subscriber.setReconnectInterval(20, max: 0)
        try subscriber.subscribe("")
        try subscriber.connect(endpoint)
        #expect(try subscription(at: publisher))

        _ = try publisher.send([Frame(repeating: 0xAB, count: 4096)])
        // Fifty reconnect intervals: a reconnecting socket would have subscribed again long before.
        #expect(try !subscription(at: publisher, withinMilliseconds: 1000))
        _ = try publisher.send([.text("lost")])
        #expect(try receive(subscriber, withinMilliseconds: 200) == nil)

        try? subscriber.disconnect(endpoint)
        try subscriber.connect(endpoint)
        #expect(try subscription(at: publisher))
        _ = try publisher.send([.text("after")])
        #expect(try receive(subscriber)?.frames == [.text("after")])
    }

    /// Whether a subscription (`0x01` + prefix) reaches `publisher` in time; unsubscriptions
    /// (`0x00`, sent when a connection ends) are skipped.
    func subscription(at publisher: ZMQSocket, withinMilliseconds timeout: Int = Limits.waitMilliseconds) throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(timeout))
        while ContinuousClock.now < deadline {
            guard let message = try receive(publisher, withinMilliseconds: 50) else { continue }
            if message.frames.first?.first == 0x01 { return true }
        }
        return false
    }
}

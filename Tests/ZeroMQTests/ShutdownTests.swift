import Testing
import ZeroMQ

struct ShutdownTests {
    @Test func contextTerminatesPromptlyWithUndeliveredMessagesAfterSocketsClose() throws {
        let context = try ZMQContext()
        let pub = try ZMQSocket(context: context, type: .pub)
        let sub = try ZMQSocket(context: context, type: .sub)
        try pub.setSendHighWaterMark(0)
        try pub.bind("tcp://127.0.0.1:*")
        try sub.subscribe("")
        try sub.connect(try pub.lastEndpoint)
        // Wait out the slow joiner so the flood below really is queued towards the subscriber.
        let deadline = ContinuousClock.now + Limits.wait
        var joined = false
        while !joined, ContinuousClock.now < deadline {
            try pub.send([.text("probe")])
            joined = try receive(sub, withinMilliseconds: 20) != nil
        }
        #expect(joined)
        for index in 0..<20_000 {
            try pub.send([.text("pending \(index)"), Frame(repeating: 1, count: 512)])
        }

        // A PUSH towards a peer that is gone keeps its messages queued: with a non-zero linger
        // these alone would block termination.
        let gone = try ZMQSocket(context: context, type: .pull)
        try gone.bind("tcp://127.0.0.1:*")
        let goneEndpoint = try gone.lastEndpoint
        gone.close()
        let push = try ZMQSocket(context: context, type: .push)
        try push.connect(goneEndpoint)
        for _ in 0..<100 {
            try push.send([.text("undeliverable")], dontWait: true)
        }

        pub.close()
        sub.close()
        push.close()
        push.close()  // idempotent
        #expect(push.isClosed)
        #expect(finishes { context.terminate() })
        #expect(context.isTerminated)
        context.terminate()  // idempotent
    }

    @Test func operationsOnClosedSocketThrowNotASocketInsteadOfCrashing() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, type: .dealer)
        socket.close()
        let error = try #require(throws: ZMQError.self) { try socket.send([.text("x")]) }
        #expect(error.description.contains("Socket operation on non-socket"))
        #expect(throws: ZMQError.self) { try socket.receive(dontWait: true) }
        #expect(throws: ZMQError.self) { try socket.lastEndpoint }
    }

    @Test func socketCannotBeCreatedInTerminatedContext() throws {
        let context = try ZMQContext()
        context.terminate()
        let error = try #require(throws: ZMQError.self) { try ZMQSocket(context: context, type: .pub) }
        #expect(error.isContextTerminated)
    }

    @Test func socketLoopStopRunsStopHandlersThatCloseSocketsAndJoins() async throws {
        let context = try ZMQContext()
        let loop = try SocketLoop(name: "stop-test")
        let events = Recorder<String>()
        try await loop.submit {
            let pull = try ZMQSocket(context: context, type: .pull)
            try pull.bind("inproc://stop-test")
            let push = try ZMQSocket(context: context, type: .push)
            try push.connect("inproc://stop-test")
            try push.send([.text("unread")])  // stays queued: nobody registered to read it
            loop.addStopHandler {
                events.append("stop handler, inLoop=\(loop.inLoop)")
                pull.close()
                push.close()
            }
        }
        loop.execute { events.append("queued before stop") }
        loop.stop()
        loop.stop()  // idempotent
        #expect(await stops(loop))
        #expect(loop.isStopped)
        #expect(events.all == ["queued before stop", "stop handler, inLoop=true"])
        loop.joinBlocking()  // returns at once after exit
        // Terminate returns only when every socket of the context is closed.
        #expect(finishes { context.terminate() })

        await #expect(throws: SocketLoopStoppedError.self) { try await loop.submit { 1 } }
    }

    @Test func joinBlockingReturnsWhenLoopIsStoppedFromItsOwnThread() throws {
        let loop = try SocketLoop(name: "join-test")
        loop.execute { loop.stop() }
        #expect(finishes { loop.joinBlocking() })
        #expect(loop.isStopped)
    }
}

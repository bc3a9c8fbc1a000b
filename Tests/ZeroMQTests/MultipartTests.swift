import Testing
import ZeroMQ

struct MultipartTests {
    @Test func pushPullDeliversMultipartFramesByteExactIncludingEmptyAndZeroBytes() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pull = try ZMQSocket(context: context, type: .pull)
        defer { pull.close() }
        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        try pull.bind("tcp://127.0.0.1:*")
        try push.connect(try pull.lastEndpoint)

        let frames: [Frame] = [.text("header"), [], [0, 0, 0], [0xFF, 0, 0x7F, 0, 0x80], [], .text("tail")]
        #expect(try push.send(frames))
        let message = try #require(try receive(pull))
        #expect(message.frames == frames)
        #expect(message.userID == nil)
        #expect(message.peerAddress == "127.0.0.1")
        #expect(try pull.receive(dontWait: true) == nil)
    }

    @Test func singleEmptyFrameMessageRoundTripsOverInproc() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pull = try ZMQSocket(context: context, type: .pull)
        defer { pull.close() }
        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        try pull.bind("inproc://empty-frame")
        try push.connect("inproc://empty-frame")

        try push.send([[]])
        let message = try #require(try receive(pull))
        #expect(message.frames == [[]])
        #expect(message.peerAddress == nil)
    }

    @Test func subscriberToTopicPrefixReceivesOnlyMatchingMessages() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pub = try ZMQSocket(context: context, type: .pub)
        defer { pub.close() }
        let sub = try ZMQSocket(context: context, type: .sub)
        defer { sub.close() }
        try pub.bind("tcp://127.0.0.1:*")
        try sub.subscribe("@a/")
        try sub.connect(try pub.lastEndpoint)

        // Slow joiner: the subscription reaches the publisher some time after connect, and PUB
        // drops until then, so publish probes until one arrives.
        let deadline = ContinuousClock.now + Limits.wait
        var probe: ReceivedMessage?
        while probe == nil, ContinuousClock.now < deadline {
            try pub.send([.text("@b/probe"), [0]])
            try pub.send([.text("@a/probe")])
            probe = try receive(sub, withinMilliseconds: 20)
        }
        #expect(probe?.frames == [.text("@a/probe")])

        try pub.send([.text("@b/secret"), [], [0, 1]])
        let payload: [Frame] = [.text("@a/data"), [], [0, 0, 0xFF, 0]]
        try pub.send(payload)
        var seen: [[Frame]] = []
        while let next = try receive(sub) {
            seen.append(next.frames)
            if next.frames == payload { break }
        }
        #expect(seen.last == payload)
        // Everything else that arrived was a leftover "@a/" probe, never a "@b/" message.
        #expect(seen.allSatisfy { $0.first?.starts(with: Frame.text("@a/")) == true })
    }

    @Test func unsubscribedPrefixStopsDelivery() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let pub = try ZMQSocket(context: context, type: .pub)
        defer { pub.close() }
        let sub = try ZMQSocket(context: context, type: .sub)
        defer { sub.close() }
        try pub.bind("inproc://unsubscribe")
        try sub.connect("inproc://unsubscribe")
        try sub.subscribe("x")
        try sub.subscribe("y")
        try sub.unsubscribe("x")

        // inproc subscriptions are applied in order before the marker can pass.
        var received: [Frame] = []
        let deadline = ContinuousClock.now + Limits.wait
        while !received.contains(.text("y-marker")), ContinuousClock.now < deadline {
            try pub.send([.text("x-dropped")])
            try pub.send([.text("y-marker")])
            while let message = try receive(sub, withinMilliseconds: 20) { received += message.frames }
        }
        #expect(received.contains(.text("y-marker")))
        #expect(!received.contains(.text("x-dropped")))
    }

    @Test func dontWaitSendReportsWouldBlockWithoutQueueingAnything() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let push = try ZMQSocket(context: context, type: .push)
        defer { push.close() }
        // With immediate, a PUSH without a completed connection has nowhere to queue.
        try push.setImmediate(true)
        try push.connect("tcp://127.0.0.1:1")
        #expect(try push.send([.text("a"), .text("b")], dontWait: true) == false)
        #expect(try push.isWritable == false)
    }
}

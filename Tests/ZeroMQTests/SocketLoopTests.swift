import Synchronization
import Testing
import ZeroMQ

struct SocketLoopTests {
    final class Counters: Sendable {
        let a = Atomic<Int>(0)
        let b = Atomic<Int>(0)
        let offLoop = Atomic<Int>(0)
    }

    @Test func submitRunsOnLoopThreadAndReturnsResult() async throws {
        let loop = try SocketLoop(name: "submit-test")
        #expect(!loop.inLoop)
        let (inLoop, value) = try await loop.submit { (loop.inLoop, 6 * 7) }
        #expect(inLoop)
        #expect(value == 42)
        loop.stop()
        #expect(await stops(loop))
    }

    @Test func submitRethrowsTheWorksError() async throws {
        let loop = try SocketLoop(name: "submit-throws")
        await #expect(throws: ZMQError.self) {
            try await loop.submit { throw ZMQError(errno: 22, operation: "test") }
        }
        loop.stop()
        #expect(await stops(loop))
    }

    @Test func timersFireRepeatedlyUntilCancelled() async throws {
        let loop = try SocketLoop(name: "timer-test")
        let counters = Counters()
        let (done, finished) = AsyncStream.makeStream(of: Void.self)
        try await loop.submit {
            var selfCancelling: TimerID?
            selfCancelling = loop.schedule(every: .milliseconds(2)) {
                if counters.a.add(1, ordering: .relaxed).newValue == 3, let id = selfCancelling { loop.cancel(id) }
            }
            // Same period, runs longer: had the first timer not been cancelled it would keep counting.
            var reference: TimerID?
            reference = loop.schedule(every: .milliseconds(2)) {
                if !loop.inLoop { counters.offLoop.add(1, ordering: .relaxed) }
                if counters.b.add(1, ordering: .relaxed).newValue == 10, let id = reference {
                    loop.cancel(id)
                    finished.yield()
                }
            }
        }
        #expect(await first(done) != nil)
        // Read on the loop thread: any tick still due would have run before this.
        let (a, b) = try await loop.submit { (counters.a.load(ordering: .relaxed), counters.b.load(ordering: .relaxed)) }
        #expect(a == 3)
        #expect(b == 10)
        #expect(counters.offLoop.load(ordering: .relaxed) == 0)
        loop.stop()
        #expect(await stops(loop))
    }

    @Test func executeFromManyConcurrentTasksRunsEveryItemOnTheLoop() async throws {
        let loop = try SocketLoop(name: "execute-test")
        let counters = Counters()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    for _ in 0..<20 {
                        loop.execute {
                            if !loop.inLoop { counters.offLoop.add(1, ordering: .relaxed) }
                            counters.a.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
        }
        // Work runs in submission order, so this runs after every execute above.
        let total = try await loop.submit { counters.a.load(ordering: .relaxed) }
        #expect(total == 1000)
        #expect(counters.offLoop.load(ordering: .relaxed) == 0)
        loop.stop()
        #expect(await stops(loop))
    }

    @Test func readableHandlerReceivesAndMayUnregisterAndCloseItsSocket() async throws {
        let context = try ZMQContext()
        let loop = try SocketLoop(name: "register-test")
        let (messages, sink) = AsyncStream.makeStream(of: [Frame].self)
        try await loop.submit {
            let pull = try ZMQSocket(context: context, type: .pull)
            try pull.bind("inproc://register-test")
            let other = try ZMQSocket(context: context, type: .pull)
            try other.bind("inproc://register-other")
            loop.register(other) { sink.yield([.text("nobody sends to other")]) }
            loop.register(pull) {
                while let message = try? pull.receive(dontWait: true) {
                    sink.yield(message.frames)
                    if message.frames == [.text("last")] {
                        // Changing the registrations from inside a handler is allowed.
                        loop.unregister(other)
                        other.close()
                        loop.unregister(pull)
                        pull.close()
                    }
                }
            }
        }
        let push = try ZMQSocket(context: context, type: .push)
        try push.connect("inproc://register-test")
        try push.send([.text("one")])
        try push.send([.text("last")])
        #expect(await first(messages) == [.text("one")])
        #expect(await first(messages) == [.text("last")])
        // The loop keeps serving work after its handlers reshaped the poll set.
        #expect(try await loop.submit { loop.inLoop })
        push.close()
        loop.stop()
        #expect(await stops(loop))
        sink.finish()
        var rest: [[Frame]] = []
        for await frames in messages { rest.append(frames) }
        #expect(rest.isEmpty)
        #expect(finishes { context.terminate() })
    }

    @Test func socketClosedWhileRegisteredIsDroppedFromThePollSet() async throws {
        let context = try ZMQContext()
        let loop = try SocketLoop(name: "closed-registered")
        try await loop.submit {
            let pull = try ZMQSocket(context: context, type: .pull)
            try pull.bind("inproc://closed-registered")
            loop.register(pull) {}
            pull.close()  // without unregister: zmq_poll must never see the freed handle
        }
        #expect(try await loop.submit { 1 } == 1)
        loop.stop()
        #expect(await stops(loop))
        #expect(finishes { context.terminate() })
    }
}

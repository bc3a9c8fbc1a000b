import Testing
import ZeroMQ

/// CURVE server + ZAP handler running on a SocketLoop, with clients on the test's thread.
struct CurveZAPTests {
    /// What the server side hands back to the test.
    struct Server {
        let endpoint: String
        let messages: AsyncStream<ReceivedMessage>
        let requests: Recorder<ZAPRequest>
    }

    /// Starts the ZAP handler (allow-listing `allowed` as `userID`) and a CURVE PULL server on `loop`.
    func startServer(on loop: SocketLoop, context: ZMQContext, keys: CurveKeyPair, allowed: CurveKey, userID: String) async throws -> Server {
        let (messages, sink) = AsyncStream.makeStream(of: ReceivedMessage.self)
        let requests = Recorder<ZAPRequest>()
        let endpoint = try await loop.submit {
            // The handler must be bound before the server accepts, or libzmq admits without asking.
            let zap = try ZAPHandler(context: context) { request in
                requests.append(request)
                return request.clientKey == allowed ? .allow(userID: userID) : .deny(reason: "key not allow-listed")
            }
            loop.register(zap.socket) { try? zap.handleOne() }
            let server = try ZMQSocket(context: context, type: .pull)
            try server.setCurveServer(secretKey: keys.secretKey)
            try server.setZAPDomain("phoihop-test")
            try server.bind("tcp://127.0.0.1:*")
            loop.register(server) {
                while let message = try? server.receive(dontWait: true) { sink.yield(message) }
            }
            loop.addStopHandler {
                server.close()
                zap.close()
                sink.finish()
            }
            return try server.lastEndpoint
        }
        return Server(endpoint: endpoint, messages: messages, requests: requests)
    }

    /// A CURVE PUSH client with a monitor for its handshake events.
    func makeClient(context: ZMQContext, serverKey: CurveKey, keys: CurveKeyPair, name: String) throws -> (ZMQSocket, SocketMonitor) {
        let client = try ZMQSocket(context: context, type: .push)
        try client.setCurveClient(serverKey: serverKey, keyPair: keys)
        try client.monitor(endpoint: "inproc://monitor-\(name)", events: [.handshakeSucceeded, .handshakeFailedAuth, .handshakeFailedProtocol, .handshakeFailedNoDetail])
        let monitor = try SocketMonitor(context: context, endpoint: "inproc://monitor-\(name)")
        return (client, monitor)
    }

    @Test func allowListedClientAuthenticatesAndMessagesCarryAssignedUserIDWhileUnlistedClientIsRefused() async throws {
        let context = try ZMQContext()
        let loop = try SocketLoop(name: "curve-zap")
        let serverKeys = try CurveKeyPair.generate()
        let goodKeys = try CurveKeyPair.generate()
        let badKeys = try CurveKeyPair.generate()
        let server = try await startServer(on: loop, context: context, keys: serverKeys, allowed: goodKeys.publicKey, userID: "agency-7")

        // The refused client first: its message must never reach the server.
        let (bad, badMonitor) = try makeClient(context: context, serverKey: serverKeys.publicKey, keys: badKeys, name: "bad")
        try bad.connect(server.endpoint)
        try bad.send([.text("intruder")], dontWait: true)
        let refusal = try badMonitor.wait(for: [.handshakeFailedAuth, .handshakeSucceeded], timeoutMilliseconds: Limits.waitMilliseconds)
        #expect(refusal?.event == .handshakeFailedAuth)
        #expect(refusal?.value == 400)
        bad.close()
        badMonitor.close()

        let (good, goodMonitor) = try makeClient(context: context, serverKey: serverKeys.publicKey, keys: goodKeys, name: "good")
        try good.connect(server.endpoint)
        let handshake = try goodMonitor.wait(for: [.handshakeFailedAuth, .handshakeSucceeded], timeoutMilliseconds: Limits.waitMilliseconds)
        #expect(handshake?.event == .handshakeSucceeded)
        try good.send([.text("hello"), [0, 1, 2]])

        // Messages arrive in order per connection and the intruder's never: the first one is ours.
        let message = await first(server.messages)
        #expect(message?.frames == [.text("hello"), [0, 1, 2]])
        #expect(message?.userID == "agency-7")
        #expect(message?.peerAddress == "127.0.0.1")
        good.close()
        goodMonitor.close()

        let requests = server.requests.all
        #expect(requests.contains { $0.clientKey == badKeys.publicKey })
        #expect(requests.contains { $0.clientKey == goodKeys.publicKey })
        #expect(requests.allSatisfy { $0.mechanism == "CURVE" && $0.domain == "phoihop-test" && $0.address == "127.0.0.1" })

        loop.stop()
        #expect(await stops(loop))
        #expect(finishes { context.terminate() })
    }

    @Test func clientWithWrongServerKeyNeverCompletesHandshake() async throws {
        let context = try ZMQContext()
        let loop = try SocketLoop(name: "curve-wrong-server-key")
        let serverKeys = try CurveKeyPair.generate()
        let clientKeys = try CurveKeyPair.generate()
        let server = try await startServer(on: loop, context: context, keys: serverKeys, allowed: clientKeys.publicKey, userID: "x")

        let impostorServerKey = try CurveKeyPair.generate().publicKey
        let (client, monitor) = try makeClient(context: context, serverKey: impostorServerKey, keys: clientKeys, name: "wrong-key")
        try client.connect(server.endpoint)
        let event = try monitor.wait(for: [.handshakeSucceeded, .handshakeFailedProtocol, .handshakeFailedNoDetail, .handshakeFailedAuth], timeoutMilliseconds: Limits.waitMilliseconds)
        #expect(event != nil)
        #expect(event?.event != .handshakeSucceeded)
        client.close()
        monitor.close()
        // The server cannot decrypt the client's HELLO, so ZAP is never even asked.
        #expect(server.requests.all.isEmpty)

        loop.stop()
        #expect(await stops(loop))
        #expect(finishes { context.terminate() })
    }
}

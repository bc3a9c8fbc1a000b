import Foundation
import Testing
import ZeroMQ

/// What the hub's subscription gate relies on: an XPUB in manual mode hands over each
/// subscription with the subscriber's ZAP User-Id, and publishes to a subscriber only the topics
/// the server applied for it — so an authenticated subscriber cannot read another's topic.
struct XPubGateTests {
    @Test func aManualXPubSendsASubscriberOnlyTheTopicsAppliedForItsAuthenticatedUser() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let serverKeys = try CurveKeyPair.generate(), clientKeys = try CurveKeyPair.generate()
        let zap = try ZAPHandler(context: context) { request in
            request.clientKey == clientKeys.publicKey ? .allow(userID: "district-a") : .deny(reason: "unknown")
        }
        defer { zap.close() }
        let xpub = try ZMQSocket(context: context, type: .xpub)
        defer { xpub.close() }
        try xpub.setLinger(milliseconds: 0)
        try xpub.setXPubManual(true)
        try xpub.setZAPDomain("test")
        try xpub.setCurveServer(secretKey: serverKeys.secretKey)
        try xpub.bind("tcp://127.0.0.1:*")
        let sub = try ZMQSocket(context: context, type: .sub)
        defer { sub.close() }
        try sub.setLinger(milliseconds: 0)
        try sub.setCurveClient(serverKey: serverKeys.publicKey, keyPair: clientKeys)
        // Its own topic, another agency's, and everything.
        for topic in ["@district-a/", "@district-b/", ""] { try sub.subscribe(topic) }
        try sub.connect(xpub.lastEndpoint)

        var seen: [(user: String?, topic: String)] = []
        let deadline = Date().addingTimeInterval(10)
        while seen.count < 3, Date() < deadline {
            if try zap.socket.waitUntilReadable(timeoutMilliseconds: 1) { try zap.handleOne() }
            guard try xpub.waitUntilReadable(timeoutMilliseconds: 1), let message = try xpub.receive(dontWait: true),
                  let frame = message.frames.first, frame.first == 1 else { continue }
            let topic = String(decoding: frame.dropFirst(), as: UTF8.self)
            seen.append((message.userID, topic))
            if topic == "@\(message.userID ?? "")/" { try xpub.subscribe(topic) }
        }
        #expect(seen.map(\.topic).sorted() == ["", "@district-a/", "@district-b/"])
        #expect(seen.allSatisfy { $0.user == "district-a" })

        try xpub.send([Array("@district-b/".utf8), Array("not for a".utf8)])
        try xpub.send([Array("@district-a/".utf8), Array("for a".utf8)])
        let received = try #require(try receive(sub))
        #expect(received.frames == [Array("@district-a/".utf8), Array("for a".utf8)])
        #expect(try sub.receive(dontWait: true) == nil, "nothing else was delivered")
    }
}

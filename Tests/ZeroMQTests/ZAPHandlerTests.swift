import Testing
import ZeroMQ

/// Drives a ZAPHandler with hand-written requests over the real ZAP endpoint.
struct ZAPHandlerTests {
    /// Sends `request` from a REQ socket and returns the handler's reply frames.
    func exchange(_ request: [Frame], decide: @escaping (ZAPRequest) -> ZAPDecision = { _ in .allow(userID: "u") }) throws -> [Frame]? {
        let context = try ZMQContext()
        defer { context.terminate() }
        let handler = try ZAPHandler(context: context, decide: decide)
        defer { handler.close() }
        let client = try ZMQSocket(context: context, type: .req)
        defer { client.close() }
        try client.connect(ZAPHandler.endpoint)
        try client.send(request)
        guard try handler.socket.waitUntilReadable(timeoutMilliseconds: Limits.waitMilliseconds) else { return nil }
        try handler.handleOne()
        try handler.handleOne()  // nothing pending: returns without blocking
        return try receive(client)?.frames
    }

    func curveRequest(key: Frame) -> [Frame] {
        [.text("1.0"), .text("req-1"), .text("dom"), .text("10.0.0.9"), [], .text("CURVE"), key]
    }

    @Test func wellFormedCurveRequestGets200WithUserIDFromDecision() throws {
        let key = try CurveKeyPair.generate().publicKey
        let seen = Recorder<ZAPRequest>()
        let reply = try exchange(curveRequest(key: key.bytes)) { request in
            seen.append(request)
            return .allow(userID: "officer-1")
        }
        #expect(reply == [.text("1.0"), .text("req-1"), .text("200"), .text("OK"), .text("officer-1"), []])
        #expect(seen.all == [ZAPRequest(domain: "dom", address: "10.0.0.9", routingID: [], mechanism: "CURVE", clientKey: key)])
    }

    @Test func deniedRequestGets400WithReason() throws {
        let key = try CurveKeyPair.generate().publicKey
        let reply = try exchange(curveRequest(key: key.bytes)) { _ in .deny(reason: "not on list") }
        #expect(reply == [.text("1.0"), .text("req-1"), .text("400"), .text("not on list"), [], []])
    }

    @Test(arguments: [
        [Frame.text("garbage")],
        [.text("2.0"), .text("r"), .text("d"), .text("a"), [], .text("NULL")],
        [.text("1.0"), .text("r"), .text("d"), .text("a"), [], .text("CURVE"), [1, 2, 3]],
        [.text("1.0"), .text("r"), .text("d"), .text("a"), [], .text("CURVE")],
        [.text("1.0"), .text("r"), .text("d"), .text("a"), [], .text("NULL"), .text("extra")],
        [.text("1.0"), .text("r"), .text("d"), .text("a"), [], [0xFF, 0xFE, 0]],
    ])
    func malformedRequestGets500AndNeverReachesDecide(request: [Frame]) throws {
        let reply = try exchange(request) { _ in
            Issue.record("decide must not see a malformed request")
            return .allow(userID: "x")
        }
        let frames = try #require(reply)
        #expect(frames.count == 6)
        #expect(frames[0] == .text("1.0"))
        #expect(frames[2] == .text("500"))
        #expect(frames[1] == (request.count > 1 ? request[1] : []))
    }

    @Test func secondHandlerInSameContextFailsWithAddressInUse() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let first = try ZAPHandler(context: context) { _ in .deny(reason: "") }
        defer { first.close() }
        let error = try #require(throws: ZMQError.self) { try ZAPHandler(context: context) { _ in .deny(reason: "") } }
        #expect(error.description.contains("Address already in use"))
    }
}

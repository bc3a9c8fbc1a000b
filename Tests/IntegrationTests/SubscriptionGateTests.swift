import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import Testing
import ZeroMQ

/// An agency reads only its own topic on the hub's publisher (`BusNode+Subscriptions.swift`):
/// a client holding a district's real key that subscribes to Công an's topic, or to every
/// topic, is refused those subscriptions and receives none of Công an's stream.
@Suite(.serialized)
struct SubscriptionGateTests {
    static let tanAn = ProvinceTests.tanAn
    static let congAn = ProvinceTests.congAn

    @Test func aDistrictsKeyCannotReadAnotherAgencysTopicFromTheHub() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.congAn)

        let config = try DaemonConfig.load(file: province.configFile(Self.tanAn), environment: [:])
        let context = try ZMQContext()
        let eavesdropper = try ZMQSocket(context: context, type: .sub)
        defer { eavesdropper.close(); context.terminate() }
        try eavesdropper.setLinger(milliseconds: 0)
        try eavesdropper.setCurveClient(serverKey: config.hubPublicKey!, keyPair: config.keyPair)
        for topic in ["", "@cong-an/", "@district-tan-an/"] { try eavesdropper.subscribe(topic) }
        try eavesdropper.connect(config.endpoints.publish)
        try province.waitUntil("the hub refused the two foreign subscriptions", timeout: 30) {
            try province.status(.hub).counters.rejected["forbidden-subscription"] ?? 0 >= 2
        }

        // A directive to Công an crosses the hub's publisher while the eavesdropper listens.
        let request = try province.record(.hub, MessageBody(ReportRequested(
            requestID: "BC-CA-1", kind: .adHoc, subject: "Báo cáo đột xuất về an toàn thông tin",
            periodFrom: try CivilDate(parsing: "2026-11-01"), periodTo: try CivilDate(parsing: "2026-11-15"),
            requestedOn: try CivilDate(parsing: "2026-11-20"), dueOn: try CivilDate(parsing: "2026-11-30"), addressees: [Self.congAn])))
        #expect(request.recipients == [Self.congAn])
        try province.waitUntil("Công an applied the directive", timeout: 30) {
            try province.status(Self.congAn).peers.first { $0.id == .hub }?.applied ?? 0 >= 1
        }
        // What the eavesdropper got: the hub's heartbeats to Tân An (its own topic), nothing of Công an's.
        var topics: Set<String> = []
        try province.waitUntil("the eavesdropper received a heartbeat on its own topic", timeout: 30) {
            while let message = try eavesdropper.receive(dontWait: true) {
                topics.insert(String(decoding: message.frames.first ?? [], as: UTF8.self))
            }
            return topics.contains("@district-tan-an/")
        }
        while let message = try eavesdropper.receive(dontWait: true) { topics.insert(String(decoding: message.frames.first ?? [], as: UTF8.self)) }
        #expect(topics == ["@district-tan-an/"])
        #expect(province.log(.hub).contains("refused subscription"))
    }
}

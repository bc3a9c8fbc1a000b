import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore
import Testing
import ZeroMQ

/// What the hub does with connections and frames that do not belong — on real processes.
@Suite(.serialized)
struct HostileInputTests {
    static let tanAn = ProvinceTests.tanAn

    @Test func aDaemonWhoseKeyIsNotOnTheAllowListIsRefusedAtTheHandshake() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        // The district's key is replaced after provisioning: the hub's allow-list still has the old one.
        let impostor = try CurveKeyPair.generate()
        let keyFile = "\(province.directory)/keys/\(Self.tanAn).curve.secret"
        try FileManager.default.removeItem(atPath: keyFile)
        _ = FileManager.default.createFile(atPath: keyFile, contents: Data(impostor.secretKey.z85.utf8), attributes: [.posixPermissions: 0o600])
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))

        try province.waitUntil("the hub logs the refused handshake with the key's fingerprint", timeout: 30) {
            province.log(.hub).contains("refused handshake") && province.log(.hub).contains(impostor.publicKey.fingerprint)
        }
        let hub = try province.status(.hub)
        #expect(hub.peers.first { $0.id == Self.tanAn }?.online == false)
        #expect(hub.totals.messages == 0)
    }

    @Test func hostileFramesFromAnAuthenticatedClientAreRejectedAndTheHubKeepsServing() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.start(.hub)
        let config = try DaemonConfig.load(file: province.configFile(Self.tanAn), environment: [:])

        // A raw client with the district's real key: authenticated, but sending what it likes.
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .pub)
        defer { socket.close(); context.terminate() }
        try socket.setCurveClient(serverKey: config.hubPublicKey!, keyPair: config.keyPair)
        try socket.connect(config.endpoints.ingest)
        let topic = WireMessage.topic(for: .hub)
        let impersonation = WireMessage.heartbeat(Heartbeat(
            origin: ProvinceTests.congAn, to: .hub, role: .congAn, version: "x", ts: 0, lastSeq: 0, applied: 0, pending: 0, rejected: 0))
        try province.waitUntil("the hub has rejected malformed, oversized and impersonating frames", timeout: 30) {
            try socket.send([topic, Array("{\"kind\":".utf8), [0xFF]], dontWait: true)
            try socket.send([topic, Array(repeating: 0x7B, count: 5000)], dontWait: true)
            try socket.send(impersonation.frames(), dontWait: true)
            try socket.send([topic], dontWait: true)
            let rejected = try province.status(.hub).counters.rejected
            return rejected["malformed"] != nil && rejected["oversized"] != nil && rejected["impersonation"] != nil
                && rejected["frame-count"] != nil
        }
        // The real district still gets through.
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.waitUntil("the district's act is applied", timeout: 30) { try province.status(.hub).totals.messages == 1 }
        province.stopAll()
        let logged = try PhoiHopDatabase(path: province.databasePath(.hub)).read(AgencyDirectory.rejectionCounts)
        #expect((logged["impersonation"] ?? 0) >= 1)
    }

    @Test func aDirectiveToAnAgencyThatIsDownArrivesOnceItIsBack() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.startAll()
        // The plan's target must be a business the hub holds; registered before VH-TT-DL goes down.
        let registration = try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.waitUntil("the registration is relayed and acknowledged", timeout: 30) {
            try province.status(.hub).totals.businesses == 1 && province.status(.hub).peers.allSatisfy { $0.outboundPending == 0 }
        }
        province.kill9(ProvinceTests.vhttdl)
        try province.waitUntil("the hub logs VH-TT-DL offline", timeout: 30) {
            province.log(.hub).split(separator: "\n").contains { $0.contains("peer=vhttdl") && $0.contains("peer offline") }
        }
        let plan = try province.record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-9", kind: .periodic, title: "Kiểm tra định kỳ", lead: .hub, participants: [ProvinceTests.vhttdl, Self.tanAn],
            targets: ["TA-1"], startsOn: ProvinceTests.date("2026-12-01"), endsOn: ProvinceTests.date("2026-12-05"))))
        try province.waitUntil("the district acknowledged the plan", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.outboundPending == 0
        }
        #expect(try province.status(.hub).peers.first { $0.id == ProvinceTests.vhttdl }?.outboundPending == 1)
        try province.start(ProvinceTests.vhttdl)
        try province.waitUntil("VH-TT-DL acknowledged the plan after its restart", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == ProvinceTests.vhttdl }?.outboundPending == 0
        }
        province.stopAll()
        let ids = try PhoiHopDatabase(path: province.databasePath(ProvinceTests.vhttdl)).read { db in try MessageLog.ids(db, origin: .hub) }
        #expect(ids == [registration.id, plan.id])
    }
}

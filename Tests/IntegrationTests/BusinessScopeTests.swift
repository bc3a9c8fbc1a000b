import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing
import ZeroMQ

/// A district speaks only about its own businesses (`ActValidator.businessScope`): a client with
/// Tân An's real keys and signature that sends an act about a business the hub's registry places
/// in Kiến Tường is refused as `out-of-scope` and consumed; its next good act applies.
@Suite(.serialized)
struct BusinessScopeTests {
    static let tanAn = ProvinceTests.tanAn
    static let kienTuong = ProvinceTests.kienTuong

    @Test func aDistrictsSignedActAboutAnotherDistrictsBusinessIsRefusedAtTheHub() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.kienTuong)
        try province.record(Self.kienTuong, ProvinceTests.business("KT-1", in: Self.kienTuong))
        try province.waitUntil("the hub holds Kiến Tường's business", timeout: 30) { try province.status(.hub).totals.businesses == 1 }

        // Tân An's keys, its daemon not running: the client writes Tân An's stream itself.
        let config = try DaemonConfig.load(file: province.configFile(Self.tanAn), environment: [:])
        let context = try ZMQContext()
        let client = try ZMQSocket(context: context, type: .pub)
        defer { client.close(); context.terminate() }
        try client.setLinger(milliseconds: 0)
        try client.setCurveClient(serverKey: config.hubPublicKey!, keyPair: config.keyPair)
        try client.connect(config.endpoints.ingest)
        func signed(_ seq: UInt64, _ body: MessageBody) -> (id: String, frames: [[UInt8]]) {
            let bytes = body.encoded()
            var envelope = Envelope(type: body.type, id: UUID().uuidString.lowercased(), origin: Self.tanAn, to: .hub, seq: seq,
                                    ts: wallClockMilliseconds())
            envelope.sig = config.signingKey.sign(envelope.signingInput(body: bytes)).base64
            return (envelope.id, WireMessage.message(envelope, body: bytes).frames())
        }
        // Kiến Tường's business, claimed for Tân An; then a business of its own.
        let hijack = signed(1, ProvinceTests.business("KT-1", in: Self.tanAn))
        let good = signed(2, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.waitUntil("the hub consumed both acts of Tân An's stream", timeout: 30) {
            try client.send(hijack.frames, dontWait: true)
            try client.send(good.frames, dontWait: true)
            return try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 2
        }
        let hub = try province.status(.hub)
        #expect(hub.counters.rejected["out-of-scope"] == 1)
        #expect(hub.totals.businesses == 2)
        let kt1 = try province.query(.hub, "business.show", ["id": "KT-1"], as: BusinessDetail.self)
        #expect(kt1.business.district == Self.kienTuong.rawValue)
        #expect(province.log(.hub).contains("a district acts only about its own businesses"))
        province.stopAll()
        let logged = try PhoiHopDatabase(path: province.databasePath(.hub)).read { db in try MessageLog.ids(db, origin: Self.tanAn) }
        #expect(logged == [good.id])
    }
}

import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import Sodium
import Testing
import ZeroMQ

/// The hub's ZAP decision reads the allow-list a reload last set.
struct HandshakeGateTests {
    func entry(_ id: String, _ key: CurveKey) -> AllowedAgency {
        AllowedAgency(id: AgencyID(rawValue: id)!, role: .district, curvePublicKey: key, signingKeys: [SigningKeyPair.generate().publicKey])
    }

    func request(_ key: CurveKey?, mechanism: String = "CURVE") -> ZAPRequest {
        ZAPRequest(domain: BusSockets.zapDomain, address: "127.0.0.1", routingID: [], mechanism: mechanism, clientKey: key)
    }

    @Test func aKeyIsAdmittedOnlyWhileTheCurrentListHasIt() throws {
        let benLuc = try CurveKeyPair.generate().publicKey, tanAn = try CurveKeyPair.generate().publicKey
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let gate = HandshakeGate(allowList: [entry("district-ben-luc", benLuc)], logger: logger)
        #expect(gate.decide(request(benLuc)) == .allow(userID: "district-ben-luc"))
        #expect(gate.decide(request(tanAn)) == .deny(reason: "key not on the allow-list"))
        #expect(gate.decide(request(nil, mechanism: "NULL")) == .deny(reason: "CURVE required"))

        gate.update([entry("district-tan-an", tanAn)])
        #expect(gate.decide(request(tanAn)) == .allow(userID: "district-tan-an"))
        #expect(gate.decide(request(benLuc)) == .deny(reason: "key not on the allow-list"), "removed: refused at its next handshake")
        #expect(gate.refused == 3)
    }
}

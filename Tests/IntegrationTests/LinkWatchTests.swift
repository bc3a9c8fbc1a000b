import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing

/// An agency connects again when its link to the hub carries nothing (`DaemonCore+Redial.swift`):
/// libzmq may stop reconnecting a CURVE client after a failed handshake.
@Suite(.serialized)
struct LinkWatchTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// The endpoints a configuration file names.
    static func endpoints(_ file: String) throws -> [String] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("ingest: ") || $0.contains("publish: ") }.map(String.init)
    }

    /// Another province's hub answered on our hub's port while our hub was down: the district's
    /// handshakes failed against it, and it still reaches our hub once our hub is back.
    @Test func anAgencyThatMetTheWrongServerOnItsHubsPortReachesItsHubOnceItIsBack() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        let stranger = try Province(districts: 1)
        defer { stranger.stopAll() }
        // The stranger's hub listens on our hub's endpoints, with its own keys.
        let ours = try Self.endpoints(province.configFile(.hub))
        var text = try String(contentsOfFile: stranger.configFile(.hub), encoding: .utf8)
        for (theirs, mine) in zip(try Self.endpoints(stranger.configFile(.hub)), ours) {
            text = text.replacingOccurrences(of: theirs, with: mine)
        }
        try text.write(toFile: stranger.configFile(.hub), atomically: true, encoding: .utf8)

        try stranger.start(.hub)
        try province.start(Self.tanAn)
        let ids = try (1...3).map { try province.record(Self.tanAn, ProvinceTests.business("TA-\($0)", in: Self.tanAn)).id }
        // The district has been failing its handshakes with the stranger and connecting again.
        try province.waitUntil("the district connects again while no hub answers it", timeout: 30) {
            province.log(Self.tanAn).contains("no heartbeat from the hub: connecting again")
        }
        #expect(try province.status(Self.tanAn).peers.first?.online == false)
        #expect(stranger.stop(.hub) == 0)

        try province.start(.hub)
        try province.waitUntil("our hub applied the district's acts", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 3
        }
        #expect(try province.status(.hub).totals.messages == ids.count)
    }

    /// Acts wait and the hub acknowledges none while its heartbeats arrive (here: the hub holds
    /// them, signed with a key it does not list yet): the district connects its publishing link
    /// again every `relinkSeconds`, counted, and loses nothing; once the hub lists the key, they flow.
    @Test func actsWaitingUnacknowledgedWhileTheHubAnswersMakeTheAgencyConnectItsPublishingLinkAgain() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        let rotated = SigningKeyPair.generate()
        let keyFile = "\(province.directory)/keys/\(Self.tanAn).sign.secret"
        try FileManager.default.removeItem(atPath: keyFile)
        _ = FileManager.default.createFile(atPath: keyFile, contents: Data(rotated.seedBase64.utf8), attributes: [.posixPermissions: 0o600])
        try province.tuneBus(Self.tanAn, ["relinkSeconds: 1"])
        try province.start(.hub)
        try province.start(Self.tanAn)
        let ids = try (1...2).map { try province.record(Self.tanAn, ProvinceTests.business("TA-\($0)", in: Self.tanAn)).id }
        try province.waitUntil("the district connected its publishing link again, twice", timeout: 30) {
            try province.status(Self.tanAn).counters.relinks >= 2
        }
        #expect(try province.status(.hub).counters.rejected["bad-signature"] ?? 0 > 0)

        // The hub lists the district's new signing key and reloads: the held acts flow.
        let hubConfig = province.configFile(.hub)
        let lines = try String(contentsOfFile: hubConfig, encoding: .utf8).components(separatedBy: "\n")
        guard let entry = lines.firstIndex(of: "  - id: \(Self.tanAn)"),
              let keys = lines[entry...].firstIndex(where: { $0.hasPrefix("    signingKeys: [") }) else {
            throw ProvinceError("no signingKeys for \(Self.tanAn) in \(hubConfig)")
        }
        var updated = lines
        updated[keys] = "    signingKeys: [\"\(rotated.publicKey.base64)\"]"
        try updated.joined(separator: "\n").write(toFile: hubConfig, atomically: true, encoding: .utf8)
        province.signal(.hub, SIGHUP)
        try province.waitUntil("the hub applied the district's acts", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 2
        }
        #expect(try province.status(.hub).totals.messages == ids.count)
    }
}

import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// An agency whose connection attempts met the wrong server — another province's hub answered on
/// its hub's port while its hub was down — still reaches its hub once the hub is back
/// (`BusNode+LinkWatch.swift`: libzmq may stop reconnecting a CURVE client after a failed
/// handshake; the agency reopens a link that carried nothing for `relinkSeconds`).
@Suite(.serialized)
struct LinkWatchTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// The endpoints a configuration file names.
    static func endpoints(_ file: String) throws -> [String] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("ingest: ") || $0.contains("publish: ") }.map(String.init)
    }

    @Test(arguments: [2])
    func anAgencyThatMetTheWrongServerOnItsHubsPortReachesItsHubOnceItIsBack(relinkSeconds: Int) throws {
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
        try province.tuneBus(Self.tanAn, ["relinkSeconds: \(relinkSeconds)"])

        try stranger.start(.hub)
        try province.start(Self.tanAn)
        let ids = try (1...3).map { try province.record(Self.tanAn, ProvinceTests.business("TA-\($0)", in: Self.tanAn)).id }
        // The district has been failing its handshakes with the stranger for a whole relink period.
        try province.waitUntil("the district reopened its silent hub link once", timeout: 30) {
            try province.status(Self.tanAn).counters.relinks >= 1
        }
        #expect(try province.status(Self.tanAn).peers.first?.online == false)
        #expect(stranger.stop(.hub) == 0)

        try province.start(.hub)
        try province.waitUntil("our hub applied the district's acts", timeout: 30) {
            try province.status(.hub).peers.first { $0.id == Self.tanAn }?.applied == 3
        }
        #expect(try province.status(.hub).totals.messages == ids.count)
    }
}

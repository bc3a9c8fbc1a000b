import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The hub passes acts on to the agencies they concern with the same guarantee as the acts
/// themselves: durable in the hub's outbox in the transaction that applied them.
@Suite(.serialized)
struct RelayTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    @Test func actsRelayedToAnAgencyThatIsDownReachItWhenItComesBackEvenAcrossAHubCrash() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        // Công an is down while the district registers businesses; the hub relays the registry to it.
        for i in 1...5 { try province.record(Self.tanAn, ProvinceTests.business("TA-\(i)", in: Self.tanAn)) }
        try province.waitUntil("the hub holds the five registrations", timeout: 20) {
            try province.status(.hub).totals.businesses == 5
        }
        province.kill9(.hub)
        try province.start(.hub)
        try province.start(Self.congAn)
        try province.waitUntil("Công an holds the relayed registry", timeout: 30) {
            try province.status(Self.congAn).totals.businesses == 5
        }
        let relayed = try province.query(Self.congAn, "acts.recent", ["author": Self.tanAn.rawValue], as: [ActEntry].self)
        #expect(relayed.count == 5, "each act is applied once, under its author")
        #expect(Set(relayed.compactMap(\.business)) == Set((1...5).map { "TA-\($0)" }))
        try province.waitUntil("the hub's relays are acknowledged", timeout: 20) {
            try province.status(.hub).peers.first { $0.id == Self.congAn }?.outboundPending == 0
        }
    }
}

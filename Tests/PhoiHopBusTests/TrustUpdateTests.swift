import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing

/// A reload's effect on a live node (``BusNode/updateTrust(peers:signers:)``): revocation and
/// re-admission, and new signing keys, without reopening the node.
@Suite(.serialized)
struct TrustUpdateTests {
    func plan(_ pair: BusPair, _ id: String) -> MessageBody {
        MessageBody(InspectionPlanned(
            planID: id, kind: .periodic, title: "Kiểm tra định kỳ", lead: .hub, participants: [pair.district],
            targets: ["BL-1"], startsOn: try! CivilDate(parsing: "2026-11-14"), endsOn: try! CivilDate(parsing: "2026-11-18")))
    }

    func agencyHolds(_ pair: BusPair) throws -> [String] {
        try pair.agencyDB.read { db in try MessageLog.ids(db, origin: .hub) }
    }

    /// Revoked: the district's messages on its still-open connection are refused as `revoked` and
    /// counted, and nothing more goes to it, though its stream stays; listed again, what it had
    /// not acknowledged flows both ways and nothing is lost.
    @Test func aRevokedAgencyIsRefusedAndSentNothingUntilItIsListedAgain() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let before = try pair.agency.record(pair.business(1))
        try pair.pump { try pair.hubApplied() == 1 }

        let update = try pair.hub.updateTrust(peers: PeerDirectory(roles: [:]), signers: [:])
        #expect(update.revoked == [pair.district] && update.admitted.isEmpty)
        let refused = [try pair.agency.record(pair.business(2)).id, try pair.agency.record(pair.business(3)).id]
        let plan = try pair.hub.record(plan(pair, "KH-R"))
        #expect(plan.recipients == [pair.district], "queued on its stream, which stays")
        try pair.pump { (pair.hub.counters.rejected["revoked"] ?? 0) >= 2 }
        #expect(try pair.hubApplied() == 1, "nothing of the revoked district is applied")
        #expect(try agencyHolds(pair).isEmpty, "nothing is sent to it")
        #expect(pair.hub.pendingOutbound(to: pair.district) == 1)
        #expect(!pair.hub.peerStatuses().contains { $0.id == pair.district })

        let again = try pair.hub.updateTrust(peers: PeerDirectory(roles: [pair.district: .district]),
                                             signers: [pair.district: [pair.agencyKey.publicKey]])
        #expect(again.admitted == [pair.district] && again.revoked.isEmpty)
        try pair.pump { try pair.hubApplied() == 3 && agencyHolds(pair) == [plan.id] }
        let held = try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) }
        #expect(held == [before.id] + refused)
    }

    /// An act signed with a key the hub does not list is held; once a reload lists the key on the
    /// same running node, the sender's next resend applies it — nothing lost, nothing reopened.
    @Test func aHeldStreamFlowsOnceTheLiveNodeListsTheNewKey() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let rotated = SigningKeyPair.generate()
        try pair.hub.updateTrust(peers: PeerDirectory(roles: [pair.district: .district]), signers: [pair.district: [rotated.publicKey]])
        let acts = [try pair.agency.record(pair.business(1)).id, try pair.agency.record(pair.business(2)).id]
        try pair.pump { (pair.hub.counters.rejected["bad-signature"] ?? 0) >= 2 }
        #expect(try pair.hubApplied() == 0)
        let update = try pair.hub.updateTrust(peers: PeerDirectory(roles: [pair.district: .district]),
                                              signers: [pair.district: [rotated.publicKey, pair.agencyKey.publicKey]])
        #expect(update.signersChanged == [pair.district] && update.admitted.isEmpty && update.revoked.isEmpty)
        try pair.pump { try pair.hubApplied() == 2 }
        #expect(try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) } == acts)
    }
}

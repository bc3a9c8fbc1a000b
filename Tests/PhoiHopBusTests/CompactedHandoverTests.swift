import Foundation
import GRDB
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing
import ZeroMQ

/// A handover's outbox entries outlive their bytes: compacted after the retention period, they
/// are made again from the hub's log, and the `handover` mark (which the log does not record)
/// must come back with them.
@Suite(.serialized)
struct CompactedHandoverTests {
    /// A copy of the in-memory database `name`, as a backup taken now would hold it.
    func snapshot(of name: String) throws -> (copy: PhoiHopDatabase, keepAlive: DatabaseQueue) {
        let copyName = "snapshot-\(UUID().uuidString)"
        let copy = try DatabaseQueue(named: copyName)
        try DatabaseQueue(named: name).backup(to: copy)
        return (try PhoiHopDatabase(inMemory: copyName), copy)
    }

    /// The district lost its database, got its own acts back in a handover, and months later —
    /// the handover's entries compacted at the hub — is restored from a backup older than the
    /// handover. The hub resends the compacted entries made from its log, still marked: the
    /// district skips its own acts as held (without the mark they were an act relayed back to its
    /// author, refused as `invalid-field`), and a directive that was never a handover comes
    /// unmarked and is applied.
    @Test func aCompactedHandoverIsResentStillMarkedToAnAgencyRestoredFromAnOlderBackup() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let own = try (1...3).map { try pair.agency.record(pair.business($0)).id }
        try pair.pump { try pair.hubApplied() == 3 && pair.agency.pendingOutbound(to: .hub) == 0 }
        let backup = try snapshot(of: "agency-\(pair.name)")

        try pair.restartAgencyWithEmptyDatabase()
        try pair.pump { try pair.agencyDB.read(ProvinceQueries.totals).businesses == 3 && pair.hub.pendingOutbound(to: pair.district) == 0 }
        #expect(pair.hub.counters.handedOver == 3)
        let plan = try pair.hub.record(MessageBody(InspectionPlanned(
            planID: "KH-1", kind: .periodic, title: "Kiểm tra định kỳ", lead: .hub, participants: [pair.district],
            targets: ["BL-1"], startsOn: try CivilDate(parsing: "2026-11-14"), endsOn: try CivilDate(parsing: "2026-11-18")))).id
        try pair.pump { try pair.agencyDB.read(ProvinceQueries.totals).inspectionPlans == 1 && pair.hub.pendingOutbound(to: pair.district) == 0 }

        // Past the retention period: the handover's whole entries are compacted; the plan's was a reference already.
        #expect(try pair.hubDB.write { db in try Outbox.prune(db, acknowledgedBefore: .max) } == 3)
        let entries = try pair.hubDB.read { db in try Outbox.entries(db, stream: pair.district, from: 1, limit: 10) }
        #expect(entries.map(\.id) == own + [plan])
        #expect(entries.map(\.isCompacted) == [true, true, true, true])
        #expect(entries.map(\.handover) == [true, true, true, false])

        // What the hub puts on the wire to the district, read as the district reads it.
        let wire = try pair.socket(.sub)
        try wire.subscribe(WireMessage.topic(for: pair.district))
        try wire.connect("inproc://hub-pub-\(pair.name)")
        var marks: [UInt64: Bool] = [:]
        var undecodable: [String] = []
        func read() throws {
            while let frames = try wire.receive(dontWait: true)?.frames {
                do {
                    if case let .message(envelope, _) = try WireMessage.decode(frames: frames) { marks[envelope.seq] = envelope.isHandover }
                } catch {
                    undecodable.append("\(error)")
                }
            }
        }

        try pair.restartAgency(on: backup.copy)
        try pair.pump {
            try read()
            return try pair.agencyDB.read { db in try InboundStreams.applied(db, peer: .hub) } == 4
                && pair.hub.pendingOutbound(to: pair.district) == 0
        }
        try read()
        #expect(undecodable.isEmpty, "every resent message is valid as sent")
        #expect(marks == [1: true, 2: true, 3: true, 4: false], "the handover's seqs marked, the plan not")
        #expect(pair.agency.counters.handoverAlreadyHeld == 3, "its own acts, which the backup holds, are skipped")
        #expect(pair.agency.counters.rejectedTotal == 0)
        #expect(try pair.agencyDB.read { db in try MessageLog.ids(db, origin: .hub) } == [plan])
        withExtendedLifetime(backup.keepAlive) {}
    }
}

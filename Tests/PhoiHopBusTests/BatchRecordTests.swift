import Foundation
import GRDB
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// ``BusNode/record(batch:check:)``: several acts in one commit, each checked after the acts
/// before it and rolled back alone when refused.
@Suite(.serialized)
struct BatchRecordTests {
    struct Refused: Error {}

    @Test func aRefusedActRollsBackAloneAndTheOthersAreRecordedInOrder() throws {
        let pair = try BusPair()
        defer { pair.close() }
        var seen: [String] = []
        let outcomes = pair.agency.record(batch: (1...5).map(pair.business)) { db, body in
            guard let business = body.value.concernedBusiness else { return }
            // The check sees the acts recorded before it in the same batch.
            #expect(try MessageLog.count(db) == seen.count)
            if business == "BL-3" { throw Refused() }
            seen.append(business)
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, true, false, true, true])
        #expect({ if case let .failure(error) = outcomes[2] { error is Refused } else { false } }(), "the check's own refusal")
        let receipts = outcomes.compactMap { try? $0.get() }
        // The refused act consumed nothing: its seq went to the next act, and nothing of it is stored.
        #expect(receipts.map(\.seq) == [1, 2, 3, 4])
        #expect(receipts.allSatisfy { $0.recipients == [.hub] })
        let logged = try pair.agencyDB.read { db in try MessageLog.ids(db, origin: pair.district) }
        #expect(logged == receipts.map(\.id))
        #expect(pair.agency.pendingOutbound(to: .hub) == 4)

        // They reach the hub in order, signed, exactly as if recorded one by one.
        try pair.pump { try pair.hubApplied() == 4 && pair.agency.pendingOutbound(to: .hub) == 0 }
        #expect(try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) } == logged)
        #expect(pair.hub.counters.rejected.isEmpty)
    }

    @Test func anEmptyBatchRecordsNothing() throws {
        let pair = try BusPair()
        defer { pair.close() }
        #expect(pair.agency.record(batch: []) { _, _ in }.isEmpty)
        #expect(try pair.agencyDB.read(MessageLog.count) == 0)
        #expect(pair.agency.pendingOutbound(to: .hub) == 0)
    }

    /// A disk failure part-way (here the second act's write reports a full disk) fails every act
    /// of the batch, the ones before it too: the whole transaction is rolled back, so no receipt
    /// may say otherwise.
    @Test func aFullDiskPartWayFailsEveryActOfTheBatch() throws {
        let pair = try BusPair()
        defer { pair.close() }
        var checked = 0
        let outcomes = pair.agency.record(batch: (1...3).map(pair.business)) { _, _ in
            checked += 1
            if checked == 2 { throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full") }
        }
        #expect(checked == 2)
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { outcome in
            if case let .failure(error) = outcome { PhoiHopDatabase.writeFailure(error) == .diskFull } else { false }
        })
        #expect(try pair.agencyDB.read(MessageLog.count) == 0)
        #expect(pair.agency.pendingOutbound(to: .hub) == 0)
        #expect(pair.agency.storeWriteFailure?.kind == .diskFull)
        // The next batch records again, from seq 1.
        let next = pair.agency.record(batch: [pair.business(9)]) { _, _ in }
        #expect((try next[0].get()).seq == 1)
        #expect(pair.agency.storeWriteFailure == nil)
    }
}

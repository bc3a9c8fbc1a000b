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

    /// The acts of a batch carry one signature, each with its own proof (ActSigning), and reach
    /// the hub verified, their signatures logged there byte for byte as at the agency.
    @Test func aBatchIsSignedOnceAndEachActIsVerifiedAtTheHubByItsOwnProof() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let outcomes = pair.agency.record(batch: (1...6).map(pair.business)) { _, body in
            if body.value.concernedBusiness == "BL-4" { throw Refused() }
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, true, true, false, true, true])
        func signatures(_ db: PhoiHopDatabase) throws -> [Data] {
            try db.read { db in try Data.fetchAll(db, sql: "SELECT signature FROM message_log WHERE origin = ? ORDER BY position", arguments: [pair.district.rawValue]) }
        }
        let recorded = try signatures(pair.agencyDB)
        // Six acts signed (the refused one too: a tree of 4 + 2 leaves), so the proofs of the
        // first four are three hashes long and of the last two, two.
        #expect(recorded.map { ($0.count - 64 - 8) / 32 } == [3, 3, 3, 2, 2])
        #expect(Set(recorded.map { $0.prefix(64) }).count == 1, "one signature for the batch")
        try pair.pump { try pair.hubApplied() == 5 && pair.agency.pendingOutbound(to: .hub) == 0 }
        #expect(pair.hub.counters.rejected.isEmpty)
        #expect(try signatures(pair.hubDB) == recorded)
        // A lone act is signed alone, as before batches were signed.
        _ = try pair.agency.record(pair.business(7))
        #expect(try signatures(pair.agencyDB).last?.count == 64)
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

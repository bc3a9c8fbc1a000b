import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopTestSupport
import Testing

struct StoreTests {
    let benLuc = AgencyID(rawValue: "district-ben-luc")!

    func temporaryPath() -> String {
        let dir = Scratch.directory("store")
        return dir.appendingPathComponent("test.sqlite").path
    }

    func registered(_ id: String) throws -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: benLuc, address: "1 Đường số 3",
            owner: "Nguyễn Văn An", machines: 12, registeredOn: try CivilDate(parsing: "2026-11-01")))
    }

    func append(_ db: Database, seq: UInt64, _ body: MessageBody, id: String = UUID().uuidString.lowercased()) throws {
        let position = try MessageLog.append(
            db, id: id, origin: benLuc, seq: seq, type: body.type, schema: 1, district: benLuc, sentAt: 1, acceptedAt: 2,
            body: body.encoded())
        try Projection.apply(db, position: position, author: benLuc, body: body)
    }

    /// A store upgraded to handovers marks every agency it already knew as served through the
    /// log's end, so an upgrade does not hand the province's history over to every agency again.
    @Test func upgradingToHandoversMarksTheAgenciesAlreadyServed() throws {
        let path = temporaryPath()
        try PhoiHopDatabase(path: path).write { db in
            try append(db, seq: 1, try registered("BL-1"))
            try append(db, seq: 2, try registered("BL-2"))
            _ = try Outbox.reserveSeq(db, stream: benLuc)
            try InboundStreams.setApplied(db, peer: AgencyID(rawValue: "cong-an")!, seq: 4)
            // As the store was before the handovers migration.
            try db.execute(sql: "DROP TABLE handovers; DROP TABLE handover_requests; DELETE FROM grdb_migrations WHERE identifier = 'v4-handovers'")
        }
        let upgraded = try PhoiHopDatabase(path: path)
        let rows = try upgraded.read { db in try Handovers.all(db) }
        #expect(rows.map(\.peer) == ["cong-an", "district-ben-luc"])
        let through = try upgraded.read { db in try Int64.fetchAll(db, sql: "SELECT through_position FROM handovers") }
        #expect(through == [2, 2])
        let unserved = try upgraded.read { db in
            try Handovers.unserved(db, among: [benLuc, AgencyID(rawValue: "district-tan-an")!])
        }
        #expect(unserved == [AgencyID(rawValue: "district-tan-an")!])
    }

    /// A flood of bad input must not grow the store without bound: old rejections, and all but
    /// the newest, are forgotten.
    @Test func rejectionsArePrunedByAgeAndByCount() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            for at in 1...6 {
                try AgencyDirectory.recordRejection(db, at: Int64(at), peer: nil, origin: "district-ben-luc", reason: "malformed", detail: "#\(at)")
            }
            #expect(try AgencyDirectory.pruneRejections(db, before: 3, keep: 100) == 2)
            #expect(try AgencyDirectory.pruneRejections(db, before: 3, keep: 2) == 2)
            #expect(try String.fetchAll(db, sql: "SELECT detail FROM rejections ORDER BY id") == ["#5", "#6"])
        }
    }

    @Test func migrationsCreateTheSchemaInAFileWithWAL() throws {
        let path = temporaryPath()
        let database = try PhoiHopDatabase(path: path)
        let mode = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for table in ["message_log", "outbox", "outbound_streams", "inbound_streams", "businesses", "certificates", "violations"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        // Reopening runs no migration twice.
        _ = try PhoiHopDatabase(path: path)
    }

    /// What every connection runs with (docs/RELIABILITY.md, docs/PERFORMANCE.md): FULL syncs
    /// each commit's WAL (durable before acknowledged), NORMAL only for tests and benchmarks; the
    /// WAL copied into the file every 10 000 pages, not every 1 000; a 32 MiB page cache.
    @Test(arguments: [(Durability.full, 2), (Durability.normal, 1)])
    func everyConnectionRunsWithItsDurabilityAndTheCheckpointAndCacheSettings(durability: Durability, synchronous: Int) throws {
        let database = try PhoiHopDatabase(path: temporaryPath(), durability: durability)
        let settings = try database.read { db in
            try ["synchronous", "wal_autocheckpoint", "cache_size"].map { try Int.fetchOne(db, sql: "PRAGMA \($0)") }
        }
        #expect(settings == [synchronous, 10_000, -32_768])
    }

    @Test(arguments: [(Durability.full, 2), (.normal, 1)])
    func anUnsyncedWriteCommitsWithoutSyncingAndTheNextWriteSyncsAgain(durability: Durability, synchronous: Int) throws {
        let path = temporaryPath()
        let database = try PhoiHopDatabase(path: path, durability: durability)
        let inside = try database.writeUnsynced { db in
            _ = try Outbox.reserveSeq(db, stream: .hub)
            return try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        #expect(inside == 1, "the unsynced write's own commit does not wait for the disk")
        let after = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(after == synchronous, "every other write commits with the store's durability")
        #expect(try PhoiHopDatabase(path: path).read { db in try Outbox.streams(db).first?.lastSeq } == 1, "the unsynced commit is in the file")
    }

    @Test func anUnsyncedWriteThatFailsWritesNothingAndTheNextWriteSyncs() throws {
        let database = try PhoiHopDatabase(path: temporaryPath())
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try database.writeUnsynced { db in
                _ = try Outbox.reserveSeq(db, stream: .hub)
                throw Refused()
            }
        }
        let (streams, synchronous) = try database.write { db in (try Outbox.streams(db), try Int.fetchOne(db, sql: "PRAGMA synchronous")) }
        #expect(streams.isEmpty)
        #expect(synchronous == 2)
    }

    @Test func aDatabaseWithRowsInWithoutRowIDTablesReopens() throws {
        // SQLite 3.40's quick_check reports these rows' NOT NULL columns as NULL; the open check must not refuse them.
        let path = temporaryPath()
        try PhoiHopDatabase(path: path).write { db in
            try db.execute(sql: "INSERT INTO case_extensions (case_id, extended_on, days, ground, decision_ref) VALUES ('KN-1', '2026-11-20', 10, 'phức tạp', 'QD-1')")
        }
        let reopened = try PhoiHopDatabase(path: path)
        #expect(try reopened.read { db in try Int.fetchOne(db, sql: "SELECT days FROM case_extensions") } == 10)
    }

    @Test func damageDeepInTheFileIsRefusedAtOpenNotLater() throws {
        let path = temporaryPath()
        let database = try PhoiHopDatabase(path: path)
        try database.write { db in
            for seq in 1...200 { try append(db, seq: UInt64(seq), try registered("BL-\(seq)")) }
        }
        try database.checkpoint()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
        try handle.close()
        #expect { try PhoiHopDatabase(path: path) } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("restore the latest backup")
        }
    }

    @Test func theLogRefusesTheSameActTwice() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        let body = try registered("BL-1")
        try database.write { db in try append(db, seq: 1, body, id: "0f8fad5b-d9cb-469f-a165-70867728950e") }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try append(db, seq: 1, body) }
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try append(db, seq: 2, body, id: "0f8fad5b-d9cb-469f-a165-70867728950e") }
        }
        #expect(try database.read(MessageLog.count) == 1)
        #expect(try database.read(ProvinceQueries.totals).businesses == 1)
    }

    @Test func outboxSeqsAreGapFreePerStreamAndAcksOnlyMoveForward() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        let congAn = AgencyID(rawValue: "cong-an")!
        try database.write { db in
            for i in 1...5 {
                let seq = try Outbox.reserveSeq(db, stream: .hub)
                #expect(seq == UInt64(i))
                try Outbox.append(db, stream: .hub, seq: seq, id: "id-\(i)", type: .incidentReported, header: [1], body: [2], recordedAt: 0)
            }
            #expect(try Outbox.reserveSeq(db, stream: congAn) == 1)
            try Outbox.acknowledge(db, stream: .hub, upTo: 3)
            try Outbox.acknowledge(db, stream: .hub, upTo: 2) // stale: ignored
            try Outbox.acknowledge(db, stream: .hub, upTo: 99) // beyond what was sent: ignored
        }
        let streams = try database.read(Outbox.streams)
        #expect(streams.first { $0.peer == .hub } == OutboundStreamState(peer: .hub, lastSeq: 5, acked: 3))
        let pending = try database.read { db in try Outbox.entries(db, stream: .hub, from: 4, limit: 10) }
        #expect(pending.map(\.seq) == [4, 5])
    }

    /// A batch's seqs are counted in memory after the first of each stream, and stored once: the
    /// same seqs, gap-free, as reserving each in the store, before and after the batch.
    @Test func aBatchsSeqReservationsContinueTheStreamsAndAreStoredOnce() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        let congAn = AgencyID(rawValue: "cong-an")!
        try database.write { db in
            #expect(try Outbox.reserveSeq(db, stream: .hub) == 1)
            var seqs = Outbox.SeqReservations()
            #expect(try [seqs.reserve(db, stream: .hub), seqs.reserve(db, stream: congAn), seqs.reserve(db, stream: .hub)] == [2, 1, 3])
            for seq in 1...3 {
                try Outbox.appendReference(db, stream: .hub, seq: UInt64(seq), id: "id-\(seq)", type: .incidentReported, recordedAt: 0)
            }
            try seqs.write(db)
            #expect(try Outbox.reserveSeq(db, stream: .hub) == 4)
            #expect(try Outbox.reserveSeq(db, stream: congAn) == 2)
        }
        let streams = try database.read(Outbox.streams)
        #expect(streams.map(\.peer) == [congAn, .hub])
        #expect(streams.map(\.lastSeq) == [2, 4])

        // Reservations never written: the next batch reserves the same seq, and the outbox
        // refuses its entry rather than holding two messages under one seq.
        try database.write { db in
            var forgotten = Outbox.SeqReservations()
            let seq = try forgotten.reserve(db, stream: .hub)
            try Outbox.appendReference(db, stream: .hub, seq: seq, id: "id-5", type: .incidentReported, recordedAt: 0)
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in
                var next = Outbox.SeqReservations()
                let seq = try next.reserve(db, stream: .hub)
                try Outbox.appendReference(db, stream: .hub, seq: seq, id: "id-6", type: .incidentReported, recordedAt: 0)
            }
        }
    }

    @Test func acknowledgedEntriesAreRetainedWholeThenCompactedToTheirIdsAndARestoredPeerGetsThemBack() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            for i in 1...5 {
                let seq = try Outbox.reserveSeq(db, stream: .hub)
                try Outbox.append(db, stream: .hub, seq: seq, id: "id-\(i)", type: .incidentReported, header: [1], body: [2],
                                  recordedAt: Int64(i) * 1000)
            }
            try Outbox.acknowledge(db, stream: .hub, upTo: 5)
            // The peer was restored and has applied only 2: 3…5 are pending again and retained.
            #expect(try Outbox.rewind(db, stream: .hub, to: 2) == nil)
        }
        #expect(try database.read(Outbox.streams).first { $0.peer == .hub }?.acked == 2)
        try database.write { db in
            try Outbox.acknowledge(db, stream: .hub, upTo: 5)
            // Pruning compacts acknowledged entries recorded before the cutoff, and nothing else.
            #expect(try Outbox.prune(db, acknowledgedBefore: 3500) == 3)
            #expect(try Outbox.prune(db, acknowledgedBefore: 3500) == 0, "compacted once")
            // A peer restored to before them still finds every seq: the compacted ones by their act id.
            #expect(try Outbox.rewind(db, stream: .hub, to: 1) == nil)
        }
        let entries = try database.read { db in try Outbox.entries(db, stream: .hub, from: 1, limit: 10) }
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries.map(\.isCompacted) == [true, true, true, false, false])
        #expect(entries.map(\.id) == (1...5).map { "id-\($0)" })
    }

    @Test func aStreamRestoredBehindItsPeerRenumbersItsNewEntriesAfterThePeersPosition() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            for i in 1...4 {
                let seq = try Outbox.reserveSeq(db, stream: .hub)
                try Outbox.append(db, stream: .hub, seq: seq, id: "id-\(i)", type: .incidentReported, header: [UInt8(seq)], body: [2],
                                  recordedAt: 0)
            }
            // This store knew 2 when it started; the peer has applied 7.
            let last = try Outbox.fastForward(db, stream: .hub, known: 2, applied: 7) { header, seq in header + [UInt8(seq)] }
            #expect(last == 9)
        }
        let entries = try database.read { db in try Outbox.entries(db, stream: .hub, from: 1, limit: 10) }
        #expect(entries.map(\.seq) == [1, 2, 8, 9])
        #expect(entries.map(\.header) == [[1], [2], [3, 8], [4, 9]], "each moved entry's header is rewritten for its new seq")
        #expect(try database.read(Outbox.streams).first { $0.peer == .hub } == OutboundStreamState(peer: .hub, lastSeq: 9, acked: 7))
    }

    /// An act logged in the transaction that queues it is written to the outbox as a reference:
    /// its id only, the act read from the log with the entry, so its bytes are stored once. Beside
    /// it, a whole entry (a handover's, or one written before references) is read as stored.
    @Test func aReferenceIsReadWithTheLogsActAndKeepsNoBytesOfItsOwn() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        let body = try registered("BL-7")
        let id = UUID().uuidString.lowercased()
        try database.write { db in
            try append(db, seq: 1, body, id: id)
            try Outbox.append(db, stream: .hub, seq: try Outbox.reserveSeq(db, stream: .hub), id: "whole", type: .incidentReported,
                              header: [1], body: [2], recordedAt: 0)
            try Outbox.appendReference(db, stream: .hub, seq: try Outbox.reserveSeq(db, stream: .hub), id: id, type: body.type, recordedAt: 0)
            try Outbox.appendReference(db, stream: .hub, seq: try Outbox.reserveSeq(db, stream: .hub), id: "not-logged", type: body.type,
                                       recordedAt: 0)
            #expect(try Int.fetchOne(db, sql: "SELECT length(header) + length(body) FROM outbox WHERE id = ?", arguments: [id]) == 0)
        }
        let entries = try database.read { db in try Outbox.entries(db, stream: .hub, from: 1, limit: 10) }
        #expect(entries.map(\.seq) == [1, 2, 3])
        #expect(entries.map(\.isCompacted) == [false, true, true])
        #expect(entries[0].header == [1] && entries[0].body == [2] && entries[0].logged == nil)
        let logged = try #require(entries[1].logged)
        #expect(logged.id == id && logged.origin == benLuc && logged.seq == 1 && logged.type == .businessRegistered && logged.sentAt == 1)
        #expect(logged.body == body.encoded())
        #expect(entries[2].logged == nil, "an id the log lacks is read without its act")
        // Renumbered after a restore, a reference stays one: its header is made with the new seq when sent.
        try database.write { db in
            _ = try Outbox.fastForward(db, stream: .hub, known: 1, applied: 5) { header, seq in header + [UInt8(seq)] }
        }
        let moved = try database.read { db in try Outbox.entries(db, stream: .hub, from: 1, limit: 10) }
        #expect(moved.map(\.seq) == [1, 6, 7])
        #expect(moved.map(\.header) == [[1], [], []])
        #expect(moved[1].logged?.id == id)
    }

    /// A handover's entry is whole while retained, then compacted like any other. The log does
    /// not record the `handover` mark, so the entry keeps it: the message made again from the log
    /// is still a handover. A reference was never one and stays unmarked; a handover entry
    /// renumbered after a restore of this store stays marked.
    @Test func aCompactedHandoverEntryKeepsItsMarkAndAReferenceStaysUnmarked() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        let handedOver = UUID().uuidString.lowercased(), relayed = UUID().uuidString.lowercased()
        try database.write { db in
            try append(db, seq: 1, try registered("BL-1"), id: handedOver)
            try append(db, seq: 2, try registered("BL-2"), id: relayed)
            try Outbox.append(db, stream: benLuc, seq: try Outbox.reserveSeq(db, stream: benLuc), id: handedOver, type: .businessRegistered,
                              header: [1], body: [2], recordedAt: 1000, handover: true)
            try Outbox.appendReference(db, stream: benLuc, seq: try Outbox.reserveSeq(db, stream: benLuc), id: relayed,
                                       type: .businessRegistered, recordedAt: 1000)
            try Outbox.acknowledge(db, stream: benLuc, upTo: 2)
            #expect(try Outbox.prune(db, acknowledgedBefore: 2000) == 1, "the whole entry is compacted")
        }
        let entries = try database.read { db in try Outbox.entries(db, stream: benLuc, from: 1, limit: 10) }
        #expect(entries.map(\.isCompacted) == [true, true])
        #expect(entries.map(\.handover) == [true, false])
        #expect(entries.map { $0.logged?.id } == [handedOver, relayed], "both made from the log's act")

        try database.write { db in
            try Outbox.append(db, stream: benLuc, seq: try Outbox.reserveSeq(db, stream: benLuc), id: handedOver, type: .businessRegistered,
                              header: [3], body: [2], recordedAt: 3000, handover: true)
            _ = try Outbox.fastForward(db, stream: benLuc, known: 2, applied: 5) { header, seq in header + [UInt8(seq)] }
        }
        let moved = try database.read { db in try Outbox.entries(db, stream: benLuc, from: 3, limit: 10) }
        #expect(moved.map(\.seq) == [6] && moved.map(\.handover) == [true])
    }

    /// A store from before the outbox kept the mark: a whole entry whose header carries it is
    /// marked from those bytes, so it keeps the mark when it is compacted later; every other
    /// entry is unmarked. (One compacted before the upgrade has no bytes left to read it from.)
    @Test func upgradingToTheOutboxHandoverMarkReadsItFromTheWholeEntriesHeaders() throws {
        let path = temporaryPath()
        let handedOver = UUID().uuidString.lowercased(), relayed = UUID().uuidString.lowercased()
        func whole(_ db: Database, id: String, handover: Bool?) throws {
            let seq = try Outbox.reserveSeq(db, stream: benLuc)
            let envelope = Envelope(type: .businessRegistered, id: id, origin: .hub, to: benLuc, seq: seq, ts: 1, author: benLuc, handover: handover)
            try Outbox.append(db, stream: benLuc, seq: seq, id: id, type: .businessRegistered, header: envelope.header, body: [2], recordedAt: 1000)
        }
        try PhoiHopDatabase(path: path).write { db in
            try append(db, seq: 1, try registered("BL-1"), id: handedOver)
            try append(db, seq: 2, try registered("BL-2"), id: relayed)
            try whole(db, id: handedOver, handover: true)
            try whole(db, id: relayed, handover: nil)
            try Outbox.appendReference(db, stream: benLuc, seq: try Outbox.reserveSeq(db, stream: benLuc), id: relayed,
                                       type: .businessRegistered, recordedAt: 1000)
            try Outbox.acknowledge(db, stream: benLuc, upTo: 3)
            // As the store was before the migration.
            try db.execute(sql: "ALTER TABLE outbox DROP COLUMN handover; DELETE FROM grdb_migrations WHERE identifier = 'v8-outbox-handover'")
        }
        let upgraded = try PhoiHopDatabase(path: path)
        #expect(try upgraded.read { db in try Outbox.entries(db, stream: benLuc, from: 1, limit: 10) }.map(\.handover) == [true, false, false])
        #expect(try upgraded.write { db in try Outbox.prune(db, acknowledgedBefore: 2000) } == 2)
        let entries = try upgraded.read { db in try Outbox.entries(db, stream: benLuc, from: 1, limit: 10) }
        #expect(entries.map(\.isCompacted) == [true, true, true])
        #expect(entries.map(\.handover) == [true, false, false], "the mark outlives the bytes it was read from")
    }

    @Test func revokingAnUnknownCertificateIsKeptAsAnAnomaly() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            try append(db, seq: 1, MessageBody(CertificateRevoked(
                certificateNo: "GCN-X", businessID: "BL-1", district: benLuc, revokedOn: try CivilDate(parsing: "2026-11-22"), ground: "fraud")))
        }
        let totals = try database.read(ProvinceQueries.totals)
        #expect(totals.anomalies == 1)
        #expect(totals.messages == 1)
    }

    @Test func rebuildingFromTheLogGivesTheSameState() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            try append(db, seq: 1, try registered("BL-1"))
            try append(db, seq: 2, try registered("BL-2"))
            try append(db, seq: 3, MessageBody(CertificateIssued(
                certificateNo: "GCN-1", businessID: "BL-1", district: benLuc, kind: .businessRegistration,
                issuedOn: try CivilDate(parsing: "2026-11-06"), validUntil: try CivilDate(parsing: "2029-11-05"))))
            try append(db, seq: 4, MessageBody(CertificateRevoked(
                certificateNo: "GCN-1", businessID: "BL-1", district: benLuc, revokedOn: try CivilDate(parsing: "2026-11-22"), ground: "fraud")))
        }
        let before = try database.read(ProvinceQueries.totals)
        let dump = { try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM certificates ORDER BY 1").description } }
        let certificatesBefore = try dump()
        let replayed = try database.write(Projection.rebuild)
        #expect(replayed == 4)
        #expect(try database.read(ProvinceQueries.totals) == before)
        #expect(try dump() == certificatesBefore)
        #expect(before.revokedCertificates == 1 && before.businesses == 2)
    }

    /// What a rebuild reads of the log (MessageLog.acts) is what the whole entries say: position,
    /// author (the recorder, not the hub that relayed it), type and body, from `after` on, at most `limit`.
    @Test func theActsARebuildReadsAreTheLogsEntries() throws {
        let database = try PhoiHopDatabase(inMemory: #function)
        try database.write { db in
            for seq in 1...5 {
                let body = try registered("BL-\(seq)")
                _ = try MessageLog.append(db, id: UUID().uuidString.lowercased(), origin: .hub, seq: UInt64(seq), type: body.type, schema: 1,
                                          district: benLuc, sentAt: 1, acceptedAt: 2, body: body.encoded(), author: seq == 3 ? .hub : benLuc)
            }
        }
        // A type this version does not know is skipped by both; an author it cannot read is the origin in both.
        try database.write { db in
            try db.execute(sql: "UPDATE message_log SET type = 'business.teleported' WHERE position = 4")
            try db.execute(sql: "UPDATE message_log SET author = 'Not An Agency' WHERE position = 5")
        }
        try database.read { db in
            let entries = try MessageLog.entries(db, after: 1, limit: 4)
            let acts = try MessageLog.acts(db, after: 1, limit: 4)
            #expect(acts.map(\.position) == [2, 3, 5])
            #expect(acts.map(\.position) == entries.map(\.position))
            #expect(acts.map(\.author) == [benLuc, .hub, .hub])
            #expect(acts.map(\.author) == entries.map(\.author))
            #expect(acts.map(\.type) == entries.map(\.type))
            #expect(acts.map(\.body) == entries.map(\.body))
            #expect(try MessageLog.acts(db, after: 5, limit: 3).isEmpty)
        }
    }

    /// The rebuild decodes the next batch while it applies the one before (Projection.rebuild):
    /// over several batches every act is still applied once and in log order. Businesses
    /// registered in the first batch are closed in the last, which fails (an anomaly) if any
    /// closure is applied before its registration. The same with the log read on a second
    /// connection to the file, on the decoding thread (an in-memory database has none).
    @Test(arguments: [false, true])
    func aRebuildOverSeveralBatchesAppliesEveryActInOrder(readingTheLogOnASecondConnection: Bool) throws {
        let database = readingTheLogOnASecondConnection
            ? try PhoiHopDatabase(path: temporaryPath(), durability: .normal) : try PhoiHopDatabase(inMemory: #function)
        let log = try database.logReader()
        #expect((log != nil) == readingTheLogOnASecondConnection)
        let registrations = Projection.rebuildBatch * 2 + 7
        let closures = 500
        try database.write { db in
            for i in 0..<registrations { try append(db, seq: UInt64(i + 1), try registered("BL-\(i)")) }
            for i in 0..<closures {
                try append(db, seq: UInt64(registrations + i + 1), MessageBody(BusinessClosed(
                    businessID: "BL-\(i)", district: benLuc, closedOn: try CivilDate(parsing: "2026-12-01"), reason: "Ngừng kinh doanh")))
            }
        }
        let dump = { try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM businesses ORDER BY business_id").description } }
        let before = try dump()
        var progress: [Int] = []
        let replayed = try database.write { db in try Projection.rebuild(db, readingLogFrom: log) { progress.append($0) } }
        #expect(replayed == registrations + closures)
        #expect(progress == [Projection.rebuildBatch, Projection.rebuildBatch * 2, registrations + closures])
        #expect(try dump() == before)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM anomalies") } == 0)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM businesses WHERE closed_on IS NOT NULL") } == closures)
    }

    @Test func aDamagedFileIsReportedWithWhatToDo() throws {
        let path = temporaryPath()
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PhoiHopDatabase(path: path)
            Issue.record("opened a damaged file")
        } catch let error as StoreError {
            #expect(error.description.contains("restore"))
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopTestSupport
import Testing

/// `execute(cached:binding:)` binds its values straight to the cached statement. It must store
/// exactly the values given, refuse a wrong count without running, and share GRDB's statement
/// cache safely with `execute(cached:arguments:)`.
struct BoundStatementTests {
    func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, flag INTEGER, other)")
        }
        return queue
    }

    let insert = "INSERT INTO t (id, text, number, flag, other) VALUES (?, ?, ?, ?, ?)"

    @Test func eachKindOfValueIsStoredAsGRDBWouldStoreIt() throws {
        let queue = try database()
        try queue.write { db in
            let missing: String? = nil
            try db.execute(cached: insert, binding: 1, "Đại lý Bến Lức", Int64.max, true, missing)
            try db.execute(cached: insert, arguments: [2, "Đại lý Bến Lức", Int64.max, true, missing])
            try db.execute(cached: insert, binding: 3, Optional("ô"), Optional(-7), false, DatabaseValue(value: 2.5))
            try db.execute(cached: insert, arguments: [4, "ô", -7, false, 2.5])
            try db.execute(cached: insert, binding: 5, "", 0, false, Optional(""))
            try db.execute(cached: insert, arguments: [6, "", 0, false, ""])
            let rows = try Row.fetchAll(db, sql: "SELECT text, number, flag, other, typeof(other) FROM t ORDER BY id")
            #expect(rows.count == 6)
            #expect(rows[0] == rows[1])
            #expect(rows[2] == rows[3])
            #expect(rows[4] == rows[5])
            #expect(rows[4]["text"] as DatabaseValue == "".databaseValue)
            #expect(rows[0]["text"] as String == "Đại lý Bến Lức")
            #expect(rows[0]["other"] as DatabaseValue == .null)
        }
    }

    @Test func bytesAreStoredAsTheBlobGRDBWouldStoreAndAnEmptyArrayAsAnEmptyBlob() throws {
        let queue = try database()
        try queue.write { db in
            let bytes: [UInt8] = [0, 1, 0xFF, 0x7B, 0]
            let none: [UInt8]? = nil
            try db.execute(cached: insert, binding: 1, "a", 1, true, bytes)
            try db.execute(cached: insert, arguments: [2, "a", 1, true, Data(bytes)])
            try db.execute(cached: insert, binding: 3, "b", 2, false, [UInt8]())
            try db.execute(cached: insert, binding: 4, "c", 3, false, none)
            let rows = try Row.fetchAll(db, sql: "SELECT other, typeof(other) AS kind, length(other) AS length FROM t ORDER BY id")
            #expect(rows[0] == rows[1])
            #expect(rows[0]["other"] as Data == Data(bytes))
            #expect(rows[2]["kind"] as String == "blob")
            #expect(rows[2]["length"] as Int == 0)
            #expect(rows[3]["kind"] as String == "null")
        }
    }

    @Test func aWrongNumberOfValuesIsRefusedAndNothingRuns() throws {
        let queue = try database()
        try queue.write { db in
            #expect(throws: DatabaseError.self) { try db.execute(cached: insert, binding: 1, "a", 2, true) }
            #expect(throws: DatabaseError.self) { try db.execute(cached: insert, binding: 1, "a", 2, true, "b", "c") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 0)
            // The statement is still usable afterwards.
            try db.execute(cached: insert, binding: 1, "a", 2, true, "b")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 1)
        }
    }

    @Test func theSameCachedStatementUsedBothWaysTakesEachCallsOwnValues() throws {
        let queue = try database()
        try queue.write { db in
            for id in 1...6 {
                // Alternate, and repeat, so each path follows each (GRDB keeps a statement's last arguments).
                if id % 3 == 0 {
                    try db.execute(cached: insert, arguments: [id, "arguments \(id)", id * 10, false, nil])
                } else {
                    try db.execute(cached: insert, binding: id, "bound \(id)", id * 10, true, Optional<String>.none)
                }
            }
            let rows = try Row.fetchAll(db, sql: "SELECT id, text, number FROM t ORDER BY id")
            #expect(rows.map { $0["text"] as String } == ["bound 1", "bound 2", "arguments 3", "bound 4", "bound 5", "arguments 6"])
            #expect(rows.map { $0["number"] as Int } == [10, 20, 30, 40, 50, 60])
        }
    }

    @Test func aStatementWhoseStepFailedCanRunAgain() throws {
        let queue = try database()
        try queue.write { db in
            try db.execute(cached: insert, binding: 1, "a", 1, true, "x")
            #expect(throws: DatabaseError.self) { try db.execute(cached: insert, binding: 1, "again", 1, true, "x") }
            try db.execute(cached: insert, binding: 2, "b", 2, true, "y")
            #expect(try String.fetchAll(db, sql: "SELECT text FROM t ORDER BY id") == ["a", "b"])
        }
    }

    @Test func fetchingABoundStatementReadsTheRowOfItsValues() throws {
        let queue = try database()
        try queue.write { db in
            try db.execute(cached: insert, binding: 1, "a", 10, true, "x")
            try db.execute(cached: insert, binding: 2, "b", 20, false, "y")
            let select = "SELECT number FROM t WHERE text = ?"
            #expect(try Int.fetchOne(db, cached: select, binding: "b") == 20)
            #expect(try Int.fetchOne(db, cached: select, binding: "a") == 10)
            #expect(try Int.fetchOne(db, cached: select, binding: "none") == nil)
            #expect(try Row.fetchOne(db, cached: "SELECT text FROM t WHERE number = ?", binding: 10)?["text"] == "a")
        }
    }

    /// How many times the cached statement of `Outbox.reserveSeq` was compiled again at each of
    /// three writes, each after `between` ran on the same connection.
    func repreparations(_ name: String, between: (PhoiHopDatabase, Int) throws -> Void) throws -> [Int32] {
        let database = try PhoiHopDatabase(path: Scratch.directory(name).appendingPathComponent("\(name).sqlite").path)
        let sql = "SELECT last_seq FROM outbound_streams WHERE peer = ?"
        return try (1...3).map { round in
            try between(database, round)
            return try database.write { db in
                _ = try Outbox.reserveSeq(db, stream: .hub)
                return sqlite3_stmt_status(try db.cachedStatement(sql: sql).sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0)
            }
        }
    }

    /// A read between two writes leaves the writes' cached statements compiled: GRDB's own read
    /// sets `PRAGMA query_only`, which expires every prepared statement of the connection, and
    /// each was compiled again at its next use (a sixth of an agency's CPU on the officer's path).
    @Test func aReadBetweenWritesLeavesTheCachedStatementsCompiled() throws {
        let reprepared = try repreparations("reads") { database, round in
            try database.write { db in _ = try Outbox.reserveSeq(db, stream: .hub) }
            let read = try database.read { db in try Outbox.streams(db) }
            #expect(read.first?.lastSeq == UInt64(2 * round - 1), "the read sees the write before it")
        }
        #expect(reprepared == [0, 0, 0])
    }

    /// What a read's body changes is rolled back, and the read says so: reads are not made
    /// read-only by SQLite any more (that pragma expired the statements, above).
    @Test func aReadThatChangesRowsIsRolledBackAndRefused() throws {
        let database = try PhoiHopDatabase(path: Scratch.directory("readwrites").appendingPathComponent("readwrites.sqlite").path)
        #expect(throws: StoreError.self) {
            try database.read { db in _ = try Outbox.reserveSeq(db, stream: .hub) }
        }
        #expect(try database.read { db in try Outbox.streams(db) }.isEmpty)
    }

    /// Nor does an unsynced write: `synchronous` is set around it, and that pragma does not expire them.
    @Test func anUnsyncedWriteBetweenWritesLeavesTheCachedStatementsCompiled() throws {
        let reprepared = try repreparations("unsynced") { database, _ in
            try database.writeUnsynced { db in _ = try Outbox.reserveSeq(db, stream: .hub) }
        }
        #expect(reprepared == [0, 0, 0])
    }
}

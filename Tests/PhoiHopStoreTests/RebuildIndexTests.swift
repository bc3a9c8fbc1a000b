import GRDB
@testable import PhoiHopStore
import Testing

/// A rebuild drops the reports' date indexes for its replay and builds them again: afterwards
/// every one is there, as the migration made it.
struct RebuildIndexTests {
    @Test func theReportIndexesAreThereAfterARebuild() throws {
        let database = try PhoiHopDatabase(inMemory: "rebuild-indexes")
        #expect(SchemaReportDates.indexNames.count == 14)
        func indexes() throws -> [String: String] {
            try database.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                    .map { ($0["name"] as String, $0["sql"] as String) })
            }
        }
        let before = try indexes()
        #expect(Set(SchemaReportDates.indexNames).isSubset(of: Set(before.keys)))
        try database.write { db in _ = try Projection.rebuild(db) }
        #expect(try indexes() == before)
    }
}

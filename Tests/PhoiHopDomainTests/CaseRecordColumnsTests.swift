import GRDB
@testable import PhoiHopDomain
import PhoiHopStore
import Testing

/// A case row is read by position (`CaseRecord.Column`): the list of names must name one column
/// per position, and every column of the `cases` table, so a column added to the table is not
/// silently left unread.
struct CaseRecordColumnsTests {
    @Test func thePositionsNameEveryColumnOfTheCasesTableOnce() throws {
        #expect(CaseRecord.Column.names.count == CaseRecord.Column.allCases.count)
        #expect(Set(CaseRecord.Column.names).count == CaseRecord.Column.names.count)
        let database = try PhoiHopDatabase(inMemory: "case-columns")
        let table = try database.read { db in try db.columns(in: "cases").map(\.name) }
        #expect(Set(table) == Set(CaseRecord.Column.names))
    }
}

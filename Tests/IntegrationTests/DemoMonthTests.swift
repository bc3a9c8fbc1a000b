import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
@testable import PhoiHopConsole
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The demo's scripted month through real daemons: every workflow of the catalog, end to end.
@Suite(.serialized)
struct DemoMonthTests {
    @Test func theScriptedMonthCarriesEveryMessageTypeWithoutAnomalyAndTheHubRebuildsTheSameState() throws {
        let province = try Province(districts: 3, today: "2026-11-30")
        defer { province.stopAll() }
        try province.startAll()
        let scenario = try DemoScenario(directory: province.directory)
        try scenario.play()
        try scenario.awaitHub(timeout: 60)
        // The hub reminds what is overdue on the 30th once the month's acts are quiet, then its
        // reminders are delivered like everything else.
        try scenario.awaitReminders(timeout: 30)
        province.stopAll()

        let hub = try PhoiHopDatabase(path: province.databasePath(.hub))
        let types = try hub.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT type FROM message_log") }
        let missing = MessageType.allCases.map(\.rawValue).filter { !types.contains($0) }
        #expect(missing.isEmpty, "the demo month never shows: \(missing.joined(separator: ", "))")
        let anomalies = try hub.read { db in try String.fetchAll(db, sql: "SELECT problem FROM anomalies") }
        #expect(anomalies.isEmpty, "the scripted month should be coherent: \(anomalies)")

        let before = try hub.read(Self.dump)
        let rebuilt = try hub.write { db in
            try Projection.rebuild(db)
            return try Self.dump(db)
        }
        for table in Projection.aggregateTables {
            #expect(rebuilt[table] == before[table], "table \(table) differs after a rebuild")
        }
    }

    /// Every aggregate table's rows, in a stable order.
    static func dump(_ db: Database) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for table in Projection.aggregateTables {
            result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\($0)" }.sorted()
        }
        return result
    }
}

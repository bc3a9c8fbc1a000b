import Foundation
import GRDB
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// A report counts one window of years of history: each of its counts over an event table
/// (inspections, violations, sanctions, certificates, cases, incidents, fire-safety checks)
/// must find the window's rows through an index on the date it counts by, not read the whole
/// table — or a report's time grows with the history instead of the window (the
/// "v6-report-dates" indexes; docs/PERFORMANCE.md).
struct ReportQueryPlanTests {
    static let eventTables = ["inspections", "violations", "sanctions", "certificates", "cases", "incidents", "fire_safety_checks"]

    /// Every statement `body` runs, with its arguments in place.
    func statements(_ hub: DomainFixture, _ body: () throws -> Void) throws -> [String] {
        nonisolated(unsafe) var seen: [String] = []
        try hub.database.write { db in db.trace { event in if case let .statement(statement) = event { seen.append(statement.expandedSQL) } } }
        defer { try? hub.database.write { db in db.trace(nil) } }
        try body()
        return seen
    }

    @Test(arguments: [
        ("report.periodic", ["kind": "monthly", "month": "2026-12"]),
        ("report.periodic", ["kind": "quarterly", "month": "2026-12"]),
        ("report.periodic", ["kind": "annual", "month": "2026-12"]),
    ])
    func aReportReadsOnlyItsWindowOfTheEventTables(_ name: String, _ parameters: [String: String]) throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-12-15")
        // Statistics as a long history gives them, so the planner weighs an index as it would then.
        try hub.database.write { db in try db.execute(sql: "ANALYZE") }
        let sqls = try statements(hub) { _ = try hub.query(name, parameters, as: PeriodicReportAnswer.self) }
        #expect(sqls.count > 10, "the report ran its counts")
        var scans: [String] = []
        try hub.database.read { db in
            for sql in sqls where sql.uppercased().hasPrefix("SELECT") {
                let names = Self.names(in: sql)
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)") {
                    let detail: String = row["detail"]
                    // "SCAN inspections" (or its alias) reads the table; "SEARCH … USING INDEX …" does not.
                    guard detail.hasPrefix("SCAN "), !detail.contains("USING") else { continue }
                    let scanned = String(detail.dropFirst("SCAN ".count).prefix { $0 != " " })
                    if let table = names[scanned] { scans.append("\(table): \(sql.prefix(160))") }
                }
            }
        }
        let fullScans = scans.count
        #expect(fullScans == 0, "full scans of event tables, e.g.:\n\(scans.prefix(5).joined(separator: "\n"))")
    }

    /// The event tables a statement reads, by the name a query plan gives them: the table's own
    /// or its alias (`FROM sanctions s` → `s`).
    static func names(in sql: String) -> [String: String] {
        var names: [String: String] = [:]
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "(" || $0 == ")" }).map(String.init)
        for (index, word) in words.enumerated() where eventTables.contains(word) {
            names[word] = word
            if index > 0, ["FROM", "JOIN"].contains(words[index - 1].uppercased()), index + 1 < words.count {
                var alias = words[index + 1]
                if alias.uppercased() == "AS", index + 2 < words.count { alias = words[index + 2] }
                if !["WHERE", "JOIN", "ON", "GROUP", "ORDER", "LEFT", "INNER", "LIMIT"].contains(alias.uppercased()) { names[alias] = word }
            }
        }
        return names
    }
}

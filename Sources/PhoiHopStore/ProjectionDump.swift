public import GRDB
import Foundation

/// Every aggregate table rendered as text that is byte-for-byte the same for the same state,
/// whichever connection, file or SQLite build produced it: what `rebuild --verify` compares.
///
/// Each row is its columns in name order, `name=value`, joined by `", "`. A value shows its
/// storage class: `NULL`; an integer as decimal digits; a real as Swift's shortest round-trip
/// form prefixed by `r:`; text quoted, with `\`, `"` and control characters escaped (so `""`
/// is empty text, never NULL, and `"1"` is never the integer `1`); a blob as `x'…'` in hex.
/// Rows are sorted by their UTF-8 bytes and compared by them, not by Swift's `String`
/// equality, which would take a composed "ộ" and its decomposed spelling for the same text.
public struct ProjectionDump: Sendable, Equatable, CustomStringConvertible {
    /// Table name → its rendered rows, in canonical order.
    public let tables: [String: [String]]

    public init(tables: [String: [String]]) {
        self.tables = tables.mapValues { $0.sorted(by: Self.precedes) }
    }

    /// The table names, in byte order.
    public var tableNames: [String] { tables.keys.sorted(by: Self.precedes) }

    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// The whole dump: `# table (n rows)` then its rows, table after table in name order, one
    /// line each, ending with a newline. Two dumps are equal exactly when their texts are.
    public var description: String {
        var text = ""
        for table in tableNames {
            let rows = tables[table] ?? []
            text += "# \(table) (\(rows.count) rows)\n"
            for row in rows { text += row + "\n" }
        }
        return text
    }

    public static func == (lhs: ProjectionDump, rhs: ProjectionDump) -> Bool {
        guard lhs.tables.count == rhs.tables.count else { return false }
        return lhs.tables.allSatisfy { table, rows in
            guard let other = rhs.tables[table], other.count == rows.count else { return false }
            return zip(rows, other).allSatisfy { Self.same($0, $1) }
        }
    }

    /// What one table holds that the other dump's does not, table by table in name order; empty
    /// when the dumps are equal.
    /// - Parameters:
    ///   - other: the dump to compare with (`self` is "this side", `other` "that side").
    ///   - limit: how many differing rows to keep per side and table, first in canonical order.
    public func differences(from other: ProjectionDump, limit: Int = 3) -> [TableDifference] {
        let names = Set(tables.keys).union(other.tables.keys).sorted(by: Self.precedes)
        return names.compactMap { table in
            let mine = tables[table] ?? [], theirs = other.tables[table] ?? []
            var (i, j) = (0, 0)
            var onlyHere: [String] = [], onlyThere: [String] = []
            var (countHere, countThere) = (0, 0)
            // Both sides are sorted by the same order: one merge pass finds the multiset difference.
            while i < mine.count || j < theirs.count {
                if j == theirs.count || (i < mine.count && Self.precedes(mine[i], theirs[j])) {
                    countHere += 1
                    if onlyHere.count < limit { onlyHere.append(mine[i]) }
                    i += 1
                } else if i == mine.count || Self.precedes(theirs[j], mine[i]) {
                    countThere += 1
                    if onlyThere.count < limit { onlyThere.append(theirs[j]) }
                    j += 1
                } else {
                    i += 1; j += 1
                }
            }
            guard countHere + countThere > 0 || (tables[table] == nil) != (other.tables[table] == nil) else { return nil }
            return TableDifference(table: table, rowsOnlyHere: countHere, rowsOnlyThere: countThere,
                                   firstOnlyHere: onlyHere, firstOnlyThere: onlyThere)
        }
    }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// One value as the dump writes it (see the type's documentation).
    public static func render(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let integer): String(integer)
        case .double(let real): "r:\(real)"
        case .string(let text): quoted(text)
        case .blob(let data): "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// How one aggregate table differs between two dumps.
public struct TableDifference: Sendable, Equatable {
    public let table: String
    /// How many rows only this side holds (a row held twice here and once there counts once).
    public let rowsOnlyHere: Int
    public let rowsOnlyThere: Int
    /// The first of them, in canonical order.
    public let firstOnlyHere: [String]
    public let firstOnlyThere: [String]
}

extension Projection {
    /// The canonical dump of every aggregate table (``aggregateTables``): equal, byte for byte,
    /// for two databases whose aggregate tables hold the same rows.
    public static func canonicalDump(_ db: Database) throws -> ProjectionDump {
        var tables: [String: [String]] = [:]
        for table in aggregateTables {
            let columns = try db.columns(in: table).map(\.name).sorted(by: ProjectionDump.precedes)
            let select = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT \(select) FROM \(table.quotedDatabaseIdentifier)")
            tables[table] = rows.map { row in
                zip(columns, row.databaseValues).map { "\($0)=\(ProjectionDump.render($1))" }.joined(separator: ", ")
            }
        }
        return ProjectionDump(tables: tables)
    }
}

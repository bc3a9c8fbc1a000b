public import GRDB
internal import GRDBSQLite

/// The statements that run for every act — the log append, the outbox, the inbound cursor, the
/// projections — and for every act a rebuild replays. Compiling the SQL each time was about half of SQLite's share of the hub's CPU
/// (docs/PERFORMANCE.md), so they go through GRDB's per-connection statement cache: compiled
/// once, then only bound and stepped. Each must be a single statement.
extension Database {
    /// Runs one statement from the connection's statement cache.
    public func execute(cached sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension DatabaseValueConvertible {
    /// The first row's first column, from a cached statement; nil when there is no row.
    public static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row's first column, from a cached statement.
    public static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Row {
    /// The first row, from a cached statement; nil when there is none.
    public static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row, from a cached statement.
    public static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

// MARK: - Values bound without GRDB's argument arrays

/// A value bound straight to a statement parameter (`sqlite3_bind_*`).
///
/// `execute(cached:arguments:)` builds an array of `DatabaseValueConvertible` existentials, then a
/// `StatementArguments`, then an array of `DatabaseValue`s, for every statement it runs: in a
/// rebuild, a quarter of the applying thread's time (docs/PERFORMANCE.md). The `binding:` variants
/// below take the values as a parameter pack and bind each where it is, with no array.
public protocol BoundValue {
    /// Binds `self` to parameter `index` (1-based) of `statement`; returns the SQLite result code.
    func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt
}

/// SQLite copies the bytes before the bind returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension String: BoundValue {
    /// The UTF-8 bytes where they are (GRDB's own binding makes a C string of them first).
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt {
        var text = self
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer would bind NULL, not ''.
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, transient) }
            return sqlite3_bind_text(statement, index, start, CInt(bytes.count), transient)
        }
    }
}

extension Int: BoundValue {
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Int64: BoundValue {
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt { sqlite3_bind_int64(statement, index, self) }
}

extension Bool: BoundValue {
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt { sqlite3_bind_int64(statement, index, self ? 1 : 0) }
}

extension DatabaseValue: BoundValue {
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt { bind(to: statement, at: index) }
}

extension [UInt8]: BoundValue {
    /// A blob of the bytes where they are (no `Data` made of them first); an empty array is an
    /// empty blob, not NULL.
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt {
        withUnsafeBytes { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
            return sqlite3_bind_blob(statement, index, start, CInt(bytes.count), transient)
        }
    }
}

extension Optional: BoundValue where Wrapped: BoundValue {
    public func bind(into statement: SQLiteStatement, parameter index: CInt) -> CInt {
        switch self {
        case .some(let value): value.bind(into: statement, parameter: index)
        case .none: sqlite3_bind_null(statement, index)
        }
    }
}

extension Database {
    /// Runs one statement from the connection's statement cache, with `values` bound to its
    /// parameters in order. Throws, and runs nothing, unless there is exactly one value per parameter.
    public func execute<each V: BoundValue>(cached sql: String, binding values: repeat each V) throws {
        try boundStatement(sql, repeat each values).execute()
    }

    /// The connection's cached statement for `sql` with `values` bound, ready for GRDB to run or
    /// fetch from without arguments.
    ///
    /// GRDB resets a statement before it runs it but does not clear its bindings when it has been
    /// told its arguments are set: `setUncheckedArguments` with none (which also resets and clears
    /// whatever a previous use bound) tells it so, then each value is bound in place. GRDB's own
    /// execution still runs, with its checks (an aborted transaction, an interrupted database).
    func boundStatement<each V: BoundValue>(_ sql: String, _ values: repeat each V) throws -> Statement {
        let statement = try cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        // A statement whose last step failed does not reset cleanly; GRDB drops those from its cache,
        // but a failure here must be an error, not the crash `setUncheckedArguments` would make of it.
        let reset = sqlite3_reset(handle)
        guard reset == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: reset), message: lastErrorMessage, sql: sql) }
        statement.setUncheckedArguments(StatementArguments())
        var index: CInt = 0
        for value in repeat each values {
            index += 1
            let code = value.bind(into: handle, parameter: index)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "value \(index) could not be bound: \(lastErrorMessage ?? "")", sql: sql)
            }
        }
        let expected = sqlite3_bind_parameter_count(handle)
        guard index == expected else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(index) values bound to a statement that takes \(expected)", sql: sql)
        }
        return statement
    }
}

/// The bytes of `column` in `statement`'s current row, copied out; nil for NULL, empty for an
/// empty blob. For reading columns in place, where a `Row` and a `Data` per row cost too much.
func columnBytes(_ statement: SQLiteStatement, _ column: CInt) -> [UInt8]? {
    guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
    guard let start = sqlite3_column_blob(statement, column) else { return [] }
    return [UInt8](UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, column))))
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    /// The first row's first column, from a cached statement with `values` bound; nil when there is no row.
    public static func fetchOne<each V: BoundValue>(_ db: Database, cached sql: String, binding values: repeat each V) throws -> Self? {
        try fetchOne(db.boundStatement(sql, repeat each values))
    }
}

extension Row {
    /// The first row, from a cached statement with `values` bound; nil when there is none.
    public static func fetchOne<each V: BoundValue>(_ db: Database, cached sql: String, binding values: repeat each V) throws -> Row? {
        try fetchOne(db.boundStatement(sql, repeat each values))
    }
}

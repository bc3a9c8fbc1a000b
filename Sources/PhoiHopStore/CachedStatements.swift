public import GRDB

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

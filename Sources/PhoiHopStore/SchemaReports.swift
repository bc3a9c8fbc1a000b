public import GRDB
import Foundation

/// One report the hub issued and stored, with the state it was computed from: the log position
/// and the hash chain's head there (docs/AUDIT.md), the legal tables and issuer in force, and
/// the document itself. Not an aggregate table: ``Projection/rebuild(_:)`` leaves it alone, as
/// it does the log, because a stored report is a fact of its own, not a function of the log.
public struct IssuedReportRow: Sendable, Equatable {
    /// Assigned by the store on insert.
    public var id: Int64 = 0
    /// A report period kind of report-periods.yaml (`monthly`, `quarterly` …).
    public var kind: String
    /// `schedule` (the hub, after the cut-off) or `console` (an officer's `phoihop report issue`).
    public var trigger: String
    public var periodFrom: String
    public var periodTo: String
    /// The number in the issuer's register; nil when left blank for the clerical office.
    public var number: Int?
    /// The calendar year of `issuedOn`: numbers run per year.
    public var year: Int
    public var symbol: String
    /// The date the document carries (YYYY-MM-DD).
    public var issuedOn: String
    /// When it was computed, in milliseconds since 1970-01-01T00:00:00Z.
    public var generatedAt: Int64
    /// The last `message_log` position the state included.
    public var logPosition: Int64
    /// The chain hash at `logPosition` (``LogChain/genesis`` for an empty log).
    public var chainHead: [UInt8]
    /// The legal tables it was computed with, as JSON.
    public var rulesJSON: [UInt8]
    /// The issuer printed on it, as JSON.
    public var issuerJSON: [UInt8]
    public var softwareVersion: String
    /// SHA-256 of `documentHTML`.
    public var documentSHA256: [UInt8]
    /// The official document as issued (HTML, A4).
    public var documentHTML: [UInt8]
    /// The figures and the document, as `phoihop report periodic --format json` prints them.
    public var answerJSON: [UInt8]

    public init(kind: String, trigger: String, periodFrom: String, periodTo: String, number: Int?, year: Int, symbol: String,
                issuedOn: String, generatedAt: Int64, logPosition: Int64, chainHead: [UInt8], rulesJSON: [UInt8],
                issuerJSON: [UInt8], softwareVersion: String, documentSHA256: [UInt8], documentHTML: [UInt8], answerJSON: [UInt8]) {
        self.kind = kind; self.trigger = trigger; self.periodFrom = periodFrom; self.periodTo = periodTo; self.number = number
        self.year = year; self.symbol = symbol; self.issuedOn = issuedOn; self.generatedAt = generatedAt
        self.logPosition = logPosition; self.chainHead = chainHead; self.rulesJSON = rulesJSON; self.issuerJSON = issuerJSON
        self.softwareVersion = softwareVersion; self.documentSHA256 = documentSHA256; self.documentHTML = documentHTML
        self.answerJSON = answerJSON
    }
}

/// The `issued_reports` table (migration "v5-issued-reports").
public enum IssuedReports {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE issued_reports (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                kind             TEXT NOT NULL,
                trigger          TEXT NOT NULL CHECK (trigger IN ('schedule', 'console')),
                period_from      TEXT NOT NULL,
                period_to        TEXT NOT NULL,
                number           INTEGER,
                year             INTEGER NOT NULL,
                symbol           TEXT NOT NULL,
                issued_on        TEXT NOT NULL,
                generated_at     INTEGER NOT NULL,
                log_position     INTEGER NOT NULL,
                chain_head       BLOB NOT NULL,
                rules_json       BLOB NOT NULL,
                issuer_json      BLOB NOT NULL,
                software_version TEXT NOT NULL,
                document_sha256  BLOB NOT NULL,
                document_html    BLOB NOT NULL,
                answer_json      BLOB NOT NULL
            );
            -- The schedule issues each period of a kind once, however often the hub restarts.
            CREATE UNIQUE INDEX issued_reports_scheduled ON issued_reports (kind, period_to) WHERE trigger = 'schedule';
            CREATE UNIQUE INDEX issued_reports_number ON issued_reports (year, number) WHERE number IS NOT NULL;
            """)
    }

    /// Stores `row` and returns its id.
    @discardableResult
    public static func insert(_ db: Database, _ row: IssuedReportRow) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO issued_reports (kind, trigger, period_from, period_to, number, year, symbol, issued_on, generated_at,
              log_position, chain_head, rules_json, issuer_json, software_version, document_sha256, document_html, answer_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [row.kind, row.trigger, row.periodFrom, row.periodTo, row.number, row.year, row.symbol, row.issuedOn,
                             row.generatedAt, row.logPosition, Data(row.chainHead), Data(row.rulesJSON), Data(row.issuerJSON),
                             row.softwareVersion, Data(row.documentSHA256), Data(row.documentHTML), Data(row.answerJSON)])
        return db.lastInsertedRowID
    }

    /// Every stored report, oldest first, without the document, rules and answer (empty).
    public static func list(_ db: Database) throws -> [IssuedReportRow] {
        try Row.fetchAll(db, sql: """
            SELECT id, kind, trigger, period_from, period_to, number, year, symbol, issued_on, generated_at, log_position,
              chain_head, issuer_json, software_version, document_sha256, X'' AS rules_json, X'' AS document_html, X'' AS answer_json
            FROM issued_reports ORDER BY id
            """).map(row)
    }

    /// The stored report `id`, whole, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> IssuedReportRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM issued_reports WHERE id = ?", arguments: [id]).map(row)
    }

    /// The highest number given in `year`, or nil when none was.
    public static func lastNumber(_ db: Database, year: Int) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(number) FROM issued_reports WHERE year = ?", arguments: [year])
    }

    /// The last day of the latest period of `kind` the schedule issued, or nil when it issued none.
    public static func lastScheduled(_ db: Database, kind: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT max(period_to) FROM issued_reports WHERE kind = ? AND trigger = 'schedule'", arguments: [kind])
    }

    /// Whether the schedule already issued the period of `kind` ending `periodTo`.
    public static func scheduled(_ db: Database, kind: String, periodTo: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM issued_reports WHERE kind = ? AND period_to = ? AND trigger = 'schedule')",
                          arguments: [kind, periodTo]) ?? false
    }

    /// The log's last position and the chain hash there: the state a report computed now reflects.
    public static func logHead(_ db: Database) throws -> LogChain.Tip {
        try LogChain.tip(db)
    }

    static func row(_ row: Row) -> IssuedReportRow {
        func bytes(_ column: String) -> [UInt8] { (row[column] as Data?).map(Array.init) ?? [] }
        var result = IssuedReportRow(
            kind: row["kind"], trigger: row["trigger"], periodFrom: row["period_from"], periodTo: row["period_to"], number: row["number"],
            year: row["year"], symbol: row["symbol"], issuedOn: row["issued_on"], generatedAt: row["generated_at"],
            logPosition: row["log_position"], chainHead: bytes("chain_head"), rulesJSON: bytes("rules_json"),
            issuerJSON: bytes("issuer_json"), softwareVersion: row["software_version"], documentSHA256: bytes("document_sha256"),
            documentHTML: bytes("document_html"), answerJSON: bytes("answer_json"))
        result.id = row["id"]
        return result
    }
}

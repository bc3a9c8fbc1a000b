import GRDB

/// The "v5-fine-payments" migration: the payments of fines (`violation.fine-paid`), one row per
/// receipt, so the report counts fines collected beside fines imposed.
enum SchemaFinePayments {
    /// The aggregate tables this migration adds, for the rebuild list.
    static let tables = ["fine_payments"]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE fine_payments (
                sanction_id  TEXT NOT NULL,
                receipt_ref  TEXT NOT NULL,
                violation_id TEXT NOT NULL,
                amount_vnd   INTEGER NOT NULL,
                paid_on      TEXT NOT NULL,
                recorded_by  TEXT NOT NULL,
                PRIMARY KEY (sanction_id, receipt_ref)
            ) WITHOUT ROWID;
            CREATE INDEX fine_payments_paid_on ON fine_payments (paid_on);
            CREATE INDEX fine_payments_violation ON fine_payments (violation_id);
            """)
    }
}

import GRDB

/// The migrations, in order. A released migration is never edited: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-bus") { db in
            try db.execute(sql: """
                CREATE TABLE message_log (
                    position    INTEGER PRIMARY KEY AUTOINCREMENT,
                    id          TEXT NOT NULL UNIQUE,
                    origin      TEXT NOT NULL,
                    seq         INTEGER NOT NULL,
                    type        TEXT NOT NULL,
                    schema      INTEGER NOT NULL,
                    district    TEXT,
                    sent_at     INTEGER NOT NULL,
                    accepted_at INTEGER NOT NULL,
                    header      BLOB,
                    body        BLOB NOT NULL,
                    UNIQUE (origin, seq)
                );
                CREATE INDEX message_log_type ON message_log (type, district);

                CREATE TABLE outbox (
                    stream      TEXT NOT NULL,
                    seq         INTEGER NOT NULL,
                    id          TEXT NOT NULL,
                    type        TEXT NOT NULL,
                    header      BLOB NOT NULL,
                    body        BLOB NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    PRIMARY KEY (stream, seq)
                ) WITHOUT ROWID;

                CREATE TABLE outbound_streams (
                    peer     TEXT PRIMARY KEY,
                    last_seq INTEGER NOT NULL DEFAULT 0,
                    acked    INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE TABLE inbound_streams (
                    peer    TEXT PRIMARY KEY,
                    applied INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE TABLE agencies (
                    id        TEXT PRIMARY KEY,
                    role      TEXT NOT NULL,
                    version   TEXT,
                    last_seen INTEGER,
                    last_seq  INTEGER NOT NULL DEFAULT 0,
                    pending   INTEGER NOT NULL DEFAULT 0,
                    rejected  INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE TABLE rejections (
                    id      INTEGER PRIMARY KEY AUTOINCREMENT,
                    at      INTEGER NOT NULL,
                    peer    TEXT,
                    origin  TEXT,
                    reason  TEXT NOT NULL,
                    detail  TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v1-aggregates") { db in
            try db.execute(sql: """
                CREATE TABLE businesses (
                    business_id   TEXT PRIMARY KEY,
                    name          TEXT NOT NULL,
                    kind          TEXT NOT NULL,
                    district      TEXT NOT NULL,
                    address       TEXT NOT NULL,
                    owner         TEXT NOT NULL,
                    machines      INTEGER NOT NULL,
                    isp_contract  TEXT,
                    registered_on TEXT NOT NULL,
                    registered_by TEXT NOT NULL
                );
                CREATE INDEX businesses_district ON businesses (district, kind);

                CREATE TABLE certificates (
                    certificate_no TEXT PRIMARY KEY,
                    business_id    TEXT NOT NULL,
                    district       TEXT NOT NULL,
                    kind           TEXT NOT NULL,
                    issued_on      TEXT NOT NULL,
                    valid_until    TEXT NOT NULL,
                    status         TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
                    revoked_on     TEXT,
                    revoked_by     TEXT,
                    ground         TEXT
                );
                CREATE INDEX certificates_business ON certificates (business_id);

                CREATE TABLE inspection_plans (
                    plan_id      TEXT PRIMARY KEY,
                    kind         TEXT NOT NULL,
                    title        TEXT NOT NULL,
                    lead         TEXT NOT NULL,
                    participants TEXT NOT NULL,
                    targets      TEXT NOT NULL,
                    starts_on    TEXT NOT NULL,
                    ends_on      TEXT NOT NULL
                );

                CREATE TABLE inspections (
                    inspection_id TEXT PRIMARY KEY,
                    plan_id       TEXT,
                    business_id   TEXT NOT NULL,
                    district      TEXT NOT NULL,
                    kind          TEXT NOT NULL,
                    conducted_on  TEXT NOT NULL,
                    outcome       TEXT NOT NULL,
                    findings      TEXT NOT NULL,
                    recorded_by   TEXT NOT NULL
                );

                CREATE TABLE violations (
                    violation_id  TEXT PRIMARY KEY,
                    business_id   TEXT NOT NULL,
                    district      TEXT NOT NULL,
                    category      TEXT NOT NULL,
                    observed_on   TEXT NOT NULL,
                    evidence_ref  TEXT NOT NULL,
                    inspection_id TEXT,
                    description   TEXT NOT NULL,
                    recorded_by   TEXT NOT NULL
                );

                CREATE TABLE incidents (
                    incident_id  TEXT PRIMARY KEY,
                    district     TEXT,
                    occurred_on  TEXT NOT NULL,
                    severity     TEXT NOT NULL,
                    summary      TEXT NOT NULL,
                    reported_by  TEXT NOT NULL
                );

                -- Acts the log accepted but the projection could not place (e.g. a revocation of a
                -- certificate the hub never saw issued): kept visible, never silently dropped.
                CREATE TABLE anomalies (
                    position INTEGER PRIMARY KEY,
                    problem  TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-catalog", migrate: SchemaCatalog.migrate)
        migrator.registerMigration("v3-certificates", migrate: SchemaCertificates.migrate)
        migrator.registerMigration("v3-outreach", migrate: SchemaOutreach.migrate)
        migrator.registerMigration("v3-act-date", migrate: SchemaActDate.migrate)
        migrator.registerMigration("v4-handovers", migrate: SchemaHandovers.migrate)
        migrator.registerMigration("v4-signatures", migrate: SchemaSignatures.migrate)
        migrator.registerMigration("v4-audit-chain", migrate: LogChain.migrate)
        migrator.registerMigration("v5-issued-reports", migrate: IssuedReports.migrate)
        migrator.registerMigration("v5-fine-payments", migrate: SchemaFinePayments.migrate)
        migrator.registerMigration("v6-report-dates", migrate: SchemaReportDates.migrate)
        migrator.registerMigration("v7-business-movements", migrate: SchemaReportDates.migrateBusinessMovements)
        migrator.registerMigration("v8-outbox-handover", migrate: SchemaOutboxHandover.migrate)
        return migrator
    }
}

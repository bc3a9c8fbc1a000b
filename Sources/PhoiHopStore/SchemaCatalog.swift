import GRDB

/// The "v2-catalog" migration: the tables of the full Decision 52 catalog.
///
/// Every table is a projection of the message log (``Projection``), so dates are stored as
/// `YYYY-MM-DD` text and deadlines are *not* stored: they are computed from the legal rules at
/// query time (PhoiHopDomain), so a corrected holiday table corrects every deadline at once.
/// `*_by` columns hold the agency that recorded the act.
enum SchemaCatalog {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE message_log ADD COLUMN author TEXT;
            ALTER TABLE message_log ADD COLUMN business TEXT;
            CREATE INDEX message_log_business ON message_log (business) WHERE business IS NOT NULL;

            ALTER TABLE businesses ADD COLUMN closed_on TEXT;
            ALTER TABLE businesses ADD COLUMN closed_reason TEXT;
            ALTER TABLE businesses ADD COLUMN changed_on TEXT;

            ALTER TABLE certificates ADD COLUMN issued_by TEXT;
            ALTER TABLE certificates ADD COLUMN application_id TEXT;
            ALTER TABLE certificates ADD COLUMN extended_on TEXT;
            ALTER TABLE certificates ADD COLUMN original_valid_until TEXT;
            ALTER TABLE certificates ADD COLUMN suspended_from TEXT;
            ALTER TABLE certificates ADD COLUMN suspended_until TEXT;
            ALTER TABLE certificates ADD COLUMN suspension_ground TEXT;
            ALTER TABLE certificates ADD COLUMN sanction_id TEXT;

            CREATE TABLE certificate_applications (
                application_id TEXT PRIMARY KEY,
                business_id    TEXT NOT NULL,
                district       TEXT NOT NULL,
                kind           TEXT NOT NULL,
                request        TEXT NOT NULL,
                received_on    TEXT NOT NULL,
                certificate_no TEXT,
                -- set when a certificate.issued / certificate.extended names this application
                decided_on     TEXT,
                decided_by_certificate TEXT
            );

            CREATE TABLE guidance (
                guidance_id  TEXT PRIMARY KEY,
                topic        TEXT NOT NULL,
                title        TEXT NOT NULL,
                document_ref TEXT NOT NULL,
                issued_on    TEXT NOT NULL,
                summary      TEXT NOT NULL,
                published_by TEXT NOT NULL
            );
            CREATE TABLE guidance_addressees (
                guidance_id     TEXT NOT NULL,
                addressee       TEXT NOT NULL,
                acknowledged_on TEXT,
                note            TEXT,
                PRIMARY KEY (guidance_id, addressee)
            ) WITHOUT ROWID;

            ALTER TABLE inspection_plans ADD COLUMN planned_by TEXT;
            ALTER TABLE inspection_plans ADD COLUMN concluded_on TEXT;
            ALTER TABLE inspection_plans ADD COLUMN conclusion TEXT;
            CREATE TABLE inspection_confirmations (
                plan_id      TEXT NOT NULL,
                agency       TEXT NOT NULL,
                confirmed_on TEXT NOT NULL,
                officers     TEXT NOT NULL,
                PRIMARY KEY (plan_id, agency)
            ) WITHOUT ROWID;
            CREATE INDEX inspections_plan ON inspections (plan_id, business_id);

            ALTER TABLE violations ADD COLUMN closed_on TEXT;
            ALTER TABLE violations ADD COLUMN closed_outcome TEXT;
            CREATE TABLE sanctions (
                sanction_id        TEXT PRIMARY KEY,
                violation_id       TEXT NOT NULL,
                business_id        TEXT NOT NULL,
                district           TEXT NOT NULL,
                decision_no        TEXT NOT NULL,
                decided_on         TEXT NOT NULL,
                penalty            TEXT NOT NULL,
                fine_vnd           INTEGER,
                suspension_months  INTEGER,
                revoke_certificate INTEGER NOT NULL,
                certificate_no     TEXT,
                decided_by         TEXT NOT NULL
            );
            CREATE INDEX sanctions_violation ON sanctions (violation_id);
            CREATE TABLE violation_follow_ups (
                violation_id TEXT NOT NULL,
                checked_on   TEXT NOT NULL,
                remedied     INTEGER NOT NULL,
                note         TEXT NOT NULL,
                checked_by   TEXT NOT NULL,
                PRIMARY KEY (violation_id, checked_on, checked_by)
            ) WITHOUT ROWID;

            CREATE TABLE cases (
                case_id        TEXT PRIMARY KEY,
                kind           TEXT NOT NULL,
                round          INTEGER NOT NULL,
                received_on    TEXT NOT NULL,
                complainant    TEXT NOT NULL,
                subject        TEXT NOT NULL,
                business_id    TEXT,
                district       TEXT,
                remote_area    INTEGER NOT NULL,
                act_on         TEXT,
                received_by    TEXT NOT NULL,
                -- received, accepted, refused, resolved
                status         TEXT NOT NULL,
                accepted_on    TEXT,
                complexity     TEXT,
                refused_on     TEXT,
                refusal_ground TEXT,
                assignee       TEXT,
                assigned_on    TEXT,
                verification_due_on TEXT,
                verified_on    TEXT,
                findings       TEXT,
                resolved_on    TEXT,
                outcome        TEXT,
                decision_ref   TEXT
            );
            CREATE TABLE case_extensions (
                case_id      TEXT NOT NULL,
                extended_on  TEXT NOT NULL,
                days         INTEGER NOT NULL,
                ground       TEXT NOT NULL,
                decision_ref TEXT NOT NULL,
                PRIMARY KEY (case_id, decision_ref)
            ) WITHOUT ROWID;
            CREATE TABLE reminders (
                subject     TEXT NOT NULL,
                subject_id  TEXT NOT NULL,
                state       TEXT NOT NULL,
                responsible TEXT NOT NULL,
                due_on      TEXT NOT NULL,
                reminded_on TEXT NOT NULL,
                PRIMARY KEY (subject, subject_id, state, due_on)
            ) WITHOUT ROWID;

            ALTER TABLE incidents ADD COLUMN affected_business TEXT;
            ALTER TABLE incidents ADD COLUMN measures TEXT;
            CREATE TABLE advisories (
                advisory_id TEXT PRIMARY KEY,
                issued_on   TEXT NOT NULL,
                severity    TEXT NOT NULL,
                title       TEXT NOT NULL,
                advice      TEXT NOT NULL,
                issued_by   TEXT NOT NULL
            );

            CREATE TABLE fire_safety_guidance (
                guidance_id  TEXT PRIMARY KEY,
                issued_on    TEXT NOT NULL,
                title        TEXT NOT NULL,
                document_ref TEXT NOT NULL,
                audience     TEXT NOT NULL,
                summary      TEXT NOT NULL,
                issued_by    TEXT NOT NULL
            );
            CREATE TABLE fire_safety_checks (
                check_id     TEXT PRIMARY KEY,
                business_id  TEXT NOT NULL,
                district     TEXT NOT NULL,
                checked_on   TEXT NOT NULL,
                result       TEXT NOT NULL,
                deficiencies TEXT,
                checked_by   TEXT NOT NULL
            );

            CREATE TABLE games (
                game_id    TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                publisher  TEXT,
                reasons    TEXT NOT NULL,
                flagged_on TEXT NOT NULL,
                evidence   TEXT NOT NULL,
                flagged_by TEXT NOT NULL
            );
            CREATE TABLE game_proposals (
                proposal_id  TEXT PRIMARY KEY,
                game_ids     TEXT NOT NULL,
                drafted_on   TEXT NOT NULL,
                measures     TEXT NOT NULL,
                cosigners    TEXT NOT NULL,
                drafted_by   TEXT NOT NULL,
                submitted_on TEXT,
                document_ref TEXT
            );
            CREATE TABLE game_concurrences (
                proposal_id  TEXT NOT NULL,
                agency       TEXT NOT NULL,
                concurred_on TEXT NOT NULL,
                agrees       INTEGER NOT NULL,
                comment      TEXT,
                PRIMARY KEY (proposal_id, agency)
            ) WITHOUT ROWID;

            CREATE TABLE report_requests (
                request_id   TEXT PRIMARY KEY,
                kind         TEXT NOT NULL,
                subject      TEXT NOT NULL,
                period_from  TEXT NOT NULL,
                period_to    TEXT NOT NULL,
                requested_on TEXT NOT NULL,
                due_on       TEXT NOT NULL
            );
            CREATE TABLE report_answers (
                request_id   TEXT NOT NULL,
                agency       TEXT NOT NULL,
                submitted_on TEXT,
                figures      TEXT,
                note         TEXT,
                PRIMARY KEY (request_id, agency)
            ) WITHOUT ROWID;

            CREATE TABLE training_proposals (
                proposal_id   TEXT PRIMARY KEY,
                title         TEXT NOT NULL,
                audience      TEXT NOT NULL,
                participants  INTEGER NOT NULL,
                proposed_on   TEXT NOT NULL,
                estimated_cost_vnd INTEGER,
                proposed_by   TEXT NOT NULL
            );
            CREATE TABLE outreach_campaigns (
                campaign_id TEXT PRIMARY KEY,
                title       TEXT NOT NULL,
                channel     TEXT NOT NULL,
                from_on     TEXT NOT NULL,
                to_on       TEXT NOT NULL,
                reach       INTEGER NOT NULL,
                district    TEXT,
                reported_by TEXT NOT NULL
            );
            CREATE TABLE school_programmes (
                programme_id  TEXT PRIMARY KEY,
                title         TEXT NOT NULL,
                school_year   TEXT NOT NULL,
                schools       INTEGER NOT NULL,
                rural_schools INTEGER NOT NULL,
                students      INTEGER NOT NULL,
                district      TEXT,
                reported_by   TEXT NOT NULL
            );
            CREATE TABLE funding_requests (
                request_id    TEXT PRIMARY KEY,
                purpose       TEXT NOT NULL,
                amount_vnd    INTEGER NOT NULL,
                fiscal_year   INTEGER NOT NULL,
                requested_on  TEXT NOT NULL,
                justification TEXT NOT NULL,
                requested_by  TEXT NOT NULL,
                allocated_vnd INTEGER,
                allocated_on  TEXT,
                decision_ref  TEXT
            );
            """)
    }

    /// Every aggregate table, emptied before a rebuild.
    static let aggregateTables = [
        "businesses", "certificates", "certificate_applications", "guidance", "guidance_addressees",
        "inspection_plans", "inspection_confirmations", "inspections", "violations", "sanctions",
        "violation_follow_ups", "cases", "case_extensions", "reminders", "incidents", "advisories",
        "fire_safety_guidance", "fire_safety_checks", "games", "game_proposals", "game_concurrences",
        "report_requests", "report_answers", "training_proposals", "outreach_campaigns", "school_programmes",
        "funding_requests", "anomalies",
    ] + SchemaFinePayments.tables
}

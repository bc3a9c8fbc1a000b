import GRDB

/// The "v6-report-dates" migration: an index on every date a report counts by.
///
/// A periodic report counts, for one window, the inspections conducted, violations observed,
/// sanctions decided, certificates issued… each by its own date (`… WHERE conducted_on BETWEEN
/// ?1 AND ?2`), grouped by a column or two and limited to a scope's districts or businesses.
/// Without an index each count read its whole table, so a report's time grew with the years of
/// history rather than with the window (docs/PERFORMANCE.md: the quarterly report over ten
/// years). The indexes of the large tables also carry the columns the counts read (kind,
/// outcome, result, district, business), so a count reads the index alone, not a table row per
/// match. Dates that most rows leave empty (a certificate's revocation, a case's refusal) get
/// partial indexes, which cost an act that leaves them empty nothing.
enum SchemaReportDates {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
    }

    /// The "v7-business-movements" migration: the registry's district index also carries the
    /// dates a report's business table counts by (registered, closed), so that table — the
    /// operating businesses at the start and end of the window, the openings and closings in it,
    /// for every district and kind — is read from the index alone instead of a table row per
    /// business (about half its time over 270 000 businesses). The index keeps its name and its
    /// prefix, so every lookup by district and kind still uses it, in a rebuild too.
    static func migrateBusinessMovements(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX businesses_district;
            CREATE INDEX businesses_district ON businesses (district, kind, registered_on, closed_on);
            """)
    }

    /// The indexes this migration creates: only the reports read them, so a rebuild drops them
    /// for the replay and builds them again after (``Projection/rebuild(_:progress:)``).
    static let indexNames: [String] = sql.split(separator: "\n").compactMap { line in
        let words = line.split(separator: " ")
        return words.count > 2 && words[0] == "CREATE" && words[1] == "INDEX" ? String(words[2]) : nil
    }

    static let sql = """
            CREATE INDEX inspections_conducted_on ON inspections (conducted_on, kind, outcome, district, business_id, plan_id);
            CREATE INDEX violations_observed_on ON violations (observed_on, district, category, business_id);
            CREATE INDEX sanctions_decided_on ON sanctions (decided_on, violation_id, fine_vnd);
            CREATE INDEX fire_safety_checks_checked_on ON fire_safety_checks (checked_on, result, district, business_id);
            CREATE INDEX incidents_occurred_on ON incidents (occurred_on, severity, district, affected_business);
            CREATE INDEX certificates_issued_on ON certificates (issued_on, district, business_id);
            CREATE INDEX certificates_valid_until ON certificates (valid_until, revoked_on, district, business_id);
            CREATE INDEX certificates_extended_on ON certificates (extended_on) WHERE extended_on IS NOT NULL;
            CREATE INDEX certificates_suspended_from ON certificates (suspended_from) WHERE suspended_from IS NOT NULL;
            CREATE INDEX certificates_revoked_on ON certificates (revoked_on) WHERE revoked_on IS NOT NULL;
            CREATE INDEX cases_received_on ON cases (kind, received_on, district, business_id);
            CREATE INDEX cases_accepted_on ON cases (kind, accepted_on) WHERE accepted_on IS NOT NULL;
            CREATE INDEX cases_refused_on ON cases (kind, refused_on) WHERE refused_on IS NOT NULL;
            CREATE INDEX cases_resolved_on ON cases (kind, resolved_on) WHERE resolved_on IS NOT NULL;
            """
}

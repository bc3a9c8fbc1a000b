import GRDB

/// The "v3-certificates" migration: how many times a certificate was extended, so the limit of
/// config/rules/certificates.yaml (`maxExtensions`) is data, not the single `extended_on` column.
enum SchemaCertificates {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE certificates ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX certificate_applications_open ON certificate_applications (district, decided_on);
            CREATE INDEX guidance_addressees_addressee ON guidance_addressees (addressee, acknowledged_on);
            """)
    }
}

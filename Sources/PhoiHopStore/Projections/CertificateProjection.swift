public import GRDB
public import PhoiHopProtocol

extension CertificateApplied: ProjectedAct {
    /// The processing deadline is not stored: queries compute it from the rules.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO certificate_applications (application_id, business_id, district, kind, request, received_on, certificate_no)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (application_id) DO NOTHING
                """,
            binding: applicationID, businessID, district.rawValue, kind.rawValue, request.rawValue, receivedOn.description,
                        certificateNo)
        try Projection.expectChange(db, position, "application \(applicationID) was received again; the first stands")
    }
}

/// Closes the application a certificate act answers.
enum ApplicationClosing {
    static func close(_ db: Database, _ position: Int64, applicationID: String?, on date: CivilDate, certificateNo: String) throws {
        guard let applicationID else { return }
        try db.execute(
            cached: """
                UPDATE certificate_applications SET decided_on = ?, decided_by_certificate = ?
                WHERE application_id = ? AND decided_on IS NULL
                """,
            binding: date.description, certificateNo, applicationID)
        try Projection.expectChange(db, position, "certificate \(certificateNo) answers application \(applicationID), which is unknown or already decided")
    }
}

extension CertificateIssued: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT INTO certificates (certificate_no, business_id, district, kind, issued_on, valid_until, status,
                                          issued_by, application_id, original_valid_until)
                VALUES (?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?)
                ON CONFLICT (certificate_no) DO NOTHING
                """,
            binding: certificateNo, businessID, district.rawValue, kind.rawValue, issuedOn.description,
                        validUntil.description, author.rawValue, applicationID, validUntil.description)
        if db.changesCount == 0 {
            return try Projection.anomaly(db, position, "certificate \(certificateNo) was issued again; the first issue stands")
        }
        try ApplicationClosing.close(db, position, applicationID: applicationID, on: issuedOn, certificateNo: certificateNo)
    }
}

extension CertificateExtended: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE certificates SET valid_until = ?, extended_on = ?, extensions = extensions + 1
                WHERE certificate_no = ? AND status = 'valid' AND valid_until < ?
                """,
            binding: newValidUntil.description, extendedOn.description, certificateNo, newValidUntil.description)
        if db.changesCount == 0 {
            return try Projection.anomaly(
                db, position, "extension of certificate \(certificateNo), which is unknown, revoked or already valid beyond \(newValidUntil)")
        }
        try ApplicationClosing.close(db, position, applicationID: applicationID, on: extendedOn, certificateNo: certificateNo)
    }
}

extension CertificateSuspended: ProjectedAct {
    /// The certificate holds one suspension period (the sanction group writes the same
    /// columns); a later period replaces one that ended before it starts, an overlapping one is
    /// an anomaly.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE certificates SET suspended_from = ?, suspended_until = ?, suspension_ground = ?,
                    sanction_id = coalesce(?, sanction_id)
                WHERE certificate_no = ? AND status = 'valid' AND (suspended_until IS NULL OR suspended_until < ?)
                """,
            binding: from.description, until.description, ground, sanctionID, certificateNo, from.description)
        try Projection.expectChange(
            db, position, "suspension of certificate \(certificateNo) from \(from), which is unknown, revoked or already suspended then")
    }
}

extension CertificateRevoked: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE certificates SET status = 'revoked', revoked_on = ?, revoked_by = ?, ground = ?,
                    sanction_id = coalesce(?, sanction_id)
                WHERE certificate_no = ? AND status = 'valid'
                """,
            binding: revokedOn.description, author.rawValue, ground, sanctionID, certificateNo)
        try Projection.expectChange(db, position, "revocation of certificate \(certificateNo), which is unknown or already revoked")
    }
}

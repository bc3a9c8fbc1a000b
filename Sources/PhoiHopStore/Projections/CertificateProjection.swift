public import GRDB
public import PhoiHopProtocol

extension CertificateApplied: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(certificates)
    }
}

extension CertificateIssued: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                INSERT INTO certificates (certificate_no, business_id, district, kind, issued_on, valid_until, status,
                                          issued_by, application_id, original_valid_until)
                VALUES (?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?)
                ON CONFLICT (certificate_no) DO NOTHING
                """,
            arguments: [certificateNo, businessID, district.rawValue, kind.rawValue, issuedOn.description,
                        validUntil.description, author.rawValue, applicationID, validUntil.description])
        try Projection.expectChange(db, position, "certificate \(certificateNo) was issued again; the first issue stands")
    }
}

extension CertificateExtended: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(certificates)
    }
}

extension CertificateSuspended: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(certificates)
    }
}

extension CertificateRevoked: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            sql: """
                UPDATE certificates SET status = 'revoked', revoked_on = ?, revoked_by = ?, ground = ?,
                    sanction_id = coalesce(?, sanction_id)
                WHERE certificate_no = ? AND status = 'valid'
                """,
            arguments: [revokedOn.description, author.rawValue, ground, sanctionID, certificateNo])
        try Projection.expectChange(db, position, "revocation of certificate \(certificateNo), which is unknown or already revoked")
    }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Certificates (Điều 10.3, under KH-ĐT's guidance, Điều 7): the district of the business
// receives applications, issues, extends, suspends and revokes; limits come from
// config/rules/certificates.yaml.

extension CertificateApplied: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        _ = try RegistryChecks.openBusiness(context, businessID, of: district)
        if let existing = try ApplicationRecord.fetch(context.db, id: applicationID) {
            throw DomainError("application \(applicationID) is already recorded (received \(existing.receivedOn) for \(existing.businessID)); use a new id")
        }
        guard try CertificateChecks.rule(context, kind).processingDays[request] != nil else {
            throw DomainError("certificates.yaml gives no processing limit for a \(request.rawValue) \(kind.rawValue) application")
        }
        if let number = certificateNo {
            let certificate = try CertificateChecks.certificate(context, number, of: businessID, district: district)
            guard certificate.kind == kind else {
                throw DomainError("certificate \(number) is a \(certificate.kind.rawValue) certificate, not \(kind.rawValue)")
            }
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateIssued: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard issuedOn >= business.registeredOn else {
            throw DomainError("business \(businessID) was registered on \(business.registeredOn); a certificate cannot be issued on \(issuedOn)")
        }
        if try CertificateRecord.fetch(context.db, number: certificateNo) != nil {
            throw DomainError("certificate number \(certificateNo) is already used; numbers are never reused")
        }
        let rule = try CertificateChecks.rule(context, kind)
        if let expected = rule.validUntil(issuedOn: issuedOn), expected != validUntil {
            throw DomainError("a \(kind.rawValue) certificate issued on \(issuedOn) is valid until \(expected) (\(rule.validityYears ?? 0) years, \(rule.source)), not \(validUntil)")
        }
        let held = try CertificateRecord.fetchAll(context.db, where: "business_id = ? AND kind = ?", arguments: [businessID, kind.rawValue])
            .filter { $0.isHeld(on: issuedOn) }
        if let current = held.first {
            throw DomainError("business \(businessID) already holds \(kind.rawValue) certificate \(current.certificateNo) (valid until \(current.validUntil)); revoke it first or extend it")
        }
        if let applicationID {
            let application = try CertificateChecks.openApplication(context, applicationID, business: businessID, kind: kind)
            guard application.request != .extend else {
                throw DomainError("application \(applicationID) asks for an extension; answer it with certificate extend, not issue")
            }
            guard issuedOn >= application.receivedOn else {
                throw DomainError("application \(applicationID) was received on \(application.receivedOn); it cannot be answered on \(issuedOn)")
            }
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateExtended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        _ = try RegistryChecks.openBusiness(context, businessID, of: district)
        let certificate = try CertificateChecks.certificate(context, certificateNo, of: businessID, district: district)
        try CertificateChecks.notRevoked(certificate)
        guard extendedOn <= certificate.validUntil else {
            throw DomainError("certificate \(certificateNo) expired on \(certificate.validUntil); an expired certificate cannot be extended (\(extendedOn)) — apply for a new one")
        }
        let rule = try CertificateChecks.rule(context, certificate.kind)
        guard certificate.extensions < rule.maxExtensions else {
            throw DomainError("certificate \(certificateNo) was already extended \(certificate.extensions) time(s) (last on \(certificate.extendedOn?.description ?? "?")); \(certificate.kind.rawValue) allows \(rule.maxExtensions) (\(rule.source))")
        }
        guard newValidUntil > certificate.validUntil else {
            throw DomainError("certificate \(certificateNo) is already valid until \(certificate.validUntil); the new end \(newValidUntil) must be later")
        }
        let limit = certificate.validUntil.adding(months: rule.maxExtensionMonths)
        guard newValidUntil <= limit else {
            throw DomainError("certificate \(certificateNo) may be extended by at most \(rule.maxExtensionMonths) months, to \(limit); \(newValidUntil) is beyond (\(rule.source))")
        }
        if let applicationID {
            let application = try CertificateChecks.openApplication(context, applicationID, business: businessID, kind: certificate.kind)
            guard application.request == .extend, application.certificateNo == certificateNo else {
                throw DomainError("application \(applicationID) is a \(application.request.rawValue) application\(application.certificateNo.map { " about \($0)" } ?? ""), not an extension of \(certificateNo)")
            }
            guard extendedOn >= application.receivedOn else {
                throw DomainError("application \(applicationID) was received on \(application.receivedOn); it cannot be answered on \(extendedOn)")
            }
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateSuspended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let certificate = try CertificateChecks.certificate(context, certificateNo, of: businessID, district: district)
        try CertificateChecks.notRevoked(certificate)
        guard from >= certificate.issuedOn else {
            throw DomainError("certificate \(certificateNo) was issued on \(certificate.issuedOn); a suspension cannot start on \(from)")
        }
        guard until <= certificate.validUntil else {
            throw DomainError("certificate \(certificateNo) is valid until \(certificate.validUntil); a suspension cannot last until \(until)")
        }
        if let start = certificate.suspendedFrom, let end = certificate.suspendedUntil, from <= end {
            // One suspension period is kept per certificate: a new one must start after the last ends.
            throw DomainError("certificate \(certificateNo) is already suspended from \(start) to \(end)\(certificate.sanctionID.map { " (sanction \($0))" } ?? ""); a new suspension must start after \(end)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateRevoked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let certificate = try CertificateRecord.fetch(context.db, number: certificateNo) else {
            throw DomainError("certificate \(certificateNo) is unknown to \(context.agency); check the number")
        }
        try CertificateChecks.notRevoked(certificate)
        guard certificate.district == district.rawValue else {
            throw DomainError("certificate \(certificateNo) was issued by \(certificate.district), not \(district)")
        }
        guard certificate.businessID == businessID else {
            throw DomainError("certificate \(certificateNo) belongs to business \(certificate.businessID), not \(businessID)")
        }
        guard revokedOn >= certificate.issuedOn else {
            throw DomainError("certificate \(certificateNo) was issued on \(certificate.issuedOn); it cannot be revoked on \(revokedOn)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

/// The certificate checks the acts share.
enum CertificateChecks {
    static func rule(_ context: ActContext, _ kind: CertificateKind) throws -> CertificateRule {
        guard let rule = context.rules.certificates.rule(kind) else {
            throw DomainError("config/rules/certificates.yaml has no rule for \(kind.rawValue)")
        }
        return rule
    }

    /// Certificate `number` of `businessID`, issued by `district`.
    static func certificate(_ context: ActContext, _ number: String, of businessID: String, district: AgencyID) throws -> CertificateRecord {
        guard let certificate = try CertificateRecord.fetch(context.db, number: number) else {
            throw DomainError("certificate \(number) is unknown to \(context.agency); check the number (phoihop certificate list)")
        }
        guard certificate.district == district.rawValue else {
            throw DomainError("certificate \(number) was issued by \(certificate.district), not \(district)")
        }
        guard certificate.businessID == businessID else {
            throw DomainError("certificate \(number) belongs to business \(certificate.businessID), not \(businessID)")
        }
        return certificate
    }

    static func notRevoked(_ certificate: CertificateRecord) throws {
        guard certificate.revoked else { return }
        let sanction = certificate.sanctionID.map { ", sanction \($0)" } ?? ""
        throw DomainError("certificate \(certificate.certificateNo) is already revoked (revoked \(certificate.revokedOn?.description ?? "?") by \(certificate.revokedBy ?? "?")\(sanction))")
    }

    /// Application `id`, still open, for `business` and `kind`.
    static func openApplication(_ context: ActContext, _ id: String, business: String, kind: CertificateKind) throws -> ApplicationRecord {
        guard let application = try ApplicationRecord.fetch(context.db, id: id) else {
            throw DomainError("application \(id) is unknown to \(context.agency); record it first (phoihop certificate apply)")
        }
        if let decided = application.decidedOn {
            throw DomainError("application \(id) was already answered on \(decided) by certificate \(application.decidedByCertificate ?? "?")")
        }
        guard application.businessID == business, application.kind == kind else {
            throw DomainError("application \(id) is for a \(application.kind.rawValue) certificate of \(application.businessID), not \(kind.rawValue) of \(business)")
        }
        return application
    }
}

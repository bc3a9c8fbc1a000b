import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Certificates (Điều 10.3, under KH-ĐT's guidance, Điều 7).

extension CertificateApplied: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateIssued: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) else {
            throw DomainError("business \(businessID) is not in \(context.agency)'s registry; register it first (phoihop business register)")
        }
        guard registered == district else {
            throw DomainError("business \(businessID) is registered in \(registered), not \(district)")
        }
        if try ProvinceQueries.certificate(context.db, number: certificateNo) != nil {
            throw DomainError("certificate number \(certificateNo) is already used; numbers are never reused")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateExtended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateSuspended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateRevoked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let certificate = try ProvinceQueries.certificate(context.db, number: certificateNo) else {
            throw DomainError("certificate \(certificateNo) is unknown to \(context.agency); check the number")
        }
        if certificate.status == "revoked" {
            throw DomainError("certificate \(certificateNo) is already revoked (revoked \(certificate.revokedOn ?? "?") by \(certificate.revokedBy ?? "?"))")
        }
        guard certificate.district == district.rawValue else {
            throw DomainError("certificate \(certificateNo) was issued by \(certificate.district), not \(district)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

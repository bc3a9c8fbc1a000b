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
            throw DomainError("hồ sơ \(applicationID) đã được tiếp nhận (ngày \(existing.receivedOn.vietnameseText), của điểm kinh doanh \(existing.businessID)); hãy dùng mã hồ sơ khác")
        }
        guard try CertificateChecks.rule(context, kind).processingDays[request] != nil else {
            throw DomainError("certificates.yaml không quy định thời hạn giải quyết hồ sơ \(request.vietnameseName.lowercased()) (\(request.rawValue)) cho giấy chứng nhận loại \(kind.rawValue)")
        }
        if let number = certificateNo {
            let certificate = try CertificateChecks.certificate(context, number, of: businessID, district: district)
            guard certificate.kind == kind else {
                throw DomainError("giấy chứng nhận \(number) thuộc loại \(certificate.kind.rawValue), không phải \(kind.rawValue)")
            }
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateIssued: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard issuedOn >= business.registeredOn else {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký ngày \(business.registeredOn.vietnameseText); không thể cấp giấy chứng nhận ngày \(issuedOn.vietnameseText), trước ngày đăng ký")
        }
        if try CertificateRecord.fetch(context.db, number: certificateNo) != nil {
            throw DomainError("số giấy chứng nhận \(certificateNo) đã được sử dụng; mỗi số chỉ dùng một lần, hãy dùng số khác")
        }
        let rule = try CertificateChecks.rule(context, kind)
        if let expected = rule.validUntil(issuedOn: issuedOn), expected != validUntil {
            throw DomainError("giấy chứng nhận loại \(kind.rawValue) cấp ngày \(issuedOn.vietnameseText) có hiệu lực đến \(expected.vietnameseText) (\(rule.validityYears ?? 0) năm, \(rule.source)), không phải \(validUntil.vietnameseText)")
        }
        let held = try CertificateRecord.fetchAll(context.db, where: "business_id = ? AND kind = ?", arguments: [businessID, kind.rawValue])
            .filter { $0.isHeld(on: issuedOn) }
        if let current = held.first {
            throw DomainError("điểm kinh doanh \(businessID) đang có giấy chứng nhận \(current.certificateNo) loại \(kind.rawValue) (hiệu lực đến \(current.validUntil.vietnameseText)); hãy thu hồi giấy đó trước hoặc gia hạn giấy đó")
        }
        if let applicationID {
            let application = try CertificateChecks.openApplication(context, applicationID, business: businessID, kind: kind)
            guard application.request != .extend else {
                throw DomainError("hồ sơ \(applicationID) đề nghị gia hạn; hãy giải quyết bằng phoihop certificate extend, không phải cấp mới")
            }
            guard issuedOn >= application.receivedOn else {
                throw DomainError("hồ sơ \(applicationID) tiếp nhận ngày \(application.receivedOn.vietnameseText); không thể giải quyết ngày \(issuedOn.vietnameseText), trước ngày tiếp nhận")
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
            throw DomainError("giấy chứng nhận \(certificateNo) đã hết hạn ngày \(certificate.validUntil.vietnameseText); không thể gia hạn giấy đã hết hạn (ngày \(extendedOn.vietnameseText)) — hãy tiếp nhận hồ sơ đề nghị cấp mới")
        }
        let rule = try CertificateChecks.rule(context, certificate.kind)
        guard certificate.extensions < rule.maxExtensions else {
            throw DomainError("giấy chứng nhận \(certificateNo) đã được gia hạn \(certificate.extensions) lần (lần cuối ngày \(certificate.extendedOn?.vietnameseText ?? "?")); loại \(certificate.kind.rawValue) chỉ được gia hạn \(rule.maxExtensions) lần (\(rule.source))")
        }
        guard newValidUntil > certificate.validUntil else {
            throw DomainError("giấy chứng nhận \(certificateNo) đã có hiệu lực đến \(certificate.validUntil.vietnameseText); ngày hết hiệu lực mới (\(newValidUntil.vietnameseText)) phải sau ngày đó")
        }
        let limit = certificate.validUntil.adding(months: rule.maxExtensionMonths)
        guard newValidUntil <= limit else {
            throw DomainError("giấy chứng nhận \(certificateNo) chỉ được gia hạn tối đa \(rule.maxExtensionMonths) tháng, đến ngày \(limit.vietnameseText); ngày \(newValidUntil.vietnameseText) vượt quá thời hạn này (\(rule.source))")
        }
        if let applicationID {
            let application = try CertificateChecks.openApplication(context, applicationID, business: businessID, kind: certificate.kind)
            guard application.request == .extend, application.certificateNo == certificateNo else {
                throw DomainError("hồ sơ \(applicationID) là hồ sơ \(application.request.vietnameseName.lowercased()) (\(application.request.rawValue))\(application.certificateNo.map { " về giấy chứng nhận \($0)" } ?? ""), không phải hồ sơ gia hạn \(certificateNo)")
            }
            guard extendedOn >= application.receivedOn else {
                throw DomainError("hồ sơ \(applicationID) tiếp nhận ngày \(application.receivedOn.vietnameseText); không thể giải quyết ngày \(extendedOn.vietnameseText), trước ngày tiếp nhận")
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
            throw DomainError("giấy chứng nhận \(certificateNo) cấp ngày \(certificate.issuedOn.vietnameseText); không thể đình chỉ từ ngày \(from.vietnameseText), trước ngày cấp")
        }
        guard until <= certificate.validUntil else {
            throw DomainError("giấy chứng nhận \(certificateNo) có hiệu lực đến \(certificate.validUntil.vietnameseText); không thể đình chỉ đến ngày \(until.vietnameseText), sau ngày hết hiệu lực")
        }
        if let start = certificate.suspendedFrom, let end = certificate.suspendedUntil, from <= end {
            // One suspension period is kept per certificate: a new one must start after the last ends.
            throw DomainError("giấy chứng nhận \(certificateNo) đang bị đình chỉ từ \(start.vietnameseText) đến \(end.vietnameseText)\(certificate.sanctionID.map { " (quyết định xử phạt \($0))" } ?? ""); lần đình chỉ mới phải bắt đầu sau ngày \(end.vietnameseText)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension CertificateRevoked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let certificate = try CertificateRecord.fetch(context.db, number: certificateNo) else {
            throw DomainError("giấy chứng nhận \(certificateNo) không có trong dữ liệu của \(context.agency); hãy kiểm tra lại số giấy (phoihop certificate list)")
        }
        try CertificateChecks.notRevoked(certificate)
        guard certificate.district == district.rawValue else {
            throw DomainError("giấy chứng nhận \(certificateNo) do \(certificate.district) cấp, không phải \(district)")
        }
        guard certificate.businessID == businessID else {
            throw DomainError("giấy chứng nhận \(certificateNo) thuộc điểm kinh doanh \(certificate.businessID), không phải \(businessID)")
        }
        guard revokedOn >= certificate.issuedOn else {
            throw DomainError("giấy chứng nhận \(certificateNo) cấp ngày \(certificate.issuedOn.vietnameseText); không thể thu hồi ngày \(revokedOn.vietnameseText), trước ngày cấp")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

/// The certificate checks the acts share.
enum CertificateChecks {
    static func rule(_ context: ActContext, _ kind: CertificateKind) throws -> CertificateRule {
        guard let rule = context.rules.certificates.rule(kind) else {
            throw DomainError("config/rules/certificates.yaml không có quy định cho giấy chứng nhận loại \(kind.rawValue)")
        }
        return rule
    }

    /// Certificate `number` of `businessID`, issued by `district`.
    static func certificate(_ context: ActContext, _ number: String, of businessID: String, district: AgencyID) throws -> CertificateRecord {
        guard let certificate = try CertificateRecord.fetch(context.db, number: number) else {
            throw DomainError("giấy chứng nhận \(number) không có trong dữ liệu của \(context.agency); hãy kiểm tra lại số giấy (phoihop certificate list)")
        }
        guard certificate.district == district.rawValue else {
            throw DomainError("giấy chứng nhận \(number) do \(certificate.district) cấp, không phải \(district)")
        }
        guard certificate.businessID == businessID else {
            throw DomainError("giấy chứng nhận \(number) thuộc điểm kinh doanh \(certificate.businessID), không phải \(businessID)")
        }
        return certificate
    }

    static func notRevoked(_ certificate: CertificateRecord) throws {
        guard certificate.revoked else { return }
        let sanction = certificate.sanctionID.map { ", quyết định xử phạt \($0)" } ?? ""
        throw DomainError("giấy chứng nhận \(certificate.certificateNo) đã bị thu hồi (ngày \(certificate.revokedOn?.vietnameseText ?? "?"), bởi \(certificate.revokedBy ?? "?")\(sanction))")
    }

    /// Application `id`, still open, for `business` and `kind`.
    static func openApplication(_ context: ActContext, _ id: String, business: String, kind: CertificateKind) throws -> ApplicationRecord {
        guard let application = try ApplicationRecord.fetch(context.db, id: id) else {
            throw DomainError("hồ sơ \(id) chưa được tiếp nhận tại \(context.agency); hãy tiếp nhận hồ sơ trước (phoihop certificate apply)")
        }
        if let decided = application.decidedOn {
            throw DomainError("hồ sơ \(id) đã được giải quyết ngày \(decided.vietnameseText) bằng giấy chứng nhận \(application.decidedByCertificate ?? "?")")
        }
        guard application.businessID == business, application.kind == kind else {
            throw DomainError("hồ sơ \(id) đề nghị giấy chứng nhận loại \(application.kind.rawValue) cho điểm kinh doanh \(application.businessID), không phải loại \(kind.rawValue) cho \(business)")
        }
        return application
    }
}

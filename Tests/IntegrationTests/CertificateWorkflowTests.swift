import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Certificates through real daemons: the district records, the hub and the departments hold
/// the same state.
@Suite(.serialized)
struct CertificateWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func register(_ province: Province, _ id: String) throws {
        try province.record(tanAn, MessageBody(BusinessRegistered(
            businessID: id, name: "Điểm trò chơi \(id)", kind: .gamePoint, district: tanAn, address: "1 Đường số 3",
            owner: "Nguyễn Văn An", machines: 20, registeredOn: date("2026-11-01"))))
    }

    @Test func anApplicationAnsweredByAnIssueOnTimeIsSeenAtTheHub() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try Self.register(province, "TA-1")
        try province.record(Self.tanAn, MessageBody(CertificateApplied(
            applicationID: "HS-1", businessID: "TA-1", district: Self.tanAn, kind: .gamePointEligibility, request: .new,
            receivedOn: Self.date("2026-11-10"))))
        try province.waitUntil("the hub lists HS-1 as open", timeout: 20) {
            try province.query(.hub, "certificate.applications", as: [ApplicationRow].self).count == 1
        }
        let open = try province.query(.hub, "certificate.applications", as: [ApplicationRow].self)
        #expect(open.first?.dueOn == Self.date("2026-11-24"))
        #expect(open.first?.overdue == false)

        try province.record(Self.tanAn, MessageBody(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .gamePointEligibility,
            issuedOn: Self.date("2026-11-20"), validUntil: Self.date("2029-11-19"), applicationID: "HS-1")))
        try province.waitUntil("the hub has no open application", timeout: 20) {
            try province.query(.hub, "certificate.applications", as: [ApplicationRow].self).isEmpty
        }
        let answered = try province.query(.hub, "certificate.applications", ["all": "true"], as: [ApplicationRow].self)
        #expect(answered.first?.application.decidedByCertificate == "GCN-TA-1")
        #expect(answered.first?.onTime == true)
        let certificates = try province.query(.hub, "certificate.list", as: [CertificateRow].self)
        #expect(certificates.map(\.status) == [.valid])
        #expect(certificates.first?.certificate.applicationID == "HS-1")
    }

    @Test func extensionSuspensionAndRevocationReachTheHubAndTheDepartments() throws {
        let province = try Province(districts: 1, today: "2026-11-25")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.vhttdl)
        try Self.register(province, "TA-1")
        try Self.register(province, "TA-2")
        for (number, business) in [("GCN-TA-1", "TA-1"), ("GCN-TA-2", "TA-2")] {
            try province.record(Self.tanAn, MessageBody(CertificateIssued(
                certificateNo: number, businessID: business, district: Self.tanAn, kind: .gamePointEligibility,
                issuedOn: Self.date("2026-11-06"), validUntil: Self.date("2029-11-05"))))
        }
        try province.record(Self.tanAn, MessageBody(CertificateExtended(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, extendedOn: Self.date("2026-11-20"),
            newValidUntil: Self.date("2030-05-05"))))
        try province.record(Self.tanAn, MessageBody(CertificateSuspended(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, from: Self.date("2026-11-21"),
            until: Self.date("2026-12-20"), ground: "Chưa bảo đảm PCCC")))
        try province.record(Self.tanAn, MessageBody(CertificateRevoked(
            certificateNo: "GCN-TA-2", businessID: "TA-2", district: Self.tanAn, revokedOn: Self.date("2026-11-22"),
            ground: "Gian lận hồ sơ", sanctionID: "XP-1")))

        for agency in [Self.tanAn, .hub, Self.vhttdl] {
            try province.waitUntil("\(agency) sees GCN-TA-2 revoked", timeout: 20) {
                try province.query(agency, "certificate.list", ["status": "revoked"], as: [CertificateRow].self).count == 1
            }
            let first = try province.query(agency, "certificate.show", ["number": "GCN-TA-1"], as: CertificateDetail.self)
            #expect(first.row.status == .suspended, "\(agency)")
            #expect(first.row.certificate.validUntil == Self.date("2030-05-05"), "\(agency)")
            #expect(first.row.certificate.extensions == 1, "\(agency)")
            let second = try province.query(agency, "certificate.show", ["number": "GCN-TA-2"], as: CertificateDetail.self)
            #expect(second.row.certificate.sanctionID == "XP-1", "\(agency)")
            #expect(second.row.certificate.revokedBy == Self.tanAn.rawValue, "\(agency)")
        }
        // A second extension is refused at the district, naming the rule's limit.
        do {
            try province.record(Self.tanAn, MessageBody(CertificateExtended(
                certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, extendedOn: Self.date("2026-11-25"),
                newValidUntil: Self.date("2030-06-05"))))
            Issue.record("extended twice")
        } catch let error as ControlError {
            #expect(error.description.contains("giấy chứng nhận GCN-TA-1 đã được gia hạn 1 lần"))
        }
        let summary = try province.query(.hub, "business.summary", as: [BusinessSummaryRow].self)
        #expect(summary.first?.suspendedCertificates == 1)
        #expect(summary.first?.revokedCertificates == 1)
        #expect(summary.first?.operatingWithoutValidCertificate == 2)
    }
}

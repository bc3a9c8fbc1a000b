import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// A violation through real daemons: Đội 814 records it, the hub relays it to the district, the
/// district's sanction revokes the certificate at the hub, at the district and at Đội 814.
@Suite(.serialized)
struct ViolationWorkflowTests {
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// Tân An registers TA-1 and issues its certificate GCN-TA-1; once Đội 814 holds it, Đội 814
    /// records violation VP-1 at TA-1. (The hub, Đội 814 and Tân An must be running.)
    static func recordCertifiedBusinessAndViolation(_ province: Province) throws {
        try province.record(tanAn, ProvinceTests.business("TA-1", in: tanAn))
        try province.record(tanAn, MessageBody(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: tanAn, kind: .gamePointEligibility,
            issuedOn: ProvinceTests.date("2026-11-06"), validUntil: ProvinceTests.date("2029-11-05"))))
        try province.waitUntil("Đội 814 holds the business and its certificate", timeout: 30) {
            try province.status(vhttdl).totals.validCertificates == 1
        }
        try province.record(vhttdl, MessageBody(ViolationRecorded(
            violationID: "VP-1", businessID: "TA-1", district: tanAn, category: "ND72-false-information",
            observedOn: ProvinceTests.date("2026-11-15"), evidenceRef: "BB-814-1", description: "Khai sai khoảng cách tới trường học")))
    }

    /// Tân An's sanction XP-1 of VP-1: a fine of `fineVND`, revoking GCN-TA-1.
    static func sanction(fineVND: Int64) -> MessageBody {
        MessageBody(SanctionDecided(
            sanctionID: "XP-1", violationID: "VP-1", businessID: "TA-1", district: tanAn, decisionNo: "01/QĐ-XPVPHC",
            decidedOn: ProvinceTests.date("2026-11-20"), penalty: .fine, fineVND: fineVND, revokeCertificate: true, certificateNo: "GCN-TA-1"))
    }

    @Test func aViolationByVhttdlIsSanctionedByTheDistrictAndTheRevocationReachesEveryCopyOfTheCertificate() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        for agency in [.hub, Self.vhttdl, Self.tanAn] { try province.start(agency) }

        try Self.recordCertifiedBusinessAndViolation(province)
        try province.waitUntil("the district holds the relayed violation", timeout: 30) {
            try province.status(Self.tanAn).totals.violations == 1
        }

        do {
            try province.record(Self.tanAn, Self.sanction(fineVND: 10_000_001))
            Issue.record("a fine above the band was accepted")
        } catch let error as ControlError {
            #expect(error.description.contains("số tiền phạt 10.000.001 đ nằm ngoài khung tiền phạt"))
            #expect(error.description.contains("5.000.000–10.000.000 đ"))
        }
        try province.record(Self.tanAn, Self.sanction(fineVND: 5_000_000))
        #expect(try province.status(Self.tanAn).totals.revokedCertificates == 1)
        try province.waitUntil("the hub and Đội 814 hold the revocation", timeout: 30) {
            try province.status(.hub).totals.revokedCertificates == 1 && province.status(Self.vhttdl).totals.revokedCertificates == 1
        }
        let shown = try province.query(.hub, "violation.show", ["violation": "VP-1"], as: ViolationDetail.self)
        #expect(shown.sanction?.fineVND == 5_000_000)
        #expect(shown.sanction?.decidedBy == Self.tanAn.rawValue)
        #expect(shown.violation.recordedBy == Self.vhttdl.rawValue)

        try province.waitUntil("every delivery to a running daemon is acknowledged", timeout: 30) {
            try province.status(.hub).peers.filter { [Self.vhttdl, Self.tanAn].contains($0.id) }.allSatisfy { $0.outboundPending == 0 }
        }
        province.stopAll()
        for agency in [AgencyID.hub, Self.tanAn] {
            let row = try PhoiHopDatabase(path: province.databasePath(agency)).read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM certificates WHERE certificate_no = 'GCN-TA-1'")
            }
            #expect(row?["status"] == "revoked", "\(agency)")
            #expect(row?["revoked_on"] == "2026-11-20", "\(agency)")
            #expect(row?["revoked_by"] == Self.tanAn.rawValue, "\(agency)")
            #expect(row?["ground"] == "Quyết định xử phạt 01/QĐ-XPVPHC", "\(agency)")
            #expect(row?["sanction_id"] == "XP-1", "\(agency)")
        }
    }
}

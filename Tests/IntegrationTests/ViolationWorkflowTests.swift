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

    @Test func aViolationByVhttdlIsSanctionedByTheDistrictAndTheRevocationReachesEveryCopyOfTheCertificate() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        for agency in [.hub, Self.vhttdl, Self.tanAn] { try province.start(agency) }

        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.record(Self.tanAn, MessageBody(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: Self.tanAn, kind: .gamePointEligibility,
            issuedOn: ProvinceTests.date("2026-11-06"), validUntil: ProvinceTests.date("2029-11-05"))))
        try province.waitUntil("Đội 814 holds the business and its certificate", timeout: 30) {
            try province.status(Self.vhttdl).totals.validCertificates == 1
        }
        try province.record(Self.vhttdl, MessageBody(ViolationRecorded(
            violationID: "VP-1", businessID: "TA-1", district: Self.tanAn, category: "ND72-false-information",
            observedOn: ProvinceTests.date("2026-11-15"), evidenceRef: "BB-814-1", description: "Khai sai khoảng cách tới trường học")))
        try province.waitUntil("the district holds the relayed violation", timeout: 30) {
            try province.status(Self.tanAn).totals.violations == 1
        }

        do {
            try province.record(Self.tanAn, MessageBody(SanctionDecided(
                sanctionID: "XP-1", violationID: "VP-1", businessID: "TA-1", district: Self.tanAn, decisionNo: "01/QĐ-XPVPHC",
                decidedOn: ProvinceTests.date("2026-11-20"), penalty: .fine, fineVND: 10_000_001, revokeCertificate: true, certificateNo: "GCN-TA-1")))
            Issue.record("a fine above the band was accepted")
        } catch let error as ControlError {
            #expect(error.description.contains("số tiền phạt 10.000.001 đ nằm ngoài khung tiền phạt"))
            #expect(error.description.contains("5.000.000–10.000.000 đ"))
        }
        try province.record(Self.tanAn, MessageBody(SanctionDecided(
            sanctionID: "XP-1", violationID: "VP-1", businessID: "TA-1", district: Self.tanAn, decisionNo: "01/QĐ-XPVPHC",
            decidedOn: ProvinceTests.date("2026-11-20"), penalty: .fine, fineVND: 5_000_000, revokeCertificate: true, certificateNo: "GCN-TA-1")))
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

import Foundation
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import Testing

/// Every report the hub writes carries the issuer of its configuration (hub.yaml
/// `reports.issuer`), not the Long An defaults: the periodic and ad-hoc reports, the Điều 11
/// review and the compiled answers to a request.
struct ConfiguredIssuerTests {
    static var settings: ReportsSettings {
        var settings = ReportsSettings()
        settings.issuer.issuingBody = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
        settings.issuer.symbol = "BC-SKHCN"
        settings.issuer.place = "Bến Lức"
        settings.issuer.signerCapacity = "KT. GIÁM ĐỐC"
        settings.issuer.signerPosition = "PHÓ GIÁM ĐỐC"
        settings.issuer.signerName = "Lê Văn Bình"
        settings.issuer.archivedAt = ["VT", "TTBCXB"]
        return settings
    }

    @Test(arguments: [
        ("report.periodic", ["kind": "quarterly", "month": "2026-12"]),
        ("report.adhoc", ["from": "2026-10-01", "to": "2026-10-31"]),
        ("report.review", ["from": "2026-11-01", "to": "2026-11-30"]),
        ("report.compiled", ["request": "BC-11"]),
    ])
    func theReportCarriesTheConfiguredIssuerAndSigner(query: String, parameters: [String: String]) throws {
        let hub = try CompiledReportTests.hub(today: "2026-11-30")
        struct Answer: Decodable { let document: OfficialDocument }
        let document = try hub.query(query, parameters, reports: Self.settings, as: Answer.self).document
        #expect(document.issuingBody == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
        #expect(document.symbol == "BC-SKHCN")
        #expect(document.place == "Bến Lức")
        #expect(document.signature == SignatureBlock(capacity: "KT. GIÁM ĐỐC", position: "PHÓ GIÁM ĐỐC", name: "Lê Văn Bình"))
        #expect(document.archivedAt == ["VT", "TTBCXB"])
        #expect(document.renderHTML().contains("Lê Văn Bình"))
    }
}

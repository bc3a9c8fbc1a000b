import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The periodic report's activity figures, golden: November 2026's monthly window (15/10 to
/// 14/11) with acts on both sides of each edge, every figure worked out by hand.
struct ActivityFiguresTests {
    static let tanAn = "district-tan-an", kienTuong = "district-kien-tuong"

    @Test func aMonthsCertificatesInspectionsCasesIncidentsChecksAndGamesAreCountedExactly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        let tanAn = agency(Self.tanAn)
        for (id, day) in [("TA-1", "2026-01-05"), ("TA-2", "2026-01-05"), ("TA-3", "2026-01-05")] {
            try hub.receive(BusinessRegistered(businessID: id, name: "Điểm \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
                                               owner: "Trần Thị Bình", machines: 10, registeredOn: date(day)), from: Self.tanAn)
        }
        func issue(_ no: String, _ business: String, on day: String, until: String) throws {
            try hub.receive(CertificateIssued(certificateNo: no, businessID: business, district: tanAn, kind: .businessRegistration,
                                              issuedOn: date(day), validUntil: date(until)), from: Self.tanAn)
        }
        // Issued: GCN-2 on the window's first day and GCN-3 on its last; GCN-1 the day before it.
        try issue("GCN-1", "TA-1", on: "2026-10-14", until: "2029-10-13")
        try issue("GCN-2", "TA-2", on: "2026-10-15", until: "2029-10-14")
        try issue("GCN-3", "TA-3", on: "2026-11-14", until: "2029-11-13")
        // Expired in the window: GCN-4 (valid until 01/11); GCN-5 was revoked before it would have expired.
        try issue("GCN-4", "TA-1", on: "2023-11-02", until: "2026-11-01")
        try issue("GCN-5", "TA-2", on: "2023-11-02", until: "2026-11-02")
        try hub.receive(CertificateRevoked(certificateNo: "GCN-5", businessID: "TA-2", district: tanAn, revokedOn: date("2026-10-20"),
                                           ground: "Vi phạm"), from: Self.tanAn)
        try hub.receive(CertificateExtended(certificateNo: "GCN-1", businessID: "TA-1", district: tanAn, extendedOn: date("2026-11-10"),
                                            newValidUntil: date("2030-10-13")), from: Self.tanAn)
        try hub.receive(CertificateSuspended(certificateNo: "GCN-2", businessID: "TA-2", district: tanAn, from: date("2026-11-15"),
                                             until: date("2026-12-15"), ground: "Tạm đình chỉ"), from: Self.tanAn)

        // Inspections: two periodic ones under Đội 814's plan, of two businesses, and one
        // unannounced outside any plan that found violations; one the day after the window.
        try hub.receive(InspectionPlanned(planID: "KH-1", kind: .periodic, title: "Kiểm tra định kỳ", lead: agency("vhttdl"),
                                          participants: [tanAn], targets: ["TA-1", "TA-2"], startsOn: date("2026-10-20"),
                                          endsOn: date("2026-10-30")), from: "vhttdl")
        func inspect(_ id: String, _ business: String, plan: String?, _ kind: InspectionKind, on day: String, _ outcome: InspectionOutcome) throws {
            try hub.receive(InspectionRecorded(inspectionID: id, planID: plan, businessID: business, district: tanAn, kind: kind,
                                               conductedOn: date(day), outcome: outcome, findings: "—"), from: "vhttdl")
        }
        try inspect("KT-1", "TA-1", plan: "KH-1", .periodic, on: "2026-10-21", .compliant)
        try inspect("KT-2", "TA-2", plan: "KH-1", .periodic, on: "2026-10-22", .compliant)
        try inspect("KT-3", "TA-1", plan: nil, .unannounced, on: "2026-11-14", .violationsFound)
        try inspect("KT-4", "TA-3", plan: nil, .unannounced, on: "2026-11-15", .compliant)

        // Cases: a complaint received, accepted and resolved in the window; a denunciation
        // received in it and refused after it.
        try hub.receive(ComplaintReceived(caseID: "KN-1", kind: .complaint, receivedOn: date("2026-10-16"), complainant: "Nguyễn Văn An",
                                          subject: "Khiếu nại thu hồi giấy chứng nhận", district: tanAn), from: "so-tttt")
        try hub.receive(ComplaintAccepted(caseID: "KN-1", acceptedOn: date("2026-10-20")), from: "so-tttt")
        try hub.receive(ComplaintResolved(caseID: "KN-1", resolvedOn: date("2026-11-12"), outcome: .upheld, decisionRef: "01/QĐ-STTTT",
                                          summary: "Giữ nguyên"), from: "so-tttt")
        // A complaint received and accepted in August, resolved in the window long after its limit.
        try hub.receive(ComplaintReceived(caseID: "KN-2", kind: .complaint, receivedOn: date("2026-08-25"), complainant: "Lê Văn Cường",
                                          subject: "Khiếu nại quyết định xử phạt", district: tanAn), from: "so-tttt")
        try hub.receive(ComplaintAccepted(caseID: "KN-2", acceptedOn: date("2026-08-28")), from: "so-tttt")
        try hub.receive(ComplaintResolved(caseID: "KN-2", resolvedOn: date("2026-11-10"), outcome: .rejected, decisionRef: "02/QĐ-STTTT",
                                          summary: "Bác đơn"), from: "so-tttt")
        try hub.receive(ComplaintReceived(caseID: "TC-1", kind: .denunciation, receivedOn: date("2026-11-14"), complainant: "Ẩn danh",
                                          subject: "Tố cáo điểm trò chơi", district: tanAn), from: "so-tttt")
        try hub.receive(ComplaintRefused(caseID: "TC-1", refusedOn: date("2026-11-16"), ground: "Không đủ điều kiện thụ lý"), from: "so-tttt")

        try hub.receive(IncidentReported(incidentID: "SC-1", district: tanAn, occurredOn: date("2026-11-01"), severity: .high,
                                         summary: "Tấn công DDoS"), from: "cong-an")
        try hub.receive(IncidentReported(incidentID: "SC-2", occurredOn: date("2026-10-14"), severity: .low, summary: "Quét cổng"), from: "cong-an")
        try hub.receive(FireSafetyChecked(checkID: "PC-1", businessID: "TA-1", district: tanAn, checkedOn: date("2026-10-25"), result: .passed),
                        from: "cong-an")
        try hub.receive(FireSafetyChecked(checkID: "PC-2", businessID: "TA-2", district: tanAn, checkedOn: date("2026-10-26"), result: .failed,
                                          deficiencies: "Thiếu bình chữa cháy"), from: "cong-an")
        try hub.receive(GameFlagged(gameID: "G-1", name: "Trò chơi X", reasons: [.violence], flaggedOn: date("2026-11-03"), evidence: "Ảnh chụp"),
                        from: "vhttdl")
        #expect(try hub.anomalies() == [])

        let monthly = try #require(hub.rules.reportPeriods.kind("monthly"))
        let window = try #require(ReportWindow(monthly, year: 2026, endMonth: 11, rules: hub.rules.reportPeriods))
        #expect(window == ReportWindow(from: date("2026-10-15"), to: date("2026-11-14")))
        let f = try hub.database.read { db in try ActivityFigures.compute(db, window: window, rules: hub.rules) }

        #expect(f.certificates == ActivityFigures.Certificates(issued: 2, extended: 1, suspended: 0, revoked: 1, expired: 1))
        #expect(f.inspections.periodic == 2 && f.inspections.unannounced == 1)
        #expect(f.inspections.businesses == 2)
        #expect(f.inspections.violationsFound == 1)
        #expect(f.inspections.byLead == ["vhttdl": 2])
        // KN-1: accepted 20/10, resolved 12/11, within complaint-resolve-1's limit; KN-2: accepted
        // 28/08, resolved 10/11, long after it.
        #expect(f.complaints == ActivityFigures.Cases(received: 1, accepted: 1, refused: 0, resolved: 2, resolvedOnTime: 1, resolvedLate: 1))
        #expect(f.denunciations == ActivityFigures.Cases(received: 1, accepted: 0, refused: 0, resolved: 0))
        #expect(f.incidents == ["high": 1])
        #expect(f.fireSafetyChecks == ["passed": 1, "failed": 1])
        #expect(f.gamesFlagged == 1)
    }

    /// A denunciation's written extension moves its limit: of two accepted and resolved on the
    /// same days, the extended one is on time and the other late. The report reads every
    /// resolved case's extensions at once; each must still count for its own case only.
    @Test func aDenunciationsExtensionCountsForItsOwnCaseOnly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        for id in ["TC-7", "TC-8"] {
            try hub.receive(ComplaintReceived(caseID: id, kind: .denunciation, receivedOn: date("2026-09-01"), complainant: "Ẩn danh",
                                              subject: "Tố cáo \(id)", district: agency(Self.tanAn)), from: "so-tttt")
            try hub.receive(ComplaintAccepted(caseID: id, acceptedOn: date("2026-09-03"), complexity: .complex), from: "so-tttt")
        }
        // Limit: 30 calendar days from 03/09 → 03/10; TC-7 extended by 30 days → 02/11 (a Monday).
        try hub.receive(ComplaintExtended(caseID: "TC-7", extendedOn: date("2026-09-30"), days: 30, ground: "Cần xác minh thêm",
                                          decisionRef: "07/QĐ-GH"), from: "so-tttt")
        for id in ["TC-7", "TC-8"] {
            try hub.receive(ComplaintResolved(caseID: id, resolvedOn: date("2026-10-20"), outcome: .upheld, decisionRef: "QĐ-\(id)",
                                              summary: "Tố cáo đúng"), from: "so-tttt")
        }
        #expect(try hub.anomalies() == [])
        let f = try hub.database.read { db in
            try ActivityFigures.compute(db, window: ReportWindow(from: date("2026-10-15"), to: date("2026-11-14")), rules: hub.rules)
        }
        #expect(f.denunciations == ActivityFigures.Cases(received: 0, accepted: 0, refused: 0, resolved: 2, resolvedOnTime: 1, resolvedLate: 1))
    }
}

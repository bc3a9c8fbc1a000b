import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import PhoiHopStore
import Testing

/// A fine paid in two instalments through real daemons: the district that decided the sanction
/// records the first receipt, Đội 814 (which recorded the violation) the second; each learns of
/// the other's by the hub's relay, an overpayment is refused at the recorder, and the hub's
/// ad-hoc report over the district counts what was collected.
@Suite(.serialized)
struct FinePaymentWorkflowTests {
    static let vhttdl = ViolationWorkflowTests.vhttdl, tanAn = ViolationWorkflowTests.tanAn

    static func payment(_ amount: Int64, _ receipt: String, on day: String) -> MessageBody {
        MessageBody(FinePaid(violationID: "VP-1", sanctionID: "XP-1", amountVND: amount, paidOn: ProvinceTests.date(day), receiptRef: receipt))
    }

    static func fine(_ province: Province, _ agency: AgencyID) throws -> FineAccount {
        try province.query(agency, "violation.show", ["violation": "VP-1"], as: ViolationDetail.self).fine
    }

    @Test func aFinePaidInInstalmentsByBothHandlersIsKnownToBothAndCountedInTheDistrictsReport() throws {
        let province = try Province(districts: 1, today: "2026-11-25")
        defer { province.stopAll() }
        for agency in [.hub, Self.vhttdl, Self.tanAn] { try province.start(agency) }

        try ViolationWorkflowTests.recordCertifiedBusinessAndViolation(province)
        try province.waitUntil("the district holds the relayed violation", timeout: 30) {
            try province.status(Self.tanAn).totals.violations == 1
        }
        try province.record(Self.tanAn, ViolationWorkflowTests.sanction(fineVND: 5_000_000))
        try province.record(Self.tanAn, Self.payment(3_000_000, "BL-1", on: "2026-11-21"))
        try province.waitUntil("Đội 814 holds the sanction and the first payment", timeout: 30) {
            try Self.fine(province, Self.vhttdl).paidVND == 3_000_000
        }
        do {
            try province.record(Self.vhttdl, Self.payment(2_000_001, "BL-2", on: "2026-11-24"))
            Issue.record("an overpayment was accepted")
        } catch let error as ControlError {
            #expect(error.description.contains("phạt 5.000.000 đ, đã nộp 3.000.000 đ, còn 2.000.000 đ"))
        }
        try province.record(Self.vhttdl, Self.payment(2_000_000, "BL-2", on: "2026-11-24"))
        try province.waitUntil("the hub and the district hold both payments", timeout: 30) {
            try Self.fine(province, .hub).balanceVND == 0 && Self.fine(province, Self.tanAn).balanceVND == 0
        }
        let atHub = try Self.fine(province, .hub)
        #expect(atHub.payments.map(\.receiptRef) == ["BL-1", "BL-2"])
        #expect(atHub.payments.map(\.recordedBy) == [Self.tanAn.rawValue, Self.vhttdl.rawValue])

        let report = try province.query(.hub, "report.adhoc", ["from": "2026-11-22", "to": "2026-11-25", "district": Self.tanAn.rawValue],
                                        as: PeriodicReportAnswer.self)
        // Only BL-2 was paid in the window; the sanction itself (20/11) is before it.
        #expect(report.figures.violations.map(\.collectedVND) == [2_000_000])
        #expect(report.figures.violations.map(\.sanctioned) == [0])
        #expect(report.document.subject.contains("trên địa bàn thành phố Tân An, tỉnh Long An"))
    }
}

import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// An inspection plan through real daemons: the hub plans, the participants confirm and record
/// findings, the lead concludes; a district outside the plan never hears of it.
@Suite(.serialized)
struct InspectionWorkflowTests {
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!

    @Test func aHubPlanIsConfirmedInspectedAndConcludedAndNeverReachesANonParticipant() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        defer { province.stopAll() }
        for agency in [.hub, Self.vhttdl, Self.tanAn, Self.kienTuong] { try province.start(agency) }

        for id in ["TA-1", "TA-2"] { try province.record(Self.tanAn, ProvinceTests.business(id, in: Self.tanAn)) }
        try province.waitUntil("the hub and Đội 814 hold Tân An's registry", timeout: 30) {
            try province.status(.hub).totals.businesses == 2 && province.status(Self.vhttdl).totals.businesses == 2
        }
        let plan = try province.record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-1", kind: .unannounced, title: "Kiểm tra đột xuất", lead: .hub, participants: [Self.vhttdl, Self.tanAn],
            targets: ["TA-1", "TA-2"], startsOn: ProvinceTests.date("2026-11-14"), endsOn: ProvinceTests.date("2026-11-25"))))
        #expect(plan.recipients == [Self.vhttdl, Self.tanAn])
        try province.waitUntil("both participants hold the plan", timeout: 30) {
            try province.status(Self.vhttdl).totals.inspectionPlans == 1 && province.status(Self.tanAn).totals.inspectionPlans == 1
        }
        for agency in [Self.vhttdl, Self.tanAn] {
            try province.record(agency, MessageBody(InspectionConfirmed(planID: "KH-1", confirmedOn: ProvinceTests.date("2026-11-14"),
                                                                        officers: ["Lê Văn Cường"])))
        }
        try province.record(Self.vhttdl, MessageBody(InspectionRecorded(
            inspectionID: "KT-1", planID: "KH-1", businessID: "TA-1", district: Self.tanAn, kind: .unannounced,
            conductedOn: ProvinceTests.date("2026-11-15"), outcome: .violationsFound, findings: "Hoạt động sau 22 giờ")))

        // Within the plan's dates, a target without a finding keeps it open.
        try province.waitUntil("the hub holds Đội 814's finding", timeout: 30) { try province.status(.hub).totals.inspections == 1 }
        do {
            try province.record(.hub, MessageBody(InspectionConcluded(planID: "KH-1", concludedOn: ProvinceTests.date("2026-11-16"), conclusion: "x")))
            Issue.record("the hub concluded a plan with a target not inspected")
        } catch let error as ControlError {
            #expect(error.description.contains("kế hoạch KH-1 chưa có kết quả kiểm tra tại TA-2"))
        }

        try province.record(Self.tanAn, MessageBody(InspectionRecorded(
            inspectionID: "KT-2", planID: "KH-1", businessID: "TA-2", district: Self.tanAn, kind: .unannounced,
            conductedOn: ProvinceTests.date("2026-11-16"), outcome: .compliant, findings: "Chấp hành tốt")))
        try province.waitUntil("the hub holds both confirmations and both findings", timeout: 30) {
            let open = try province.query(.hub, "inspection.list", ["status": "open"], as: [InspectionPlanRow].self)
            return open.first?.missingTargets == [] && open.first?.missingConfirmations == []
        }
        try province.record(.hub, MessageBody(InspectionConcluded(
            planID: "KH-1", concludedOn: ProvinceTests.date("2026-11-19"), conclusion: "TA-1 vi phạm giờ hoạt động; TA-2 chấp hành tốt")))

        let atHub = try province.query(.hub, "inspection.show", ["plan": "KH-1"], as: InspectionPlanDetail.self)
        #expect(atHub.plan.status == "concluded")
        #expect(atHub.findings.map(\.recordedBy) == [Self.vhttdl.rawValue, Self.tanAn.rawValue])
        #expect(Set(atHub.confirmations.map(\.agency)) == [Self.vhttdl.rawValue, Self.tanAn.rawValue])
        for participant in [Self.vhttdl, Self.tanAn] {
            try province.waitUntil("\(participant) holds the conclusion", timeout: 30) {
                try province.query(participant, "inspection.show", ["plan": "KH-1"], as: InspectionPlanDetail.self).plan.concludedOn == "2026-11-19"
            }
        }
        try province.waitUntil("every delivery to a running daemon is acknowledged", timeout: 30) {
            try province.status(.hub).peers.filter { [Self.vhttdl, Self.tanAn, Self.kienTuong].contains($0.id) }
                .allSatisfy { $0.outboundPending == 0 }
        }
        #expect(try province.status(Self.kienTuong).totals.inspectionPlans == 0)
        #expect(throws: ControlError.self) { try province.query(Self.kienTuong, "inspection.show", ["plan": "KH-1"], as: InspectionPlanDetail.self) }
        #expect(try province.query(Self.kienTuong, "inspection.list", as: [InspectionPlanRow].self).isEmpty)
    }
}

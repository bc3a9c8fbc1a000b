import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// The registry through real daemons: a district registers, changes and closes; the hub and
/// Công an hold the same entry.
@Suite(.serialized)
struct RegistryWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let congAn = AgencyID(rawValue: "cong-an")!
    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func theRegistryIsRelayedToCongAnWithItsChangesAndClosure() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.start(Self.congAn)

        try province.record(Self.tanAn, MessageBody(BusinessRegistered(
            businessID: "TA-1", name: "Đại lý Internet Tân An số 1", kind: .internetAgent, district: Self.tanAn, address: "1 Đường số 3",
            owner: "Nguyễn Văn An", machines: 10, ispContract: "HĐ-VNPT-1", registeredOn: Self.date("2026-11-01"))))
        try province.record(Self.tanAn, MessageBody(BusinessChanged(
            businessID: "TA-1", district: Self.tanAn, changedOn: Self.date("2026-11-10"), machines: 24)))
        try province.record(Self.tanAn, MessageBody(BusinessClosed(
            businessID: "TA-1", district: Self.tanAn, closedOn: Self.date("2026-11-18"), reason: "Chủ điểm đề nghị")))

        for agency in [AgencyID.hub, Self.congAn] {
            try province.waitUntil("\(agency) holds TA-1 closed", timeout: 20) {
                try province.query(agency, "business.list", ["status": "closed"], as: [BusinessRow].self).count == 1
            }
            let entry = try province.query(agency, "business.show", ["id": "TA-1"], as: BusinessDetail.self).business
            #expect(entry.machines == 24)
            #expect(entry.owner == "Nguyễn Văn An")
            #expect(entry.closedOn == Self.date("2026-11-18"))
            #expect(entry.registeredBy == Self.tanAn.rawValue)
        }
        // The district refuses a change of what it closed, naming the closure.
        do {
            try province.record(Self.tanAn, MessageBody(BusinessChanged(
                businessID: "TA-1", district: Self.tanAn, changedOn: Self.date("2026-11-19"), machines: 30)))
            Issue.record("a closed business was changed")
        } catch let error as ControlError {
            #expect(error.description.contains("TA-1 đã chấm dứt hoạt động ngày 18/11/2026"))
        }
    }
}

import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Công an's fire-safety guidance and checks through real daemons: relayed to the district.
@Suite(.serialized)
struct FireSafetyWorkflowTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    @Test func aFailedCheckByCongAnReachesTheDistrictAndTheHub() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        for agency in [.hub, Self.congAn, Self.tanAn] { try province.start(agency) }

        try province.record(Self.tanAn, ProvinceTests.business("TA-1", in: Self.tanAn))
        try province.waitUntil("Công an holds the registry", timeout: 30) { try province.status(Self.congAn).totals.businesses == 1 }
        try province.record(Self.congAn, MessageBody(FireSafetyGuidance(
            guidanceID: "HD-PCCC-1", issuedOn: ProvinceTests.date("2026-11-10"), title: "PCCC tại đại lý Internet",
            documentRef: "125/HD-CAT-PC07", audience: [.internetAgent, .gamePoint], summary: "Trang bị bình chữa cháy")))
        try province.record(Self.congAn, MessageBody(FireSafetyChecked(
            checkID: "PC-1", businessID: "TA-1", district: Self.tanAn, checkedOn: ProvinceTests.date("2026-11-16"), result: .failed,
            deficiencies: "Thiếu bình chữa cháy")))

        try province.waitUntil("the district holds the guidance and the failed check", timeout: 30) {
            try province.query(Self.tanAn, "fire-safety.list", as: [FireSafetyGuidanceRow].self).count == 1
                && province.query(Self.tanAn, "fire-safety.checks", ["result": "failed"], as: [FireSafetyCheckRow].self).count == 1
        }
        try province.waitUntil("the hub counts the failed check for Tân An", timeout: 30) {
            let districts = try province.query(.hub, "fire-safety.districts", as: [FireSafetyDistrictRow].self)
            return districts.first { $0.district == Self.tanAn.rawValue }?.failed == 1
        }
        #expect(try province.query(Self.tanAn, "fire-safety.checks", as: [FireSafetyCheckRow].self).first?.deficiencies == "Thiếu bình chữa cháy")
    }
}

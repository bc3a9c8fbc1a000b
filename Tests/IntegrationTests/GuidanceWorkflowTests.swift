import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Guidance through real daemons: KH-ĐT publishes, the hub relays, a district acknowledges, the
/// hub relays the acknowledgement back to KH-ĐT.
@Suite(.serialized)
struct GuidanceWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!
    static let khdt = AgencyID(rawValue: "khdt")!
    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func khdtsGuidanceIsAcknowledgedByADistrictAndTheHubAndKhdtSeeIt() throws {
        let province = try Province(districts: 2, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.khdt)
        try province.start(Self.tanAn)

        // Before the guidance reaches it, the district cannot acknowledge it.
        do {
            try province.record(Self.tanAn, MessageBody(GuidanceAcknowledged(guidanceID: "HD-KHDT-1", acknowledgedOn: Self.date("2026-11-12"))))
            Issue.record("acknowledged an unknown guidance")
        } catch let error as ControlError {
            #expect(error.description.contains("quy tắc P10: văn bản hướng dẫn HD-KHDT-1 chưa được chuyển tới district-tan-an"))
        }
        try province.record(Self.khdt, MessageBody(GuidancePublished(
            guidanceID: "HD-KHDT-1", topic: .certificates, title: "Hướng dẫn cấp giấy chứng nhận đăng ký kinh doanh đại lý Internet",
            documentRef: "125/HD-SKHĐT", issuedOn: Self.date("2026-11-11"), addressees: [Self.tanAn, Self.kienTuong],
            summary: "Thành phần hồ sơ, thời hạn giải quyết.")))
        try province.waitUntil("the district received the guidance", timeout: 20) {
            try province.query(Self.tanAn, "guidance.list", as: [GuidanceRow].self).count == 1
        }
        try province.record(Self.tanAn, MessageBody(GuidanceAcknowledged(
            guidanceID: "HD-KHDT-1", acknowledgedOn: Self.date("2026-11-13"), note: "Đã phổ biến tới bộ phận một cửa")))

        for agency in [AgencyID.hub, Self.khdt] {
            try province.waitUntil("\(agency) sees the acknowledgement", timeout: 20) {
                try province.query(agency, "guidance.list", as: [GuidanceRow].self).first?.acknowledged == 1
            }
            let shown = try province.query(agency, "guidance.show", ["id": "HD-KHDT-1"], as: GuidanceRecord.self)
            let district = shown.addressees.first { $0.agency == Self.tanAn.rawValue }
            #expect(district?.acknowledgedOn == Self.date("2026-11-13"))
            #expect(district?.note == "Đã phổ biến tới bộ phận một cửa")
            #expect(shown.publishedBy == Self.khdt.rawValue)
        }
        // Kiến Tường (not running) has not acknowledged: the hub's pending list names it.
        let pending = try province.query(.hub, "guidance.pending", as: [PendingAcknowledgement].self)
        #expect(pending.map(\.agency) == [Self.kienTuong.rawValue])
    }
}

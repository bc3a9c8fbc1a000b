import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Day 20: Công an reports information-security incidents.
    func playSecurity() throws {
        print("Ngày 20: Công an tỉnh báo cáo sự cố an ninh thông tin")
        for (i, district) in districts.prefix(2).enumerated() {
            try record(Self.congAn, MessageBody(IncidentReported(
                incidentID: "SC-2026-11-\(i + 1)", district: district, occurredOn: day(20), severity: i == 0 ? .high : .medium,
                summary: i == 0 ? "Mã độc phát tán qua máy trạm tại điểm truy nhập công cộng" : "Tấn công từ chối dịch vụ vào cổng thông tin huyện")),
                "sự cố SC-2026-11-\(i + 1)")
        }
    }
}

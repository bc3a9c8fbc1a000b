import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 20–21: Công an reports information-security incidents and issues an advisory to every agency.
    func playSecurity() throws {
        print("Ngày 20: Công an tỉnh báo cáo sự cố an ninh thông tin")
        for (i, district) in districts.prefix(2).enumerated() {
            try record(Self.congAn, MessageBody(IncidentReported(
                incidentID: "SC-2026-11-\(i + 1)", district: district, occurredOn: day(20), severity: i == 0 ? .high : .medium,
                summary: i == 0 ? "Mã độc phát tán qua máy trạm tại điểm truy nhập công cộng" : "Tấn công từ chối dịch vụ vào cổng thông tin huyện",
                measures: i == 0 ? "Cách ly máy trạm, quét mã độc toàn bộ điểm truy nhập" : "Phối hợp nhà mạng lọc lưu lượng")),
                "sự cố SC-2026-11-\(i + 1)")
        }
        print("Ngày 21: Công an tỉnh cảnh báo an ninh thông tin tới mọi cơ quan, đơn vị")
        try record(Self.congAn, MessageBody(SecurityAdvisory(
            advisoryID: "CB-2026-11-1", issuedOn: day(21), severity: .high, title: "Mã độc tống tiền lây qua tệp đính kèm",
            advice: "Không mở tệp đính kèm lạ; cập nhật bản vá hệ điều hành; sao lưu dữ liệu định kỳ")),
            "cảnh báo CB-2026-11-1 gửi mọi cơ quan, đơn vị")
    }

    /// Asks `agency`'s daemon a console query.
    func queryAgency<R: Codable & Sendable>(_ agency: AgencyID, _ name: String, _ parameters: [String: String] = [:], as type: R.Type) throws -> R {
        try client(agency).call(ControlCommand(command: "query", type: name, parameters: parameters), as: type)
    }

    /// Polls `agency`'s daemon until `condition` holds: an act another agency recorded reaches it
    /// through the hub, and there is no event to await across processes.
    func awaitAgency(_ agency: AgencyID, _ what: String, timeout: TimeInterval = 30, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while (try? condition()) != true {
            guard Date() < deadline else { throw ConsoleFailure("sau \(Int(timeout)) giây, \(agency) vẫn chưa nhận được \(what)") }
            usleep(50_000)
        }
    }
}

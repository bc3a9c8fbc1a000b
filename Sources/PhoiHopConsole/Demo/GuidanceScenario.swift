import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 11–20: KH-ĐT guides the districts on certificates (Điều 7), Sở TT&TT every agency on
    /// the regulation (Điều 2, 11.2); most addressees acknowledge, a few are still pending.
    func playGuidance() throws {
        print("Ngày 11–12: ban hành văn bản hướng dẫn")
        let publishers = departments.contains(Self.khdt)
        if publishers {
            try record(Self.khdt, MessageBody(GuidancePublished(
                guidanceID: "HD-KHDT-2026-01", topic: .certificates,
                title: "Hướng dẫn cấp, thu hồi giấy chứng nhận đăng ký kinh doanh đại lý Internet", documentRef: "125/HD-SKHĐT",
                issuedOn: day(11), addressees: districts,
                summary: "Thành phần hồ sơ, thời hạn giải quyết, căn cứ thu hồi giấy chứng nhận đăng ký kinh doanh đại lý Internet.")),
                "Sở KH-ĐT ban hành hướng dẫn 125/HD-SKHĐT tới \(districts.count) huyện")
        }
        try record(.hub, MessageBody(GuidancePublished(
            guidanceID: "HD-STTTT-2026-01", topic: .regulation,
            title: "Hướng dẫn triển khai Quy chế phối hợp quản lý dịch vụ Internet theo Quyết định 52/2009/QĐ-UBND",
            documentRef: "210/HD-STTTT", issuedOn: day(12), addressees: departments + districts,
            summary: "Phân công đầu mối, chế độ báo cáo, phần mềm PhoiHop dùng chung giữa các sở, ngành và UBND cấp huyện.")),
            "Sở TT&TT ban hành hướng dẫn 210/HD-STTTT tới \(departments.count + districts.count) đơn vị")
        try awaitHub(timeout: 60, quiet: true)

        print("Ngày 13–20: các đơn vị xác nhận đã nhận")
        // The last two districts have not acknowledged KH-ĐT's guidance, the last district and
        // Tỉnh đoàn not the hub's: the hub's pending list shows them.
        if publishers {
            for (i, district) in districts.enumerated() where i < max(1, districts.count - 2) {
                try record(district, MessageBody(GuidanceAcknowledged(
                    guidanceID: "HD-KHDT-2026-01", acknowledgedOn: day(13 + i % 5), note: i == 0 ? "Đã phổ biến tới bộ phận một cửa" : nil)),
                    "xác nhận đã nhận 125/HD-SKHĐT")
            }
        }
        for (i, agency) in (departments + districts).enumerated() where agency != Self.tinhDoan && agency != districts.last {
            try record(agency, MessageBody(GuidanceAcknowledged(guidanceID: "HD-STTTT-2026-01", acknowledgedOn: day(14 + i % 6))),
                       "xác nhận đã nhận 210/HD-STTTT")
        }
    }
}

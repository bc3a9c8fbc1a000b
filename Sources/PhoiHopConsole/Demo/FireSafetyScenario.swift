import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 10–19: Công an's fire-prevention guidance to every district, and checks (one failed).
    func playFireSafety() throws {
        guard departments.contains(Self.congAn), let first = districts.first else { return }
        print("Ngày 10: Công an tỉnh ban hành hướng dẫn PCCC, gửi các huyện để phổ biến")
        try record(Self.congAn, MessageBody(FireSafetyGuidance(
            guidanceID: "HD-PCCC-2026-01", issuedOn: day(10), title: "Hướng dẫn PCCC tại đại lý Internet, điểm trò chơi điện tử",
            documentRef: "125/HD-CAT-PC07", audience: [.internetAgent, .publicAccessPoint, .gamePoint],
            summary: "Trang bị bình chữa cháy, không để vật cản lối thoát hiểm, không câu móc điện tùy tiện")),
            "hướng dẫn HD-PCCC-2026-01 → \(districts.count) huyện")
        try awaitDemoState("Công an holds the registry", agencies: [Self.congAn]) { $0.totals.businesses >= districts.count * 3 }
        print("Ngày 16–19: Công an kiểm tra PCCC")
        let checks: [(AgencyID, Int, FireSafetyResult, String?)] =
            [(first, 1, .passed, nil), (first, 3, .failed, "Thiếu bình chữa cháy; lối thoát hiểm bị chắn bởi thùng hàng")]
            + districts.dropFirst().prefix(1).map { ($0, 1, .passed, nil) }
        for (i, (district, n, result, deficiencies)) in checks.enumerated() {
            let business = "\(code(district))-\(n)"
            try record(Self.congAn, MessageBody(FireSafetyChecked(
                checkID: "PCCC-\(business)", businessID: business, district: district, checkedOn: day(16 + i), result: result,
                deficiencies: deficiencies)), "kiểm tra PCCC \(business): \(result.vietnameseName)")
        }
    }
}

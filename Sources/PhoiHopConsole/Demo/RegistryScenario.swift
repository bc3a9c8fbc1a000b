import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 1–10: the districts register businesses and issue certificates.
    func playRegistry() throws {
        let kinds: [BusinessKind] = [.internetAgent, .gamePoint, .publicAccessPoint]
        print("Ngày 01–05: các huyện đăng ký điểm kinh doanh dịch vụ Internet")
        for district in districts {
            let name = rules.district(district)?.name ?? district.rawValue
            for (i, kind) in kinds.enumerated() {
                let id = "\(code(district))-\(i + 1)"
                try record(district, MessageBody(BusinessRegistered(
                    businessID: id, name: "\(kind == .gamePoint ? "Điểm trò chơi" : "Đại lý Internet") \(name) số \(i + 1)",
                    kind: kind, district: district, address: "\(i + 1) Đường số \(i + 3), \(name)", owner: "Nguyễn Văn \(["An", "Bình", "Cường"][i])",
                    machines: 10 + 5 * i, ispContract: kind == .internetAgent ? "HĐ-VNPT-\(id)" : nil, registeredOn: day(1 + i))),
                    "đăng ký \(id) (\(kind.vietnameseName))")
            }
        }
        print("Ngày 06–10: các huyện cấp giấy chứng nhận")
        for district in districts {
            for i in 1...3 {
                let business = "\(code(district))-\(i)"
                try record(district, MessageBody(CertificateIssued(
                    certificateNo: "GCN-\(business)", businessID: business, district: district,
                    kind: i == 2 ? .gamePointEligibility : .businessRegistration, issuedOn: day(5 + i),
                    validUntil: day(5 + i).adding(years: 3).adding(days: -1))), "cấp GCN-\(business)")
            }
        }
    }
}

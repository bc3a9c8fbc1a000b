import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 1–25: the districts register businesses, receive applications and issue certificates
    /// (business ids "<CODE>-1…3", certificates "GCN-<CODE>-<n>", which later phases use); then a
    /// change, a closure, an extension, a suspension, and applications still open on the 30th.
    func playRegistry() throws {
        let kinds: [BusinessKind] = [.internetAgent, .gamePoint, .publicAccessPoint]
        print("Ngày 01–05: các huyện đăng ký điểm kinh doanh dịch vụ Internet và tiếp nhận hồ sơ đề nghị cấp giấy chứng nhận")
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
            for i in 1...3 {
                let business = "\(code(district))-\(i)"
                try record(district, MessageBody(CertificateApplied(
                    applicationID: "HS-\(business)", businessID: business, district: district, kind: certificateKind(i), request: .new,
                    receivedOn: day(2 + i))), "tiếp nhận hồ sơ HS-\(business) đề nghị cấp mới")
            }
        }
        print("Ngày 06–10: các huyện cấp giấy chứng nhận, giải quyết hồ sơ trong hạn")
        for district in districts {
            for i in 1...3 {
                let business = "\(code(district))-\(i)"
                let kind = certificateKind(i)
                try record(district, MessageBody(CertificateIssued(
                    certificateNo: "GCN-\(business)", businessID: business, district: district, kind: kind, issuedOn: day(5 + i),
                    validUntil: rules.certificates.rule(kind)?.validUntil(issuedOn: day(5 + i)) ?? day(5 + i).adding(years: 3).adding(days: -1),
                    applicationID: "HS-\(business)")), "cấp GCN-\(business) theo hồ sơ HS-\(business)")
            }
        }
        guard let first = districts.first else { return }
        let other = districts.count > 1 ? districts[1] : first
        let a = code(first)
        let b = code(other)
        print("Ngày 10–25: thay đổi, chấm dứt hoạt động, gia hạn, đình chỉ; hồ sơ đang giải quyết")
        try record(first, MessageBody(CertificateApplied(
            applicationID: "HS-\(a)-3-SD", businessID: "\(a)-3", district: first, kind: .businessRegistration, request: .amend,
            receivedOn: day(10), certificateNo: "GCN-\(a)-3")), "tiếp nhận hồ sơ sửa đổi GCN-\(a)-3 (hạn 17/11, chưa giải quyết — quá hạn)")
        try record(first, MessageBody(BusinessChanged(
            businessID: "\(a)-1", district: first, changedOn: day(12), address: "15 Đường Hùng Vương, \(rules.district(first)?.name ?? "")",
            machines: 24)), "\(a)-1 chuyển địa điểm, tăng lên 24 máy")
        try record(first, MessageBody(BusinessRegistered(
            businessID: "\(a)-4", name: "Đại lý Internet Phú Cường", kind: .internetAgent, district: first, address: "4 Đường số 9",
            owner: "Lê Thị Dung", machines: 12, ispContract: "HĐ-VIETTEL-\(a)-4", registeredOn: day(4))), "đăng ký \(a)-4")
        try record(first, MessageBody(CertificateIssued(
            certificateNo: "GCN-\(a)-4", businessID: "\(a)-4", district: first, kind: .businessRegistration, issuedOn: day(9),
            validUntil: day(9).adding(years: 3).adding(days: -1))), "cấp GCN-\(a)-4")
        try record(first, MessageBody(BusinessClosed(
            businessID: "\(a)-4", district: first, closedOn: day(20), reason: "Chủ điểm đề nghị chấm dứt hoạt động")),
            "\(a)-4 chấm dứt hoạt động")
        try record(first, MessageBody(CertificateRevoked(
            certificateNo: "GCN-\(a)-4", businessID: "\(a)-4", district: first, revokedOn: day(21),
            ground: "Điểm kinh doanh đã chấm dứt hoạt động từ ngày 20/11/2026")), "thu hồi GCN-\(a)-4")
        let gameCertificateEnd = day(7).adding(years: 3).adding(days: -1)
        try record(first, MessageBody(CertificateApplied(
            applicationID: "HS-\(a)-2-GH", businessID: "\(a)-2", district: first, kind: .gamePointEligibility, request: .extend,
            receivedOn: day(16), certificateNo: "GCN-\(a)-2")), "tiếp nhận hồ sơ gia hạn GCN-\(a)-2")
        try record(first, MessageBody(CertificateExtended(
            certificateNo: "GCN-\(a)-2", businessID: "\(a)-2", district: first, extendedOn: day(19),
            newValidUntil: gameCertificateEnd.adding(months: 6), applicationID: "HS-\(a)-2-GH")),
            "gia hạn GCN-\(a)-2 thêm 6 tháng, đến \(gameCertificateEnd.adding(months: 6).vietnameseText)")
        try record(other, MessageBody(CertificateSuspended(
            certificateNo: "GCN-\(b)-3", businessID: "\(b)-3", district: other, from: day(23), until: day(23).adding(months: 1),
            ground: "Chưa bảo đảm điều kiện phòng cháy, chữa cháy; đình chỉ đến khi khắc phục")),
            "đình chỉ GCN-\(b)-3 từ 23/11/2026 đến \(day(23).adding(months: 1).vietnameseText)")
        try record(other, MessageBody(BusinessRegistered(
            businessID: "\(b)-4", name: "Điểm trò chơi Hòa Bình", kind: .gamePoint, district: other, address: "8 Đường số 2",
            owner: "Phạm Văn Hòa", machines: 30, registeredOn: day(24))), "đăng ký \(b)-4")
        try record(other, MessageBody(CertificateApplied(
            applicationID: "HS-\(b)-4", businessID: "\(b)-4", district: other, kind: .gamePointEligibility, request: .new,
            receivedOn: day(25))), "tiếp nhận hồ sơ HS-\(b)-4 đề nghị cấp mới (đang giải quyết, hạn 09/12)")
    }

    /// Certificate n of a district: the game point holds an eligibility certificate, the others a business registration.
    private func certificateKind(_ n: Int) -> CertificateKind { n == 2 ? .gamePointEligibility : .businessRegistration }
}

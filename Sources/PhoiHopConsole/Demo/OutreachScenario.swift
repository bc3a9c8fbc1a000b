import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 20–28: training proposals, outreach by Tỉnh đoàn and Sở GD-ĐT, a school programme, and
    /// funding — one request allocated by Sở Tài chính, one still pending.
    func playOutreach() throws {
        guard let first = districts.first else { return }
        print("Ngày 20: đề xuất đào tạo, bồi dưỡng kỹ năng sử dụng Internet cho cán bộ (Điều 3.4)")
        try record(first, MessageBody(TrainingProposed(
            proposalID: "DT-2026-01", title: "Kỹ năng quản lý đại lý Internet cho cán bộ văn hóa xã", audience: "Cán bộ văn hóa – xã hội cấp xã",
            participants: 60, proposedOn: day(20), estimatedCostVND: 45_000_000)), "đề xuất DT-2026-01")
        try record(Self.gddt, MessageBody(TrainingProposed(
            proposalID: "DT-2026-02", title: "An toàn thông tin cho cán bộ quản lý trường học", audience: "Hiệu trưởng, cán bộ tin học",
            participants: 150, proposedOn: day(20), estimatedCostVND: 90_000_000)), "đề xuất DT-2026-02")

        print("Ngày 16–26: Tỉnh đoàn và Sở GD-ĐT tuyên truyền về sử dụng Internet an toàn (Điều 8, 9)")
        try record(Self.tinhDoan, MessageBody(OutreachReported(
            campaignID: "TT-TD-2026-11", title: "Thanh niên với văn hóa ứng xử trên mạng", channel: .youthUnion, from: day(16), to: day(22),
            reach: 2400, district: first)), "đợt tuyên truyền của Tỉnh đoàn (2.400 đoàn viên)")
        try record(Self.tinhDoan, MessageBody(OutreachReported(
            campaignID: "TT-TD-2026-12", title: "Cuộc thi trực tuyến Internet an toàn", channel: .online, from: day(10), to: day(26),
            reach: 8600)), "cuộc thi trực tuyến của Tỉnh đoàn (8.600 lượt)")
        try record(Self.gddt, MessageBody(OutreachReported(
            campaignID: "TT-GD-2026-11", title: "Ngày hội Internet an toàn trong trường học", channel: .schools, from: day(18), to: day(20),
            reach: 5300, district: first)), "ngày hội của Sở GD-ĐT (5.300 học sinh)")

        print("Ngày 24: Sở GD-ĐT báo cáo chương trình đưa Internet đến học sinh vùng nông thôn (Điều 8.2)")
        try record(Self.gddt, MessageBody(SchoolProgrammeReported(
            programmeID: "CT-2026-2027-01", title: "Internet cho học sinh vùng sâu, vùng biên giới", schoolYear: "2026-2027",
            schools: 45, ruralSchools: 28, students: 12_500)), "chương trình CT-2026-2027-01 (45 trường, 28 ở nông thôn)")

        print("Ngày 25–28: đề nghị và phân bổ kinh phí (Điều 6)")
        try record(Self.gddt, MessageBody(FundingRequested(
            requestID: "KP-2027-GDDT-01", purpose: .outreach, amountVND: 120_000_000, fiscalYear: 2027, requestedOn: day(25),
            justification: "Tài liệu và ngày hội Internet an toàn cho 45 trường")), "đề nghị kinh phí KP-2027-GDDT-01")
        try record(first, MessageBody(FundingRequested(
            requestID: "KP-2027-\(code(first))-01", purpose: .inspection, amountVND: 80_000_000, fiscalYear: 2027, requestedOn: day(26),
            justification: "Kiểm tra liên ngành các điểm trò chơi điện tử công cộng")), "đề nghị kinh phí KP-2027-\(code(first))-01 (chờ phân bổ)")
        try awaitAgency(Self.taiChinh, "đề nghị kinh phí KP-2027-GDDT-01") {
            (try? queryAgency(Self.taiChinh, "funding.show", ["request": "KP-2027-GDDT-01"], as: FundingRow.self)) != nil
        }
        try record(Self.taiChinh, MessageBody(FundingAllocated(
            requestID: "KP-2027-GDDT-01", requester: Self.gddt, allocatedVND: 100_000_000, allocatedOn: day(28), decisionRef: "1234/QĐ-STC")),
            "phân bổ 100.000.000 đ cho KP-2027-GDDT-01")
    }
}

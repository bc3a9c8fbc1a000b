import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Complaints and denunciations through their deadlines. On 30/11/2026 the hub's board shows:
    /// two cases resolved on time, one overdue for acceptance, one overdue for resolution, an
    /// extended denunciation, a remote-area case whose district is late with its verification,
    /// a denunciation due soon — and the reminders the hub pushed for them.
    func playComplaints() throws {
        print("— Đơn thư khiếu nại, tố cáo (Điều 3.6)")
        guard let first = districts.first else { return }
        let second = districts.dropFirst().first ?? first
        let remote = districts.first { rules.district($0)?.remoteArea == true } ?? districts.last ?? first
        let police = departments.contains(Self.congAn) ? Self.congAn : first
        let october = { (d: Int) in try! CivilDate(year: 2026, month: 10, day: d) }

        func received(_ id: String, _ kind: ComplaintKind, on date: CivilDate, in district: AgencyID, _ subject: String,
                      actOn: CivilDate? = nil) -> ComplaintReceived {
            ComplaintReceived(caseID: id, kind: kind, receivedOn: date, complainant: "Công dân \(id)", subject: subject,
                              district: district, remoteArea: rules.district(district)?.remoteArea ?? false, actOn: actOn)
        }

        // 1. Received at the hub, verified by its district, resolved on time.
        let kn1 = received("KN-2026-001", .complaint, on: day(2), in: first, "Đại lý Internet mở cửa sau 22 giờ gây mất trật tự")
        try record(.hub, MessageBody(kn1), "Sở TT&TT tiếp nhận đơn khiếu nại KN-2026-001 (\(first))")
        try record(.hub, MessageBody(ComplaintAccepted(caseID: kn1.caseID, acceptedOn: day(4))), "Sở TT&TT thụ lý KN-2026-001")
        try record(.hub, MessageBody(ComplaintAssigned(
            caseID: kn1.caseID, assignee: first, assignedOn: day(5), dueOn: day(13), instructions: "Xác minh giờ hoạt động của đại lý",
            received: kn1, receivedBy: .hub)), "Sở TT&TT giao \(first) xác minh, hạn 13/11")
        try awaitAssignment(kn1.caseID, at: first)
        try record(first, MessageBody(ComplaintVerified(caseID: kn1.caseID, verifiedOn: day(12), findings: "Đại lý hoạt động đến 23 giờ; đã lập biên bản")),
                   "\(first) báo cáo kết quả xác minh KN-2026-001")
        try awaitVerification(kn1.caseID)
        try record(.hub, MessageBody(ComplaintResolved(caseID: kn1.caseID, resolvedOn: day(20), outcome: .upheld, decisionRef: "21/QĐ-STTTT",
                                                       summary: "Khiếu nại đúng; chuyển xử phạt")), "Sở TT&TT giải quyết KN-2026-001 (đúng hạn)")

        // 2. Forwarded by the police, complex, resolved on time.
        let kn2 = received("KN-2026-002", .complaint, on: day(3), in: second, "Điểm trò chơi cho học sinh chơi trong giờ học")
        // A department receives cases of any district; a district only of its own.
        let forwarder = departments.contains(Self.congAn) ? Self.congAn : second
        try record(forwarder, MessageBody(kn2), "\(forwarder) tiếp nhận và chuyển đơn KN-2026-002 về Sở TT&TT")
        try awaitCase(kn2.caseID, at: .hub)
        try record(.hub, MessageBody(ComplaintAccepted(caseID: kn2.caseID, acceptedOn: day(5), complexity: .complex)),
                   "Sở TT&TT thụ lý KN-2026-002 (phức tạp: 45 ngày)")
        try record(.hub, MessageBody(ComplaintResolved(caseID: kn2.caseID, resolvedOn: day(27), outcome: .partlyUpheld, decisionRef: "24/QĐ-STTTT",
                                                       summary: "Đúng một phần")), "Sở TT&TT giải quyết KN-2026-002 (đúng hạn)")

        // 3. A complex denunciation, verified by the police, extended once in writing.
        let tc1 = received("TC-2026-001", .denunciation, on: day(2), in: second, "Tố cáo điểm truy nhập cho xem nội dung cờ bạc")
        try record(.hub, MessageBody(tc1), "Sở TT&TT tiếp nhận đơn tố cáo TC-2026-001")
        try record(.hub, MessageBody(ComplaintAccepted(caseID: tc1.caseID, acceptedOn: day(3), complexity: .complex)), "Sở TT&TT thụ lý TC-2026-001 (phức tạp)")
        try record(.hub, MessageBody(ComplaintAssigned(
            caseID: tc1.caseID, assignee: police, assignedOn: day(4), dueOn: day(20), instructions: "Xác minh dấu hiệu tổ chức đánh bạc qua mạng",
            received: tc1, receivedBy: .hub)), "Sở TT&TT giao \(police) xác minh TC-2026-001")
        try awaitAssignment(tc1.caseID, at: police)
        try record(police, MessageBody(ComplaintVerified(caseID: tc1.caseID, verifiedOn: day(19), findings: "Có dấu hiệu; cần giám định thêm dữ liệu")),
                   "\(police) báo cáo kết quả xác minh TC-2026-001")
        try record(.hub, MessageBody(ComplaintExtended(caseID: tc1.caseID, extendedOn: day(25), days: 20, ground: "Chờ kết quả giám định",
                                                       decisionRef: "02/QĐ-STTTT")), "Sở TT&TT gia hạn TC-2026-001 thêm 20 ngày (02/QĐ-STTTT)")

        // 4. Received, never accepted: overdue for acceptance (due 23/11, 22/11 being a Sunday).
        try record(.hub, MessageBody(received("KN-2026-003", .complaint, on: day(12), in: first, "Khiếu nại việc thu hồi giấy chứng nhận")),
                   "Sở TT&TT tiếp nhận KN-2026-003 — chưa thụ lý (sẽ quá hạn)")

        // 5. Remote area: 45 days to resolve; its district is late with the verification.
        let kn4 = received("KN-2026-004", .complaint, on: day(9), in: remote, "Khiếu nại của chủ điểm trò chơi ở vùng biên giới")
        try record(remote, MessageBody(kn4), "\(remote) tiếp nhận KN-2026-004 (vùng sâu, vùng xa: \(kn4.remoteArea ? "có" : "không"))")
        try awaitCase(kn4.caseID, at: .hub)
        try record(.hub, MessageBody(ComplaintAccepted(caseID: kn4.caseID, acceptedOn: day(10))), "Sở TT&TT thụ lý KN-2026-004")
        try record(.hub, MessageBody(ComplaintAssigned(caseID: kn4.caseID, assignee: remote, assignedOn: day(11), dueOn: day(25),
                                                       instructions: "Xác minh tại chỗ", received: kn4, receivedBy: remote)),
                   "Sở TT&TT giao \(remote) xác minh KN-2026-004, hạn 25/11 (chưa báo cáo: quá hạn)")

        // 6. Accepted in October, still unresolved: overdue for resolution (due 9/11).
        try record(.hub, MessageBody(received("KN-2026-000", .complaint, on: october(5), in: first, "Khiếu nại quyết định xử phạt đại lý")),
                   "Sở TT&TT tiếp nhận KN-2026-000 (tháng 10)")
        try record(.hub, MessageBody(ComplaintAccepted(caseID: "KN-2026-000", acceptedOn: october(8))), "Sở TT&TT thụ lý KN-2026-000 — chưa giải quyết (quá hạn)")

        // 7. A late complaint refused; a fresh denunciation due soon.
        try record(.hub, MessageBody(received("KN-2026-005", .complaint, on: day(16), in: second, "Khiếu nại việc kiểm tra năm 2026",
                                              actOn: try! CivilDate(year: 2026, month: 7, day: 1))), "Sở TT&TT tiếp nhận KN-2026-005 (quá thời hiệu)")
        try record(.hub, MessageBody(ComplaintRefused(caseID: "KN-2026-005", refusedOn: day(18), ground: "Quá thời hiệu khiếu nại 90 ngày, không có lý do chính đáng")),
                   "Sở TT&TT không thụ lý KN-2026-005")
        try record(.hub, MessageBody(received("TC-2026-002", .denunciation, on: day(24), in: first, "Tố cáo trò chơi trực tuyến có nội dung bạo lực")),
                   "Sở TT&TT tiếp nhận TC-2026-002 (hạn thụ lý 03/12: sắp đến hạn)")
        print("  Sở TT&TT tự động nhắc hạn các việc sắp đến hạn và quá hạn (xem: phoihop deadlines).")
    }

    /// The case reached `agency` (a relay crosses the bus asynchronously).
    /// Waits until `agency` holds case `id` and, when given, until the case is as `ready` says.
    func awaitCase(_ id: String, at agency: AgencyID, until ready: (CaseRecord) -> Bool = { _ in true },
                   _ what: String = "chưa đến") throws {
        let deadline = Date().addingTimeInterval(30)
        let client = try client(agency)
        while true {
            if let detail = try? client.call(ControlCommand(command: "query", type: "complaint.show", parameters: ["case": id]), as: CaseDetail.self),
               ready(detail.record) {
                return
            }
            guard Date() < deadline else { throw ConsoleFailure("đơn \(id) \(what) \(agency) sau 30 giây; kiểm tra daemon của \(agency) và Sở TT&TT") }
            usleep(50_000)
        }
    }

    func awaitAssignment(_ id: String, at agency: AgencyID) throws {
        try awaitCase(id, at: agency, until: { $0.assignee == agency }, "chưa được giao tới")
    }

    /// The hub decides a case only once it holds the assignee's verification, as its officer would.
    func awaitVerification(_ id: String) throws {
        try awaitCase(id, at: .hub, until: { $0.verifiedOn != nil }, "chưa có kết quả xác minh tại")
    }
}

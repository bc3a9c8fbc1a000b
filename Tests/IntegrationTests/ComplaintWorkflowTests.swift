import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Complaints through real daemons: a district forwards a case, the hub accepts and assigns it
/// back, the district verifies, the hub resolves; and the hub's reminder duty reaching an agency.
@Suite(.serialized)
struct ComplaintWorkflowTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func received(_ id: String, on day: String) -> ComplaintReceived {
        ComplaintReceived(caseID: id, kind: .complaint, receivedOn: date(day), complainant: "Lê Văn Cường",
                          subject: "Đại lý Internet cho trẻ em chơi quá giờ", district: tanAn)
    }

    func show(_ province: Province, _ agency: AgencyID, _ id: String) -> CaseDetail? {
        try? province.query(agency, "complaint.show", ["case": id], as: CaseDetail.self)
    }

    @Test func aCaseForwardedByADistrictIsAcceptedAssignedBackVerifiedAndResolved() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let receipt = try province.record(Self.tanAn, MessageBody(Self.received("KN-IT-1", on: "2026-11-16")))
        #expect(receipt.recipients == [.hub])
        try province.waitUntil("the hub holds the forwarded case", timeout: 20) { show(province, .hub, "KN-IT-1") != nil }
        #expect(show(province, .hub, "KN-IT-1")?.record.receivedBy == Self.tanAn)

        try province.record(.hub, MessageBody(ComplaintAccepted(caseID: "KN-IT-1", acceptedOn: Self.date("2026-11-17"))))
        try province.waitUntil("the district sees the acceptance", timeout: 20) {
            show(province, Self.tanAn, "KN-IT-1")?.record.status == .accepted
        }
        let assigned = try province.record(.hub, MessageBody(ComplaintAssigned(
            caseID: "KN-IT-1", assignee: Self.tanAn, assignedOn: Self.date("2026-11-18"), dueOn: Self.date("2026-11-27"),
            instructions: "Xác minh tại đại lý")))
        #expect(assigned.recipients == [Self.tanAn])
        try province.waitUntil("the district holds the assignment", timeout: 20) {
            show(province, Self.tanAn, "KN-IT-1")?.record.assignee == Self.tanAn
        }
        let board = try province.query(Self.tanAn, "deadlines.board", as: DeadlineBoardView.self)
        #expect(board.items.map(\.subject) == [.caseVerification])

        try province.record(Self.tanAn, MessageBody(ComplaintVerified(
            caseID: "KN-IT-1", verifiedOn: Self.date("2026-11-19"), findings: "Đại lý hoạt động sau 22 giờ, có trẻ em")))
        try province.waitUntil("the hub holds the verification", timeout: 20) {
            show(province, .hub, "KN-IT-1")?.record.verifiedOn == Self.date("2026-11-19")
        }
        // A second resolution and an acceptance after it are refused at the hub.
        try province.record(.hub, MessageBody(ComplaintResolved(
            caseID: "KN-IT-1", resolvedOn: Self.date("2026-11-20"), outcome: .upheld, decisionRef: "15/QĐ-STTTT", summary: "Khiếu nại đúng")))
        do {
            try province.record(.hub, MessageBody(ComplaintResolved(
                caseID: "KN-IT-1", resolvedOn: Self.date("2026-11-20"), outcome: .upheld, decisionRef: "16/QĐ-STTTT", summary: "Lần hai")))
            Issue.record("KN-IT-1 resolved twice")
        } catch let error as ControlError {
            #expect(error.description.contains("không thể giải quyết đơn KN-IT-1"), "\(error)")
            #expect(error.description.contains("đã giải quyết ngày 20/11/2026 (quyết định 15/QĐ-STTTT)"), "\(error)")
        }
        try province.waitUntil("the district sees the resolution", timeout: 20) {
            show(province, Self.tanAn, "KN-IT-1")?.record.status == .resolved
        }
        let hub = try #require(show(province, .hub, "KN-IT-1"))
        #expect(hub.record.status == .resolved && hub.deadlines.resolvedLate == false && hub.deadlines.acceptedLate == false)
        let district = try #require(show(province, Self.tanAn, "KN-IT-1"))
        #expect(district.record.decisionRef == "15/QĐ-STTTT" && district.record.findings == hub.record.findings)
        let stats = try province.query(.hub, "complaint.stats", as: [CaseStatistics].self)
        #expect(stats.first { $0.kind == .complaint }?.resolvedOnTime == 1)
    }

    @Test func anOverdueVerificationIsRemindedToItsAssignee() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)

        let received = Self.received("KN-IT-2", on: "2026-11-02")
        try province.record(.hub, MessageBody(received))
        try province.record(.hub, MessageBody(ComplaintAccepted(caseID: "KN-IT-2", acceptedOn: Self.date("2026-11-03"))))
        try province.record(.hub, MessageBody(ComplaintAssigned(
            caseID: "KN-IT-2", assignee: Self.tanAn, assignedOn: Self.date("2026-11-04"), dueOn: Self.date("2026-11-10"),
            instructions: "Xác minh", received: received, receivedBy: .hub)))

        // The hub's duty runs once its acts go quiet: the verification, due 10/11, is overdue on 20/11.
        try province.waitUntil("the district holds the overdue reminder", timeout: 20) {
            let board = try province.query(Self.tanAn, "deadlines.board", as: DeadlineBoardView.self)
            return board.reminders.contains { $0.subject == .caseVerification && $0.subjectID == "KN-IT-2" && $0.state == .overdue }
        }
        let district = try province.query(Self.tanAn, "deadlines.board", as: DeadlineBoardView.self)
        #expect(district.items.map(\.subject) == [.caseVerification])
        #expect(district.items.first?.standing == .overdue)
        #expect(district.items.first?.lastReminder?.remindedOn == Self.date("2026-11-20"))
        let hub = try province.query(.hub, "deadlines.board", ["agency": Self.tanAn.rawValue], as: DeadlineBoardView.self)
        #expect(hub.items.first?.lastReminder?.state == .overdue)
        // Reminded once: the duty runs again after the next act — it reminds the new overdue
        // acceptance — and adds nothing for the item already reminded.
        try province.record(.hub, MessageBody(Self.received("KN-IT-3", on: "2026-11-02")))
        try province.waitUntil("the hub reminds itself of KN-IT-3's overdue acceptance", timeout: 20) {
            try province.query(.hub, "deadlines.board", as: DeadlineBoardView.self).reminders.contains { $0.subjectID == "KN-IT-3" }
        }
        let reminders = try province.query(.hub, "deadlines.board", as: DeadlineBoardView.self).reminders
            .map { "\($0.subject.rawValue) \($0.subjectID) \($0.state.rawValue) \($0.responsible)" }
        #expect(reminders.filter { $0 == "case-verification KN-IT-2 overdue district-tan-an" }.count == 1)
        #expect(reminders.contains("case-acceptance KN-IT-3 overdue so-tttt"))
    }
}

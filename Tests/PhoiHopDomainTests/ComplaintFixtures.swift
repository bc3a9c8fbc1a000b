import PhoiHopProtocol

/// Bodies of the complaint tests, with the defaults most tests need.
enum Cases {
    static func received(_ id: String, _ kind: ComplaintKind = .complaint, on day: String = "2026-11-02", round: Int = 1,
                         district: String? = "district-tan-an", remote: Bool = false, actOn: String? = nil) -> ComplaintReceived {
        ComplaintReceived(caseID: id, kind: kind, round: round, receivedOn: date(day), complainant: "Nguyễn Văn A",
                          subject: "Điểm trò chơi mở cửa sau 22 giờ", district: district.map(agency), remoteArea: remote,
                          actOn: actOn.map(date))
    }

    static func accepted(_ id: String, on day: String = "2026-11-03", _ complexity: CaseComplexity = .normal) -> ComplaintAccepted {
        ComplaintAccepted(caseID: id, acceptedOn: date(day), complexity: complexity)
    }

    static func assigned(_ id: String, to assignee: String, on day: String = "2026-11-04", due: String = "2026-11-13",
                         received: ComplaintReceived? = nil) -> ComplaintAssigned {
        ComplaintAssigned(caseID: id, assignee: agency(assignee), assignedOn: date(day), dueOn: date(due),
                          instructions: "Xác minh tại địa bàn", received: received, receivedBy: received == nil ? nil : .hub)
    }

    static func extended(_ id: String, _ ref: String, on day: String = "2026-11-20", days: Int = 30) -> ComplaintExtended {
        ComplaintExtended(caseID: id, extendedOn: date(day), days: days, ground: "Cần xác minh thêm", decisionRef: ref)
    }

    static func resolved(_ id: String, on day: String = "2026-11-20") -> ComplaintResolved {
        ComplaintResolved(caseID: id, resolvedOn: date(day), outcome: .upheld, decisionRef: "12/QĐ-STTTT", summary: "Đơn có cơ sở")
    }
}

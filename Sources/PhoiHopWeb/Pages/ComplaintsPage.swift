import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol

/// `/complaints`: every complaint and denunciation, the open ones first, each with a bar of how
/// much of its current step's time is used (green, amber when due soon, red when overdue).
struct ComplaintsPage {
    let source: DashboardSource
    let rules: ProvinceRules

    func render() async throws -> PageLayout {
        let names = DashboardNames(rules: rules)
        let cases = try await source.query("complaint.list", as: [CaseSummary].self)
        let open = cases.filter { $0.status == .received || $0.status == .accepted }
            .sorted { ($0.daysLeft ?? .max, $0.caseID) < ($1.daysLeft ?? .max, $1.caseID) }
        let closed = cases.filter { $0.status == .refused || $0.status == .resolved }
        let body = """
            <section class="cards">\(card("Đang giải quyết", open.count))\(card("Sắp đến hạn", open.count { $0.standing == .dueSoon }, tone: "warn"))\(card("Quá hạn", open.count { $0.standing == .overdue }, tone: "bad"))\(card("Đã giải quyết hoặc không thụ lý", closed.count, tone: "ok"))</section>
            <h2>Đang giải quyết</h2>
            \(Self.casesTable(open, names: names))
            <h2>Đã giải quyết hoặc không thụ lý</h2>
            \(Self.casesTable(closed, names: names))
            """
        return PageLayout(title: "Đơn khiếu nại, tố cáo", active: "/complaints", province: rules.province, body: body)
    }

    /// Cases as a table with their deadline bars.
    static func casesTable(_ cases: [CaseSummary], names: DashboardNames) -> String {
        table(["Mã đơn", "Loại", "Nội dung", "Địa bàn", "Ngày nhận", "Tình trạng", "Hạn bước hiện tại", "Thời gian đã dùng"], cases.map { c in
            [h(c.caseID), h(c.kind.vietnameseName), h(c.subject), h(c.district.map { names.district($0.rawValue) } ?? "—"),
             h(c.receivedOn.vietnameseText), h(c.status.vietnameseName), h(c.nextDueOn?.vietnameseText ?? "—"), deadlineBar(c)]
        }, empty: "Không có đơn nào.")
    }

    /// The share of the step's calendar days already used, and the working days left.
    static func deadlineBar(_ c: CaseSummary) -> String {
        guard let due = c.nextDueOn, let left = c.daysLeft else { return "—" }
        let total = max(due.dayNumber - c.receivedOn.dayNumber, 1)
        let remainingShare = Double(max(left, 0)) / Double(max(total, left, 1))
        let used = Int((100 * (1 - remainingShare)).rounded())
        let standing = c.standing ?? .onTime
        let text = left < 0 ? "Quá hạn \(-left) ngày làm việc" : "Còn \(left) ngày làm việc"
        return "<div class=\"bar \(standing.rawValue)\" title=\"\(h(text))\"><span style=\"width: \(min(max(used, 2), 100))%\"></span></div><small>\(h(text))</small>"
    }
}

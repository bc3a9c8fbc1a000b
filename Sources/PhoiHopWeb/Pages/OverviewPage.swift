import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

/// `/`: the province at a glance — the headline counts, every agency's link to the hub, and the
/// districts coloured by how many acts concern them.
struct OverviewPage {
    let source: DashboardSource
    let rules: ProvinceRules

    func render() async throws -> PageLayout {
        let names = DashboardNames(rules: rules)
        let status = try await source.status()
        let report = try await source.report()
        let openPlans = try await source.query("inspection.list", ["status": "open"], as: [InspectionPlanRow].self)
        let openViolations = try await source.query("violation.list", ["status": "open"], as: [ViolationRow].self)
        let cases = try await source.query("complaint.list", as: [CaseSummary].self)
        let businesses = try await source.query("business.summary", as: [BusinessSummaryRow].self)
        let openCases = cases.filter { $0.status == .received || $0.status == .accepted }

        let cards = [
            card("Điểm kinh doanh đang quản lý", status.totals.businesses),
            card("Kế hoạch kiểm tra đang mở", openPlans.count),
            card("Vi phạm chưa kết thúc", openViolations.count, tone: openViolations.isEmpty ? "ok" : "warn"),
            card("Đơn đang giải quyết", openCases.count),
            card("Đơn sắp đến hạn", cases.count { $0.standing == .dueSoon }, tone: "warn"),
            card("Đơn quá hạn", cases.count { $0.standing == .overdue }, tone: cases.contains { $0.standing == .overdue } ? "bad" : "ok"),
            card("Hoạt động đã ghi nhận", status.totals.messages),
        ].joined()

        let order = rules.agencies.map(\.id)
        let peers = status.peers.sorted { (order.firstIndex(of: $0.id) ?? .max, $0.id.rawValue) < (order.firstIndex(of: $1.id) ?? .max, $1.id.rawValue) }
        let agencyRows = peers.map { peer in
            [h(names.agency(peer.id.rawValue)), h(peer.id.rawValue),
             peer.online ? "<span class=\"online\">Trực tuyến</span>" : "<span class=\"offline\">Mất kết nối</span>",
             h(VietnameseFormat.time(peer.lastSeen)), h(peer.version ?? "—"), "\(peer.applied)", "\(peer.outboundPending)", "\(peer.peerRejected)",
             peer.clockSkewMilliseconds.map { "\($0) ms" } ?? "—"]
        }

        var activity: [String: Int] = [:]
        for count in report.counts { activity[count.district, default: 0] += count.count }
        let peak = max(activity.values.max() ?? 0, 1)
        let districtRows = rules.districts.map { district -> (cells: [String], level: String) in
            let id = district.id.rawValue
            let acts = activity[id] ?? 0
            let operating = businesses.filter { $0.district == id }.reduce(0) { $0 + $1.operating }
            let level = acts == 0 ? 0 : 1 + min(3, acts * 4 / (peak + 1))
            return (["<a href=\"/district/\(q(id))\">\(h(district.name))</a>", "\(acts)", "\(operating)",
                     "\(openViolations.count { $0.district == id })", "\(openCases.count { $0.district?.rawValue == id })",
                     "\(openCases.count { $0.district?.rawValue == id && $0.standing == .overdue })"], "act-\(level)")
        }
        let today = status.today.map { " — hôm nay \(VietnameseFormat.day($0.description))" } ?? ""
        let body = """
            <p class="muted">Cập nhật lúc \(h(VietnameseFormat.time(status.now)))\(h(today)). Phiên bản \(h(status.version)).</p>
            <section class="cards">\(cards)</section>
            <h2>Các cơ quan, đơn vị kết nối với Sở</h2>
            \(table(["Cơ quan, đơn vị", "Mã", "Trạng thái", "Liên lạc lần cuối", "Phiên bản", "Đã nhận", "Chờ gửi", "Bị từ chối", "Lệch đồng hồ"],
                    agencyRows, empty: "Chưa có cơ quan nào trong danh sách được phép."))
            <h2>Các huyện, thị xã, thành phố</h2>
            <p class="muted">Màu càng đậm, càng nhiều hoạt động liên quan đến địa bàn.</p>
            \(table(["Địa bàn", "Hoạt động", "Điểm kinh doanh đang hoạt động", "Vi phạm chưa kết thúc", "Đơn đang giải quyết", "Đơn quá hạn"],
                    districtRows.map(\.cells), classes: districtRows.map(\.level)))
            """
        return PageLayout(title: "Tổng quan tỉnh \(rules.province)", active: "/", province: rules.province, body: body)
    }
}

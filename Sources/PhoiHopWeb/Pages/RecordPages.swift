import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol

/// `/district/ID` and `/business/ID`: one district's businesses, open cases and latest acts;
/// one business's entry and its whole history across the agencies (`business.history`).
struct RecordPages {
    let source: DashboardSource
    let rules: ProvinceRules

    /// nil: the province file has no such district.
    func district(_ id: String) async throws -> PageLayout? {
        guard let agencyID = AgencyID(rawValue: id), let district = rules.district(agencyID) else { return nil }
        let names = DashboardNames(rules: rules)
        let businesses = try await source.query("business.list", ["district": id], as: [BusinessRow].self)
        let violations = try await source.query("violation.list", ["district": id, "status": "open"], as: [ViolationRow].self)
        let cases = try await source.query("complaint.list", ["district": id], as: [CaseSummary].self)
            .filter { $0.status == .received || $0.status == .accepted }
        let acts = try await source.query("acts.recent", ["district": id, "limit": "30"], as: [ActEntry].self)
        let body = """
            <section class="cards">\(card("Điểm kinh doanh", businesses.count { !$0.closed }))\(card("Vi phạm chưa kết thúc", violations.count, tone: "warn"))\(card("Đơn đang giải quyết", cases.count))</section>
            <h2>Điểm kinh doanh</h2>
            \(table(["Mã", "Tên", "Loại", "Địa chỉ", "Số máy", "Tình trạng"], businesses.map { row in
                [businessLink(row.business.businessID), h(row.business.name), h(row.business.kind.vietnameseName), h(row.business.address),
                 "\(row.business.machines)", row.closed ? "Đã chấm dứt" : "Đang hoạt động"]
            }, empty: "Chưa có điểm kinh doanh nào được đăng ký tại địa bàn."))
            <h2>Vi phạm chưa kết thúc</h2>
            \(table(["Mã vi phạm", "Điểm kinh doanh", "Danh mục", "Ngày phát hiện", "Giai đoạn"], violations.map { v in
                [h(v.violationID), businessLink(v.businessID), h(v.category), h(VietnameseFormat.day(v.observedOn)), h(v.stage)]
            }, empty: "Không có vi phạm nào chưa kết thúc."))
            <h2>Đơn khiếu nại, tố cáo đang giải quyết</h2>
            \(ComplaintsPage.casesTable(cases, names: names))
            <h2>Hoạt động gần đây</h2>
            \(actsTable(acts, names: names, empty: "Chưa có hoạt động nào liên quan đến địa bàn."))
            """
        return PageLayout(title: district.name, active: "/", province: rules.province, body: body)
    }

    /// nil: neither the registry nor the log knows the business.
    func business(_ id: String) async throws -> PageLayout? {
        let names = DashboardNames(rules: rules)
        let history = try await source.query("business.history", ["business": id], as: [ActEntry].self)
        let detail = try? await source.query("business.show", ["id": id], as: BusinessDetail.self)
        guard detail != nil || !history.isEmpty else { return nil }
        var summary = "<p class=\"muted\">Điểm kinh doanh chưa có trong sổ quản lý của Sở; dưới đây là các hoạt động có nhắc đến mã này.</p>"
        if let business = detail?.business {
            summary = table(["Tên", "Loại", "Địa bàn", "Địa chỉ", "Chủ", "Số máy", "Ngày đăng ký", "Tình trạng"], [[
                h(business.name), h(business.kind.vietnameseName), h(names.district(business.district)), h(business.address), h(business.owner),
                "\(business.machines)", h(business.registeredOn.vietnameseText),
                business.closedOn.map { h("Chấm dứt ngày \($0.vietnameseText)") } ?? "Đang hoạt động",
            ]])
        }
        let certificates = detail?.certificates.map { c in [h(c.certificate.certificateNo), h(c.status.vietnameseName)] } ?? []
        let body = """
            \(summary)
            \(certificates.isEmpty ? "" : "<h2>Giấy chứng nhận</h2>" + table(["Số", "Tình trạng hôm nay"], certificates))
            <h2>Lịch sử qua các cơ quan</h2>
            \(actsTable(history, names: names, empty: "Chưa có hoạt động nào."))
            """
        return PageLayout(title: "Điểm kinh doanh \(detail?.business.name ?? id)", active: "/", province: rules.province, body: body)
    }
}

/// A link to a business's page.
func businessLink(_ id: String) -> String { "<a href=\"/business/\(q(id))\">\(h(id))</a>" }

/// Acts as a table: position, the day it took effect, what, who, where, which business.
func actsTable(_ acts: [ActEntry], names: DashboardNames, empty: String) -> String {
    table(["Vị trí", "Ngày", "Hoạt động", "Cơ quan, đơn vị", "Địa bàn", "Điểm kinh doanh"], acts.map { act in
        ["\(act.position)", h(act.actOn.map { VietnameseFormat.day($0) } ?? VietnameseFormat.time(act.sentAt)), h(act.typeName), h(names.agency(act.author)),
         h(act.district.map(names.district) ?? "—"), act.business.map(businessLink) ?? "—"]
    }, empty: empty)
}

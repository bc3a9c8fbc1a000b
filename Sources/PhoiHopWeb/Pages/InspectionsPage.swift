import PhoiHopConfig
import PhoiHopDomain

/// `/inspections`: the inspection plans, open ones first, with what each still misses, and the
/// latest findings recorded.
struct InspectionsPage {
    let source: DashboardSource
    let rules: ProvinceRules

    func render() async throws -> PageLayout {
        let names = DashboardNames(rules: rules)
        let plans = try await source.query("inspection.list", as: [InspectionPlanRow].self)
        let findings = try await source.query("inspection.records", as: [InspectionFindingRow].self).suffix(50).reversed()
        let ordered = plans.filter { $0.status == "open" } + plans.filter { $0.status != "open" }
        let body = """
            <section class="cards">\(card("Kế hoạch đang mở", plans.count { $0.status == "open" }))\(card("Quá thời hạn kiểm tra", plans.count { $0.overdue }, tone: "bad"))\(card("Đã kết luận", plans.count { $0.status != "open" }, tone: "ok"))</section>
            <h2>Kế hoạch kiểm tra</h2>
            \(table(["Mã kế hoạch", "Tên", "Chủ trì", "Phối hợp", "Thời gian", "Tình trạng", "Chưa xác nhận", "Điểm chưa có kết quả"], ordered.map { plan in
                [h(plan.planID), h(plan.title), h(names.agency(plan.lead)), h(plan.participants.map(names.agency).joined(separator: ", ")),
                 h("\(VietnameseFormat.day(plan.startsOn)) – \(VietnameseFormat.day(plan.endsOn))"),
                 plan.status == "open" ? (plan.overdue ? "<span class=\"error\">Quá hạn</span>" : "Đang thực hiện") : h("Đã kết luận \(VietnameseFormat.day(plan.concludedOn))"),
                 h(plan.missingConfirmations.map(names.agency).joined(separator: ", ")), plan.missingTargets.map(businessLink).joined(separator: ", ")]
            }, empty: "Chưa có kế hoạch kiểm tra nào."))
            <h2>Kết quả kiểm tra gần đây</h2>
            \(table(["Ngày", "Điểm kinh doanh", "Địa bàn", "Kết quả", "Ghi nhận", "Đơn vị"], findings.map { f in
                [h(VietnameseFormat.day(f.conductedOn)), businessLink(f.businessID), h(names.district(f.district)), h(f.outcome), h(f.findings),
                 h(names.agency(f.recordedBy))]
            }, empty: "Chưa có lượt kiểm tra nào."))
            """
        return PageLayout(title: "Kiểm tra", active: "/inspections", province: rules.province, body: body)
    }
}

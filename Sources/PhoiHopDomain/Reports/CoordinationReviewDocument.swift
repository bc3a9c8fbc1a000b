public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopReports

/// The Điều 11 review (``CoordinationReview``) as an official document to UBND tỉnh: "Sơ kết
/// tình hình thực hiện Quy chế phối hợp …", or "Tổng kết …" for a year. Sections: report
/// requests answered, other deadlines kept, inspection findings' delay, messages exchanged, a
/// compliance chart, and what is overdue now. Every agency of the province file has a row in
/// the per-agency tables, zeros included; the totals are the province line.
public enum CoordinationReviewDocument {
    /// - Parameters:
    ///   - title: the period's name ("quý IV năm 2026", "năm 2026", "từ ngày … đến ngày …").
    ///   - annual: a year's review — "Tổng kết" instead of "Sơ kết".
    ///   - date: the report's date (the day it is issued).
    public static func make(
        _ review: CoordinationReview, title: String, annual: Bool, rules: ProvinceRules, date: CivilDate,
        issuer: PeriodicReportDocument.Issuer = reviewIssuer()
    ) -> OfficialDocument {
        let window = "từ ngày \(review.window.from.vietnameseText) đến ngày \(review.window.to.vietnameseText)"
        let subject =
            "\(annual ? "Tổng kết" : "Sơ kết") tình hình thực hiện Quy chế phối hợp quản lý dịch vụ Internet "
            + "trên địa bàn tỉnh \(rules.province) \(title)"
        let all = review.province.allDeadlines
        let sections = [
            DocumentSection(
                title: "Thực hiện chế độ báo cáo theo yêu cầu",
                blocks: [
                    .paragraph(
                        "Căn cứ Điều 11 Quy chế ban hành kèm theo Quyết định số 52/2009/QĐ-UBND ngày 07/9/2009 của UBND tỉnh, "
                            + "Sở Thông tin và Truyền thông sơ kết việc phối hợp \(window). Mỗi việc được tính vào kỳ có hạn của nó; "
                            + "việc chưa thực hiện được xét đến ngày \(review.today.vietnameseText)."),
                    .table(reportRequestTable(review)),
                ]),
            DocumentSection(
                title: "Thực hiện các việc có thời hạn khác",
                blocks: [
                    .paragraph(
                        "Thụ lý, giải quyết, xác minh đơn khiếu nại, tố cáo (Luật Khiếu nại 2011, Luật Tố cáo 2018); giải quyết hồ sơ "
                            + "cấp giấy chứng nhận; xác nhận văn bản hướng dẫn — thời hạn theo các quy định tại config/rules."),
                    .table(deadlineTable(review)),
                ]),
            DocumentSection(
                title: "Gửi kết quả kiểm tra",
                blocks: [
                    .paragraph(
                        "Quy chế và các văn bản đang áp dụng không quy định thời hạn gửi kết quả kiểm tra về Sở Thông tin và Truyền "
                            + "thông; bảng dưới nêu số ngày từ ngày kiểm tra đến ngày Sở nhận được kết quả (không đánh giá đúng hạn, trễ hạn)."
                    ),
                    .table(findingsTable(review)),
                ]),
            DocumentSection(
                title: "Trao đổi thông tin qua hệ thống",
                blocks: [
                    .paragraph(
                        "Hoạt động đã ghi nhận: tính theo ngày của hoạt động. Sở đã chuyển: tính theo ngày Sở chuyển; "
                            + "chưa xác nhận: số thông điệp đơn vị chưa xác nhận đã nhận, tính đến thời điểm lập báo cáo."),
                    .table(messageTable(review)),
                ]),
            DocumentSection(
                title: "Đánh giá chung",
                blocks: [
                    .paragraph(
                        "Toàn tỉnh có \(VietnameseFormat.amount(all.total)) việc đến hạn trong kỳ: \(VietnameseFormat.amount(all.kept)) "
                            + "đúng hạn, \(VietnameseFormat.amount(all.late)) trễ hạn, \(VietnameseFormat.amount(all.overdue)) quá hạn chưa thực hiện, "
                            + "\(VietnameseFormat.amount(all.pending)) chưa đến hạn.")
                ] + (complianceChart(review).map { [DocumentBlock.chart($0)] } ?? [])),
            DocumentSection(
                title: "Các việc đang quá hạn (đến ngày \(review.today.vietnameseText))", blocks: overdueBlocks(review)),
        ]
        return OfficialDocument(
            superiorBody: issuer.superiorBody, issuingBody: issuer.issuingBody, number: nil, symbol: issuer.symbol,
            place: issuer.place,
            date: date, kind: "BÁO CÁO", subject: subject, sections: sections, signature: issuer.signature,
            recipients: issuer.recipients, archivedAt: issuer.archivedAt)
    }

    /// The hub's issuer (hub.yaml `reports.issuer`) with the review's recipients: UBND tỉnh
    /// (Điều 11.2, "báo cáo UBND tỉnh") and the agencies reviewed.
    public static func reviewIssuer(_ configured: ReportIssuer = ReportIssuer()) -> PeriodicReportDocument.Issuer {
        var issuer = PeriodicReportDocument.Issuer(configured)
        issuer.recipients = ["UBND tỉnh (để báo cáo)", "Các sở, ngành, đoàn thể tỉnh", "UBND các huyện, thị xã, thành phố"]
        return issuer
    }

    static let tallyHeader = ["Số việc", "Đúng hạn", "Trễ hạn", "Quá hạn chưa thực hiện", "Chưa đến hạn"]

    static func tallyCells(_ tally: CoordinationReview.Tally) -> [String] {
        [tally.total, tally.kept, tally.late, tally.overdue, tally.pending].map(VietnameseFormat.amount)
    }

    static func reportRequestTable(_ review: CoordinationReview) -> ReportTable {
        ReportTable(
            caption: "Bảng 1. Gửi báo cáo theo yêu cầu của Sở, theo đơn vị", header: ["Đơn vị"] + tallyHeader,
            rows: review.agencies.map { [$0.name] + tallyCells($0.tally(.reportRequest)) }, numericColumns: [1, 2, 3, 4, 5],
            total: ["Tổng cộng"] + tallyCells(review.province.tally(.reportRequest)))
    }

    /// The other kinds, one row per agency and kind that has an item (a table of zeros says nothing).
    static func deadlineTable(_ review: CoordinationReview) -> ReportTable {
        let kinds = DeadlineSubject.allCases.filter { $0 != .reportRequest }
        let rows = review.agencies.flatMap { line in
            kinds.filter { line.tally($0).total > 0 }.map { [line.name, $0.vietnameseName] + tallyCells(line.tally($0)) }
        }
        let total = kinds.map { review.province.tally($0) }.reduce(CoordinationReview.Tally(), +)
        return ReportTable(
            caption: "Bảng 2. Các việc có thời hạn khác, theo đơn vị chịu trách nhiệm và loại việc",
            header: ["Đơn vị", "Loại việc"] + tallyHeader, rows: rows, numericColumns: [2, 3, 4, 5, 6],
            total: ["Tổng cộng", ""] + tallyCells(total))
    }

    static func findingsTable(_ review: CoordinationReview) -> ReportTable {
        func cells(_ f: CoordinationReview.FindingsDelay) -> [String] {
            [
                VietnameseFormat.amount(f.inspections), f.medianDays.map(days) ?? "—",
                f.maxDays.map { VietnameseFormat.amount($0) } ?? "—",
            ]
        }
        return ReportTable(
            caption: "Bảng 3. Thời gian gửi kết quả kiểm tra về Sở, theo đơn vị kiểm tra",
            header: ["Đơn vị", "Số lượt kiểm tra", "Trung vị (ngày)", "Lâu nhất (ngày)"],
            rows: review.agencies.map { [$0.name] + cells($0.findings) }, numericColumns: [1, 2, 3],
            total: ["Toàn tỉnh"] + cells(review.province.findings))
    }

    /// A median in days, Vietnamese style: "3" or "2,5".
    static func days(_ value: Double) -> String {
        let whole = Int(value.rounded(.down))
        return Double(whole) == value ? VietnameseFormat.amount(whole) : "\(VietnameseFormat.amount(whole)),5"
    }

    static func messageTable(_ review: CoordinationReview) -> ReportTable {
        func cells(_ m: CoordinationReview.Messages) -> [String] {
            [m.recorded, m.relayed, m.acknowledged, m.backlog].map(VietnameseFormat.amount)
        }
        return ReportTable(
            caption: "Bảng 4. Thông điệp trao đổi với Sở, theo đơn vị",
            header: ["Đơn vị", "Hoạt động đã ghi nhận", "Sở đã chuyển đến", "Đơn vị đã xác nhận", "Chưa xác nhận (hiện nay)"],
            rows: review.agencies.map { [$0.name] + cells($0.messages) }, numericColumns: [1, 2, 3, 4],
            total: ["Tổng cộng"] + cells(review.province.messages))
    }

    /// On time, late and overdue per agency that had an item due in the window.
    static func complianceChart(_ review: CoordinationReview) -> ReportChart? {
        let title = "Biểu đồ 1. Thực hiện đúng hạn các việc có thời hạn trong kỳ, theo đơn vị"
        let rows = review.agencies.map { ($0.name, $0.allDeadlines) }.filter { $0.1.kept + $0.1.late + $0.1.overdue > 0 }
        guard
            let chart = try? ComplianceChart(
                id: "bieu-do-1", title: title,
                description: "Số việc đúng hạn, trễ hạn và quá hạn chưa thực hiện của mỗi đơn vị có việc đến hạn trong kỳ",
                rows: rows.map { ComplianceChart.Row(agency: $0.0, onTime: $0.1.kept, late: $0.1.late, overdue: $0.1.overdue) })
        else { return nil }
        return ReportChart(caption: title, svg: chart.render())
    }

    static func overdueBlocks(_ review: CoordinationReview) -> [DocumentBlock] {
        let rows = review.agencies.flatMap { line in
            line.overdueNow.map { item in
                // "BC-1@cong-an" → "BC-1": the agency has its own column.
                let id =
                    item.subjectID.hasSuffix("@\(line.agency)")
                    ? String(item.subjectID.dropLast(line.agency.rawValue.count + 1)) : item.subjectID
                return [
                    line.name, item.subject.vietnameseName, id, item.summary, item.dueOn.vietnameseText,
                    VietnameseFormat.amount(-item.daysLeft),
                ]
            }
        }
        guard !rows.isEmpty else { return [.paragraph("Không có việc nào quá hạn.")] }
        return [
            .table(
                ReportTable(
                    caption: "Bảng 5. Các việc đang quá hạn, theo đơn vị chịu trách nhiệm",
                    header: ["Đơn vị", "Loại việc", "Mã", "Nội dung", "Hạn", "Số ngày làm việc quá hạn"],
                    rows: rows, numericColumns: [5],
                    total: ["Tổng cộng", "", "", "", "", VietnameseFormat.amount(rows.count) + " việc"]))
        ]
    }
}

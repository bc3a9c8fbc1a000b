public import PhoiHopConfig
import PhoiHopProtocol
public import PhoiHopReports

/// The hub's compiled report on one request as an official document of Sở TT&TT (Decree
/// 30/2020): I. who answered (a table of every addressee with its due date, its answer date and
/// its state, the summary line and a compliance chart); II. the province's figures, summed over
/// the answers received, with how many agencies each sum comes from; III. one subsection per
/// answering agency, built by ``AgencyAnswerSection`` exactly as the agency's own report prints it.
public enum CompiledReportDocument {
    /// The document of `report`, dated `report.asOf`.
    public static func make(_ report: CompiledReport, rules: ProvinceRules,
                            issuer: PeriodicReportDocument.Issuer = PeriodicReportDocument.Issuer()) -> OfficialDocument {
        let request = report.request
        var tableNumber = 1
        let answered = report.addressees.filter { $0.submittedOn != nil }

        let whoRows = report.addressees.enumerated().map { index, a in
            ["\(index + 1)", a.name, a.dueOn.vietnameseText, a.submittedOn?.vietnameseText ?? "—", a.stateText]
        }
        var who: [DocumentBlock] = [
            .paragraph("Ngày \(request.requestedOn.vietnameseText), \(rules.agency(.hub)?.name ?? "Sở Thông tin và Truyền thông") yêu cầu \(report.addressees.count) đơn vị "
                + "báo cáo số liệu từ ngày \(request.periodFrom.vietnameseText) đến ngày \(request.periodTo.vietnameseText) "
                + "(yêu cầu \(request.requestID)), hạn gửi ngày \(request.dueOn.vietnameseText). "
                + "Tính đến ngày \(report.asOf.vietnameseText): \(report.summaryLine)"),
            .table(ReportTable(caption: "Bảng \(tableNumber). Tình hình gửi báo cáo của các đơn vị",
                               header: ["STT", "Đơn vị", "Hạn gửi", "Ngày gửi", "Tình trạng"], rows: whoRows, numericColumns: [0])),
        ]
        tableNumber += 1
        if let chart = complianceChart(report) { who.append(.chart(chart)) }

        var figures: [DocumentBlock]
        if answered.isEmpty {
            figures = [.paragraph("Chưa có đơn vị nào gửi báo cáo; chưa có số liệu để tổng hợp.")]
        } else {
            let missing = report.addressees.count - answered.count
            figures = [.paragraph("Số liệu dưới đây là tổng số liệu của \(answered.count) đơn vị đã gửi báo cáo"
                + (missing > 0 ? "; \(missing) đơn vị chưa gửi báo cáo không được tính." : "."))]
            let byKey = Dictionary(uniqueKeysWithValues: report.provinceFigures.map { ($0.key, $0) })
            let asFigures = report.provinceFigures.map { ReportFigure(key: $0.key, label: $0.label, value: $0.total) }
            for group in AgencyAnswerSection.groups(asFigures) {
                let rows = group.figures.enumerated().map { index, f in
                    ["\(index + 1)", f.label, VietnameseFormat.amount(f.value), VietnameseFormat.amount(byKey[f.key]?.agencies ?? 0)]
                }
                figures.append(.table(ReportTable(caption: "Bảng \(tableNumber). \(group.title)",
                                                  header: ["STT", "Chỉ tiêu", "Tổng số", "Số đơn vị có số liệu"],
                                                  rows: rows, numericColumns: [0, 2, 3])))
                tableNumber += 1
            }
        }

        let perAgency = answered.map { a in
            DocumentSubsection(
                title: "\(a.name) (gửi ngày \(a.submittedOn?.vietnameseText ?? "—"), \(a.stateText.lowercased()))",
                blocks: AgencyAnswerSection.blocks(a.figures, note: a.note, tableNumber: &tableNumber))
        }
        let sections = [
            DocumentSection(title: "Tình hình gửi báo cáo", blocks: who),
            DocumentSection(title: "Tổng hợp số liệu toàn tỉnh", blocks: figures),
            DocumentSection(title: "Báo cáo của từng đơn vị",
                            blocks: perAgency.isEmpty ? [.paragraph("Chưa có đơn vị nào gửi báo cáo.")] : [], subsections: perAgency),
        ]
        return OfficialDocument(
            superiorBody: issuer.superiorBody, issuingBody: issuer.issuingBody, number: nil, symbol: issuer.symbol,
            place: issuer.place, date: report.asOf, kind: "BÁO CÁO",
            subject: "Tổng hợp báo cáo của các đơn vị theo yêu cầu \(request.requestID): \(request.subject)", sections: sections,
            signature: issuer.signature, recipients: issuer.recipients, archivedAt: issuer.archivedAt)
    }

    /// The addressees on time, late and overdue as one bar; none when no due date has passed and
    /// no one answered (a bar of nothing says nothing).
    static func complianceChart(_ report: CompiledReport) -> ReportChart? {
        let row = ComplianceChart.Row(agency: "Các đơn vị được yêu cầu", onTime: report.count(.onTime), late: report.count(.late),
                                      overdue: report.count(.overdue))
        guard row.total > 0 else { return nil }
        let title = "Biểu đồ 1. Tình hình gửi báo cáo theo hạn"
        guard let chart = try? ComplianceChart(
            id: "bieu-do-1", title: title,
            description: "Số đơn vị gửi đúng hạn, gửi trễ hạn và quá hạn chưa gửi báo cáo theo yêu cầu \(report.request.requestID)",
            rows: [row])
        else { return nil }
        return ReportChart(caption: title, svg: chart.render())
    }
}

import Foundation
import Hummingbird
import HummingbirdCore
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopReports

/// `/reports`: the periodic report of a chosen period or an ad-hoc report of any window, computed
/// by the hub now (`report.periodic`, `report.adhoc`: nothing is stored), to read as the official
/// document (HTML, from PhoiHopReports) or to download as JSON or as one CSV file per table.
struct ReportsPage {
    let source: DashboardSource
    let rules: ProvinceRules

    /// The query and its parameters a request names, or nil when it names none.
    static func request(_ uri: URI) -> (query: String, parameters: [String: String])? {
        let p = uri.queryParameters
        if let kind = p.get("kind"), let month = p.get("month") { return ("report.periodic", ["kind": kind, "month": month]) }
        if let from = p.get("from"), let to = p.get("to") { return ("report.adhoc", ["from": from, "to": to]) }
        return nil
    }

    /// The choice forms, and when a report is named, its links.
    func render(_ uri: URI) async throws -> PageLayout {
        let kinds = rules.reportPeriods.kinds.map { "<option value=\"\(h($0.id))\"\(uri.queryParameters.get("kind") == $0.id ? " selected" : "")>\(h($0.title))</option>" }.joined()
        var links = ""
        if let (query, parameters) = Self.request(uri) {
            let answer = try await source.query(query, parameters, as: PeriodicReportAnswer.self)
            let base = "/reports/document?" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(q($0.value))" }.joined(separator: "&")
            let csv = answer.document.tables.enumerated().map { index, table in
                "<li><a href=\"\(h(base))&amp;format=csv&amp;table=\(index + 1)\">\(h(table.caption.isEmpty ? "Bảng \(index + 1)" : table.caption))</a></li>"
            }.joined()
            links = """
                <h2>\(h(answer.document.subject))</h2>
                <p><a href="\(h(base))&amp;format=html">Xem báo cáo (HTML, in khổ A4)</a> · <a href="\(h(base))&amp;format=json">Tải số liệu (JSON)</a></p>
                <p>Tải từng bảng (CSV, mở được bằng Excel):</p><ul>\(csv)</ul>
                """
        }
        let body = """
            <form class="inline" method="get" action="/reports">
            <div><label for="kind">Báo cáo định kỳ</label><select id="kind" name="kind">\(kinds)</select></div>
            <div><label for="month">Tháng kết thúc kỳ</label><input id="month" name="month" placeholder="2026-10" value="\(h(String(uri.queryParameters.get("month") ?? "")))" required pattern="[0-9]{4}-[0-9]{2}"></div>
            <button type="submit">Lập báo cáo</button></form>
            <form class="inline" method="get" action="/reports">
            <div><label for="from">Báo cáo đột xuất từ ngày</label><input id="from" name="from" type="date" required></div>
            <div><label for="to">đến ngày</label><input id="to" name="to" type="date" required></div>
            <button type="submit">Lập báo cáo</button></form>
            \(links)
            """
        return PageLayout(title: "Báo cáo", active: "/reports", province: rules.province, body: body)
    }

    /// `/reports/document`: the report itself in `format` (html, json, csv with `table=N`).
    func document(_ uri: URI) async throws -> Response {
        guard let (query, parameters) = Self.request(uri) else {
            return ErrorPage.response(.badRequest, "Cần chọn kỳ báo cáo (kind và month) hoặc khoảng ngày (from và to).", province: rules.province)
        }
        let answer = try await source.query(query, parameters, as: PeriodicReportAnswer.self)
        let name = "bao-cao-" + parameters.sorted { $0.key < $1.key }.map(\.value).joined(separator: "-")
        switch uri.queryParameters.get("format") ?? "html" {
        case "html":
            return PageLayout.htmlResponse(answer.document.renderHTML())
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return download(Array(try encoder.encode(answer)), type: "application/json", file: "\(name).json")
        case "csv":
            let tables = answer.document.tables
            guard let number = uri.queryParameters.get("table").flatMap({ Int($0) }), tables.indices.contains(number - 1) else {
                return ErrorPage.response(.badRequest, "Cần chọn bảng: table=1 đến \(tables.count).", province: rules.province)
            }
            return download(tables[number - 1].csv, type: "text/csv; charset=utf-8", file: "\(name)-bang-\(number).csv")
        case let other:
            return ErrorPage.response(.badRequest, "Định dạng '\(other)' không có; chọn html, json hoặc csv.", province: rules.province)
        }
    }

    func download(_ bytes: [UInt8], type: String, file: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Foundation
import Hummingbird
import PhoiHopReports

/// The frame every dashboard page shares: the head with the hub's own stylesheet and script,
/// the navigation, the page's body. Every text that comes from data goes through ``h(_:)``.
struct PageLayout {
    /// The navigation, in the order shown: path and Vietnamese label.
    static let sections: [(path: String, label: String)] = [
        ("/", "Tổng quan"), ("/inspections", "Kiểm tra"), ("/complaints", "Đơn khiếu nại, tố cáo"),
        ("/reports", "Báo cáo"), ("/feed", "Hoạt động trực tiếp"),
    ]

    var title: String
    /// The navigation entry to highlight.
    var active: String
    var province: String
    var body: String

    var html: String {
        let nav = Self.sections.map { item in
            "<a href=\"\(item.path)\"\(item.path == active ? " class=\"active\"" : "")>\(h(item.label))</a>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title)) — PhoiHop</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body>
            <header><div class="brand">PhoiHop · Sở Thông tin và Truyền thông \(h(province))</div><nav>\(nav)</nav>
            <form method="post" action="/logout" class="logout"><button type="submit">Đăng xuất</button></form></header>
            <main>
            <h1>\(h(title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    /// The page as a 200 (or `status`) HTML response that no cache keeps.
    func response(status: HTTPResponse.Status = .ok) -> Response {
        PageLayout.htmlResponse(html, status: status)
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// `text` safe as HTML content and as a quoted attribute value.
func h(_ text: String) -> String { TextEscaping.html(text) }

/// `text` as a URL query value.
func q(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
}

/// An HTML table: `header` cells, then `rows` whose cells are already HTML (escape data with ``h(_:)``).
func table(_ header: [String], _ rows: [[String]], empty: String = "Chưa có dữ liệu.", classes: [String]? = nil) -> String {
    guard !rows.isEmpty else { return "<p class=\"empty\">\(h(empty))</p>" }
    let head = header.map { "<th>\(h($0))</th>" }.joined()
    let body = rows.enumerated().map { index, cells in
        let cls = classes.map { " class=\"\($0[index])\"" } ?? ""
        return "<tr\(cls)>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
    }.joined(separator: "\n")
    return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
}

/// A headline figure.
func card(_ label: String, _ value: Int, tone: String = "") -> String {
    "<div class=\"card \(tone)\"><div class=\"value\">\(value)</div><div class=\"label\">\(h(label))</div></div>"
}


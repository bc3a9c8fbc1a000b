import Foundation
import Hummingbird

/// `/login` and `/logout`. The login page takes the token (or a `?token=` link, for a kiosk or
/// a projector's browser started from a script) and sets the HttpOnly, SameSite=Strict cookie;
/// it then returns the officer to the page first asked for.
struct LoginRoutes {
    let access: DashboardAccess
    let secureCookie: Bool
    let province: String

    func add(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ in
            let next = Self.localPath(request.uri.queryParameters.get("next"))
            if let token = request.uri.queryParameters.get("token") {
                return admit(token: token, next: next)
            }
            return page(next: next, refused: false)
        }
        router.post("/login") { request, _ in
            let bytes = try await request.body.collect(upTo: 4096)
            let form = Self.form(String(buffer: bytes))
            return admit(token: form["token"] ?? "", next: Self.localPath(form["next"]))
        }
        router.post("/logout") { _, _ in
            Response(status: .seeOther, headers: [.location: "/login", .setCookie: DashboardAccess.expiredCookie])
        }
    }

    func admit(token: String, next: String) -> Response {
        guard access.accepts(token.trimmingCharacters(in: .whitespacesAndNewlines)) else { return page(next: next, refused: true) }
        return Response(status: .seeOther, headers: [.location: next, .setCookie: access.cookie(secure: secureCookie), .cacheControl: "no-store"])
    }

    func page(next: String, refused: Bool) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="vi">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Đăng nhập — PhoiHop</title><link rel="stylesheet" href="/assets/dashboard.css"></head>
            <body class="login">
            <main>
            <h1>Bảng điều hành PhoiHop</h1>
            <p>Sở Thông tin và Truyền thông \(h(province))</p>
            \(refused ? "<p class=\"error\">Mã truy cập không đúng. Kiểm tra lại tệp mã truy cập của máy chủ (dashboard.tokenFile).</p>" : "")
            <form method="post" action="/login">
            <label for="token">Mã truy cập</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <input type="hidden" name="next" value="\(h(next))">
            <button type="submit">Đăng nhập</button>
            </form>
            </main>
            </body>
            </html>

            """
        return PageLayout.htmlResponse(html, status: refused ? .unauthorized : .ok)
    }

    /// `next` when it is a path of this site, else the overview: a login link never sends the
    /// officer elsewhere.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return next
    }

    /// An `application/x-www-form-urlencoded` body, by field.
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String { String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

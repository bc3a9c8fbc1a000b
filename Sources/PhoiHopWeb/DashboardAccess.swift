import Foundation
import Hummingbird

/// Who may read the dashboard: whoever presents the configured token, as the HttpOnly cookie
/// the login page sets or as `Authorization: Bearer <token>` (scripts, Prometheus). Compared in
/// constant time, so the response time says nothing about how much of a guess was right.
struct DashboardAccess: Sendable {
    static let cookieName = "phoihop_dashboard"
    /// Paths served without the token: the login page and the stylesheet it uses.
    static let openPaths: Set<String> = ["/login", "/assets/dashboard.css"]

    let token: [UInt8]

    init(token: String) { self.token = Array(token.utf8) }

    /// Whether `candidate` is the token; the time taken depends only on the token's length
    /// (an empty or shorter candidate compares as zeros, a longer one fails on its length).
    func accepts(_ candidate: String?) -> Bool {
        guard let candidate, !token.isEmpty else { return false }
        let given = Array(candidate.utf8)
        var difference = UInt8(truncatingIfNeeded: given.count ^ token.count)
        for index in token.indices {
            difference |= (index < given.count ? given[index] : 0) ^ token[index]
        }
        return difference == 0 && given.count == token.count
    }

    /// Whether `request` carries the token (header first, then cookie).
    func admits(_ request: Request) -> Bool {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            return accepts(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        }
        return accepts(request.cookies[Self.cookieName]?.value)
    }

    /// The `Set-Cookie` value that admits a browser until it closes or logs out.
    func cookie(secure: Bool) -> String {
        "\(Self.cookieName)=\(String(decoding: token, as: UTF8.self)); Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    static let expiredCookie = "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
}

/// Refuses every request without the token: a page is redirected to the login page (which
/// brings the officer back), `/metrics`, the feed stream and data downloads get 401.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let access: DashboardAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if DashboardAccess.openPaths.contains(path) || access.admits(request) {
            return try await next(request, context)
        }
        let wantsPage = request.method == .get && !Self.isData(path: path, format: request.uri.queryParameters.get("format"))
        guard wantsPage else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"phoihop\"", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "401: cần mã truy cập (Authorization: Bearer <token>)\n")))
        }
        let target = request.uri.string
        return Response(status: .seeOther, headers: [.location: "/login?next=\(q(target))", .cacheControl: "no-store"])
    }

    /// Paths a script or Prometheus reads: they get 401, never a login page.
    static func isData(path: String, format: String?) -> Bool {
        path == "/metrics" || path == "/feed/stream" || path.hasSuffix(".json") || path.hasPrefix("/assets/")
            || (format != nil && format != "html")
    }
}

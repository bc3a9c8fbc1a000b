import Hummingbird

/// What an officer sees when a page cannot be shown: the reason in Vietnamese and what to do.
enum ErrorPage {
    static func response(_ status: HTTPResponse.Status, _ message: String, province: String) -> Response {
        let title = status == .notFound ? "Không tìm thấy" : status == .badRequest ? "Yêu cầu chưa đúng" : "Chưa xem được trang này"
        return PageLayout(title: title, active: "", province: province, body: "<p class=\"error\">\(h(message))</p><p><a href=\"/\">Về trang tổng quan</a></p>")
            .response(status: status)
    }
}

import Hummingbird
import HummingbirdCore
import PhoiHopConfig

/// The dashboard's pages on the router. A read the daemon refuses (a bad report period) is a
/// 400 page saying why; a daemon not answering is a 503 page.
struct DashboardPages {
    let source: DashboardSource
    let rules: ProvinceRules

    func add(to router: Router<BasicRequestContext>) {
        let province = rules.province
        router.get("/") { _, _ in try await guarded { try await OverviewPage(source: source, rules: rules).render().response() } }
        router.get("/district/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await guarded {
                try await RecordPages(source: source, rules: rules).district(id)?.response()
                    ?? ErrorPage.response(.notFound, "Không có huyện, thị xã, thành phố '\(id)' trong danh mục của tỉnh.", province: province)
            }
        }
        router.get("/business/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await guarded {
                try await RecordPages(source: source, rules: rules).business(id)?.response()
                    ?? ErrorPage.response(.notFound, "Không tìm thấy điểm kinh doanh '\(id)' trong sổ quản lý và nhật ký của Sở.", province: province)
            }
        }
        router.get("/inspections") { _, _ in try await guarded { try await InspectionsPage(source: source, rules: rules).render().response() } }
        router.get("/complaints") { _, _ in try await guarded { try await ComplaintsPage(source: source, rules: rules).render().response() } }
        router.get("/reports") { request, _ in try await guarded { try await ReportsPage(source: source, rules: rules).render(request.uri).response() } }
        router.get("/reports/document") { request, _ in try await guarded { try await ReportsPage(source: source, rules: rules).document(request.uri) } }
    }

    func guarded(_ build: () async throws -> Response) async throws -> Response {
        do { return try await build() } catch let refusal as DashboardReadError {
            return ErrorPage.response(.badRequest, refusal.message, province: rules.province)
        } catch {
            return ErrorPage.response(.serviceUnavailable, "Máy chủ của Sở chưa trả lời (\(error)). Thử tải lại trang sau ít phút.", province: rules.province)
        }
    }
}

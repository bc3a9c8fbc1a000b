import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopWeb
import Testing

/// Every route of the dashboard through HummingbirdTesting's client, over a hub store with a
/// known business, violation and complaint.
struct DashboardRouteTests {
    static let token = "0123456789abcdef0123456789abcdef-test"
    static let tanAn = AgencyID(rawValue: "district-tan-an")!

    /// A store with business TA-1 (Tân An), an open violation on it and a complaint received there.
    static func store() throws -> HubStore {
        let store = try HubStore()
        try store.receive(BusinessRegistered(businessID: "TA-1", name: "Đại lý <Hòa Bình>", kind: .internetAgent, district: tanAn,
                                             address: "1 Đường số 3", owner: "Trần Thị Bình", machines: 15, ispContract: "HĐ-1",
                                             registeredOn: try CivilDate(parsing: "2026-11-01")), from: "district-tan-an")
        try store.receive(ViolationRecorded(violationID: "VP-1", businessID: "TA-1", district: tanAn, category: "ND15-35-3-hours",
                                            observedOn: try CivilDate(parsing: "2026-11-15"), evidenceRef: "BB-1", inspectionID: nil,
                                            description: "Sau 22 giờ"), from: "vhttdl")
        try store.receive(ComplaintReceived(caseID: "KN-1", kind: .complaint, round: 1, receivedOn: try CivilDate(parsing: "2026-11-02"),
                                            complainant: "Nguyễn Văn A", subject: "Điểm trò chơi mở cửa sau 22 giờ", district: tanAn,
                                            remoteArea: false, actOn: nil), from: "so-tttt")
        return store
    }

    static let congAn = PeerStatus(id: AgencyID(rawValue: "cong-an")!, role: .congAn, online: true, lastSeen: 1_763_600_059_000, version: "1.0.0",
                                   peerLastSeq: 3, applied: 3, outboundLastSeq: 2, outboundPending: 0, inboundPending: 0, peerRejected: 0,
                                   clockSkewMilliseconds: 12, heartbeatSinceStart: true)

    static func dashboard(_ store: HubStore, lifetime: Duration = .seconds(600)) -> Dashboard {
        var options = Dashboard.Options(host: "127.0.0.1", port: 0, token: token, rules: store.rules)
        options.feedPollInterval = .milliseconds(20)
        options.feedStreamLifetime = lifetime
        return Dashboard(options: options, source: store.source(peers: [congAn]), logger: Logger(label: "test"))
    }

    static func app(_ dashboard: Dashboard) -> some ApplicationProtocol {
        Application(router: dashboard.router())
    }

    static let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

    @Test func aPageWithoutTheTokenRedirectsToTheLoginPage() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/complaints", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fcomplaints")
            }
        }
    }

    @Test func metricsAndTheFeedStreamWithoutTheTokenAre401() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            for uri in ["/metrics", "/feed/stream", "/reports/document?kind=monthly&month=2026-10&format=json"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token"]) { response in
                #expect(response.status == .unauthorized)
            }
            // An empty token, or one shorter than the real one, is refused like any wrong one.
            for header in ["Bearer ", "Bearer    ", "Bearer \(Self.token.prefix(5))"] {
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: header]) { response in
                    #expect(response.status == .unauthorized, "\(header)")
                }
            }
        }
    }

    @Test func theLoginPageIsVietnameseAndAWrongTokenIsRefused() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Mã truy cập"))
            }
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "token=nope&next=%2F")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                #expect(String(buffer: response.body).contains("Mã truy cập không đúng"))
            }
            try await client.execute(uri: "/login?token=", method: .get) { response in
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test func theRightTokenSetsAStrictHttpOnlyCookieThatOpensThePages() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            let cookie = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "token=\(Self.token)&next=%2Fcomplaints")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/complaints")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                return String(cookie.split(separator: ";")[0])
            }
            try await client.execute(uri: "/complaints", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
            }
            // A login link for a kiosk: same cookie, and never a redirect off the site.
            try await client.execute(uri: "/login?token=\(Self.token)&next=https://example.com/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
                #expect(response.headers[.setCookie] != nil)
            }
        }
    }

    @Test func theOverviewShowsTheAgenciesTheCountsAndTheDistricts() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Tổng quan tỉnh Long An"))
                #expect(html.contains("Công an tỉnh"))
                #expect(html.contains("Trực tuyến"))
                #expect(html.contains("<div class=\"value\">1</div><div class=\"label\">Điểm kinh doanh đang quản lý</div>"))
                #expect(html.contains("<div class=\"value\">1</div><div class=\"label\">Vi phạm chưa kết thúc</div>"))
                #expect(html.contains("<a href=\"/district/district-tan-an\">Thành phố Tân An</a>"))
            }
        }
    }

    @Test func aBusinessPageShowsItsHistoryEscaped() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/business/TA-1", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Đại lý &lt;Hòa Bình&gt;"))
                #expect(!html.contains("<Hòa Bình>"))
                #expect(html.contains("Lịch sử qua các cơ quan"))
                #expect(html.contains("Sở Văn hóa, Thể thao và Du lịch"))
            }
        }
    }

    @Test func anUnknownBusinessOrDistrictIs404() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/business/XX-404", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Không tìm thấy điểm kinh doanh"))
            }
            try await client.execute(uri: "/district/district-nowhere", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func theDistrictInspectionsAndComplaintsPagesShowTheirRecords() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/district/district-tan-an", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Thành phố Tân An") && html.contains("VP-1") && html.contains("KN-1"))
            }
            try await client.execute(uri: "/inspections", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Chưa có kế hoạch kiểm tra nào."))
            }
            try await client.execute(uri: "/complaints", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("KN-1") && html.contains("class=\"bar "))
                #expect(html.contains("ngày làm việc"))
            }
        }
    }

    @Test func theReportsPageLinksTheDocumentAndItsDownloads() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/reports?kind=monthly&month=2026-11", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("format=html") && html.contains("format=json") && html.contains("format=csv&amp;table=1"))
            }
            try await client.execute(uri: "/reports/document?kind=monthly&month=2026-11&format=html", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"))
            }
            try await client.execute(uri: "/reports/document?kind=monthly&month=2026-11&format=json", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body).contains("\"kind\" : \"monthly\""))
            }
            try await client.execute(uri: "/reports/document?kind=monthly&month=2026-11&format=csv&table=1", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains(".csv") == true)
            }
            try await client.execute(uri: "/reports?kind=weekly&month=2026-11", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("weekly"))
            }
        }
    }

    @Test func metricsAreServedInThePrometheusFormat() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            }
        }
    }

    @Test func theAssetsAreServedByTheHub() async throws {
        try await Self.app(Self.dashboard(try Self.store())).test(.router) { client in
            try await client.execute(uri: "/assets/dashboard.css", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/assets/dashboard.js", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("EventSource"))
            }
        }
    }

    @Test func theFeedStreamDeliversTheActsAfterThePositionAsked() async throws {
        let store = try Self.store()
        let dashboard = Self.dashboard(store, lifetime: .milliseconds(300))
        try await Self.app(dashboard).test(.router) { client in
            try await client.execute(uri: "/feed/stream?after=2", method: .get, headers: Self.bearer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains("id: 3\nevent: act\n"))
                #expect(text.contains("\"position\":3") && text.contains("\"author\":\"Sở Thông tin và Truyền thông\""))
                #expect(!text.contains("id: 2\n"))
            }
        }
        #expect(dashboard.feeds.subscribers == 0)
    }

    @Test func closingTheFeedsEndsAStreamAndRefusesNewOnes() async throws {
        let dashboard = Self.dashboard(try Self.store())
        dashboard.feeds.closeAll()
        try await Self.app(dashboard).test(.router) { client in
            try await client.execute(uri: "/feed/stream", method: .get, headers: Self.bearer) { response in
                #expect(String(buffer: response.body).isEmpty)
            }
        }
    }
}

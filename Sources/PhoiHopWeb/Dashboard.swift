public import Hummingbird
public import Logging
public import PhoiHopConfig
public import ServiceLifecycle
import PhoiHopMetrics

/// The hub's web dashboard as a service of the daemon's service group: a Hummingbird server on
/// the configured address whose pages read the daemon through a ``DashboardSource``. A graceful
/// shutdown closes the live feeds first, then the server.
public struct Dashboard: Service {
    /// What the pages need besides the source.
    public struct Options: Sendable {
        /// The interface and port to listen on (port 0: any free port).
        public var host: String
        public var port: Int
        /// The access token (``DashboardSettings/token``).
        public var token: String
        /// The province file's names of agencies and districts.
        public var rules: ProvinceRules
        /// How often a live feed asks the daemon for new acts.
        public var feedPollInterval: Duration = .milliseconds(500)
        /// A feed stream is closed after this long; the browser reconnects at once and resumes
        /// after the last entry it received (`Last-Event-ID`), so proxies never see an endless response.
        public var feedStreamLifetime: Duration = .seconds(600)
        /// Adds `Secure` to the login cookie (set when a TLS reverse proxy fronts the dashboard).
        public var secureCookie = false

        /// Options with the default poll interval, stream lifetime and cookie.
        public init(host: String, port: Int, token: String, rules: ProvinceRules) {
            self.host = host; self.port = port; self.token = token; self.rules = rules
        }
    }

    let options: Options
    let source: DashboardSource
    let logger: Logger
    /// The open live feeds.
    public let feeds: LiveFeeds

    /// A dashboard reading `source`, logging to `logger`.
    public init(options: Options, source: DashboardSource, logger: Logger) {
        self.options = options; self.source = source; self.logger = logger
        feeds = LiveFeeds()
    }

    /// The dashboard of a hub whose `dashboard:` section is enabled; nil when it is not.
    public init?(settings: DashboardSettings, rules: ProvinceRules, source: DashboardSource, logger: Logger) {
        guard settings.enabled, let token = settings.token else { return nil }
        var options = Options(host: settings.host, port: settings.port, token: token, rules: rules)
        options.secureCookie = settings.secureCookie
        self.init(options: options, source: source, logger: logger)
    }

    /// Every route, behind the access check.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: AccessMiddleware(access: DashboardAccess(token: options.token)))
        let pages = DashboardPages(source: source, rules: options.rules)
        LoginRoutes(access: DashboardAccess(token: options.token), secureCookie: options.secureCookie,
                    province: options.rules.province).add(to: router)
        router.get("/assets/dashboard.css") { _, _ in DashboardAssets.response(DashboardAssets.css, type: "text/css; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in DashboardAssets.response(DashboardAssets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: PhoiHopMetrics.render())))
        }
        pages.add(to: router)
        let feed = FeedRoutes(source: source, feeds: feeds, pollInterval: options.feedPollInterval,
                              lifetime: options.feedStreamLifetime, rules: options.rules)
        feed.add(to: router)
        return router
    }

    /// The Hummingbird application on the configured address.
    public func application() -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
                    logger: logger)
    }

    /// Serves until the service group shuts down gracefully; throws when the address cannot be bound.
    public func run() async throws {
        let app = application()
        logger.info("dashboard listening", metadata: ["address": "\(options.host):\(options.port)"])
        let feeds = self.feeds
        try await withGracefulShutdownHandler {
            try await app.run()
        } onGracefulShutdown: {
            feeds.closeAll()
        }
        logger.info("dashboard stopped")
    }
}

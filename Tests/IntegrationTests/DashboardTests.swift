import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The hub's web dashboard in a real province: the hub (with `dashboard:` on a free port) and one
/// district as processes; the overview seen by headless Chromium; the live feed followed by a
/// plain HTTP client (curl) — Chromium's `--dump-dom` cannot wait for a Server-Sent Event.
@Suite(.serialized)
struct DashboardTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let token = "e2e0123456789abcdef0123456789abcdef0123456789ab"

    static func business(_ id: String) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 15, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    /// A province whose hub serves the dashboard on a free loopback port; returns the port.
    static func province() throws -> (Province, Int) {
        let province = try Province(districts: 1, today: "2026-11-20")
        let tokenFile = "\(province.directory)/keys/dashboard.token"
        guard FileManager.default.createFile(atPath: tokenFile, contents: Data("\(token)\n".utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ProvinceError("cannot write \(tokenFile)")
        }
        var port = 0
        for _ in 0..<50 {
            let candidate = Int.random(in: 20000...60000)
            if Province.portIsFree(candidate) { port = candidate; break }
        }
        let config = province.configFile(.hub)
        try (String(contentsOfFile: config, encoding: .utf8) + "dashboard:\n  enabled: true\n  address: 127.0.0.1:\(port)\n  tokenFile: \(tokenFile)\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return (province, port)
    }

    /// Runs `executable` with `arguments` to its end; its standard output and error.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-out-\(UUID().uuidString.prefix(8))")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// The HTTP status of `path` on the dashboard, with the token when `authorized`.
    static func httpStatus(_ port: Int, _ path: String, authorized: Bool) throws -> String {
        try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}"] + (authorized ? ["-H", "Authorization: Bearer \(token)"] : [])
                + ["http://127.0.0.1:\(port)\(path)"], timeout: 20).output
    }

    @Test func theOverviewInChromiumShowsTheAgenciesAndCountsAndTheFeedDeliversANewAct() throws {
        let (province, port) = try Self.province()
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        try province.record(Self.tanAn, Self.business("TA-1"))
        try province.waitUntil("the hub holds TA-1 and sees the district online", timeout: 30) {
            let status = try province.status(.hub)
            return status.totals.businesses == 1 && status.peers.contains { $0.id == Self.tanAn && $0.online }
        }

        // Access: pages redirect to the login page, data is refused, the token opens both.
        #expect(try Self.httpStatus(port, "/", authorized: false) == "303")
        #expect(try Self.httpStatus(port, "/metrics", authorized: false) == "401")
        #expect(try Self.httpStatus(port, "/metrics", authorized: true) == "200")
        #expect(try Self.httpStatus(port, "/business/TA-1", authorized: true) == "200")
        #expect(try Self.httpStatus(port, "/business/XX-9", authorized: true) == "404")

        // Chromium logs in through the login link (the cookie is set, then the overview opens).
        let login = "http://127.0.0.1:\(port)/login?token=\(Self.token)&next=/"
        let screenshot = "\(province.directory)/dashboard.png"
        let chromium = "/usr/bin/chromium-headless-shell"
        let shot = try Self.run(chromium, ["--no-sandbox", "--hide-scrollbars", "--screenshot=\(screenshot)", "--window-size=1366,900", login])
        #expect(shot.status == 0)
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
        #expect(size > 10_000, "the screenshot was written")
        if let keep = ProcessInfo.processInfo.environment["PHOIHOP_DASHBOARD_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
        let dom = try Self.run(chromium, ["--no-sandbox", "--dump-dom", login]).output
        #expect(dom.contains("Tổng quan tỉnh Long An"))
        #expect(dom.contains("Công an tỉnh") && dom.contains("Thành phố Tân An"))
        #expect(dom.contains("<div class=\"value\">1</div><div class=\"label\">Điểm kinh doanh đang quản lý</div>"))
        #expect(dom.contains("Trực tuyến") && dom.contains("Mất kết nối"))

        // The live feed: follow the stream, then record an act; it arrives within the poll.
        let streamFile = "\(province.directory)/feed-stream.txt"
        _ = FileManager.default.createFile(atPath: streamFile, contents: nil)
        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        follower.arguments = ["-sN", "-H", "Authorization: Bearer \(Self.token)", "http://127.0.0.1:\(port)/feed/stream"]
        follower.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: streamFile))
        try follower.run()
        defer { if follower.isRunning { follower.terminate(); follower.waitUntilExit() } }
        func streamed() -> String { (try? String(contentsOfFile: streamFile, encoding: .utf8)) ?? "" }
        try province.waitUntil("the feed stream is open", timeout: 30) { streamed().contains(": connected") }
        #expect(!streamed().contains("TA-2"))
        try province.record(Self.tanAn, Self.business("TA-2"))
        try province.waitUntil("the feed delivers TA-2's registration", timeout: 30) { streamed().contains("\"business\":\"TA-2\"") }
        #expect(streamed().contains("event: act\n"))
        #expect(streamed().contains("Thành phố Tân An"))

        // The hub stops cleanly with a stream open: the feed is closed, the daemon exits 0.
        #expect(province.stop(.hub) == 0)
        follower.waitUntilExit()
    }
}

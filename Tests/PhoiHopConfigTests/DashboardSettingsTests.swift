import Foundation
import PhoiHopConfig
import Testing

/// The hub's `dashboard:` section: off by default; when on, an address and a private token file.
struct DashboardSettingsTests {
    let hub = ReportsSettingsTests().hub

    /// A hub configuration whose `dashboard:` section is `section`, with a token file of `mode`.
    func config(_ section: String, token: String = String(repeating: "a1", count: 32), mode: Int = 0o600) throws -> String {
        let file = try hub(nil)
        let directory = (file as NSString).deletingLastPathComponent
        _ = FileManager.default.createFile(atPath: "\(directory)/dashboard.token", contents: Data("\(token)\n".utf8), attributes: [.posixPermissions: mode])
        try (String(contentsOfFile: file, encoding: .utf8) + "dashboard:\n" + section + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func problem(_ file: String) -> ConfigError? {
        do { _ = try DaemonConfig.load(file: file, environment: [:]); return nil } catch { return error }
    }

    @Test func withoutADashboardSectionThereIsNoDashboard() throws {
        let config = try DaemonConfig.load(file: try hub(nil), environment: [:])
        #expect(!config.dashboard.enabled && config.dashboard.token == nil)
    }

    @Test func anEnabledDashboardReadsItsAddressAndToken() throws {
        let config = try DaemonConfig.load(file: try config("  enabled: true\n  address: 0.0.0.0:9000\n  tokenFile: dashboard.token"), environment: [:])
        #expect(config.dashboard.enabled)
        #expect(config.dashboard.host == "0.0.0.0" && config.dashboard.port == 9000)
        #expect(config.dashboard.token == String(repeating: "a1", count: 32))
    }

    @Test func theDefaultAddressIsLoopback() throws {
        let config = try DaemonConfig.load(file: try config("  enabled: true\n  tokenFile: dashboard.token"), environment: [:])
        #expect(config.dashboard.address == "127.0.0.1:8470")
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let error = problem(try config("  enabled: true\n  tokenFile: dashboard.token", mode: 0o644))
        #expect(error?.key == "dashboard.tokenFile")
        #expect(error?.problem.contains("chmod 600") == true)
    }

    @Test func aShortTokenOrAMissingFileIsRefused() throws {
        #expect(problem(try config("  enabled: true\n  tokenFile: dashboard.token", token: "short"))?.problem.contains("at least 32") == true)
        #expect(problem(try config("  enabled: true\n  tokenFile: missing.token"))?.problem.contains("openssl rand -hex 32") == true)
        #expect(problem(try config("  enabled: true"))?.key == "dashboard.tokenFile")
    }

    @Test func aBadAddressIsRefused() throws {
        let error = problem(try config("  enabled: true\n  address: localhost\n  tokenFile: dashboard.token"))
        #expect(error?.key == "dashboard.address")
    }

    @Test func changingTheDashboardNeedsARestart() throws {
        let file = try config("  enabled: false")
        let running = try DaemonConfig.load(file: file, environment: [:])
        try (String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "enabled: false", with: "enabled: true\n  tokenFile: dashboard.token"))
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(running.restartRequired(comparedTo: try DaemonConfig.load(file: file, environment: [:])) == ["dashboard"])
    }
}

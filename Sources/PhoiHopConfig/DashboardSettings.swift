import Foundation
import Yams

/// The hub's `dashboard:` section: whether the hub serves its web dashboard, on which address,
/// and the access token every page, feed and `/metrics` asks for (docs/DASHBOARD.md). Absent or
/// `enabled: false`: no dashboard. Hub only.
public struct DashboardSettings: Sendable, Equatable {
    /// Off unless the configuration turns it on.
    public var enabled = false
    /// The interface the dashboard listens on: loopback by default, so only this machine (and a
    /// reverse proxy on it) reaches it.
    public var host = "127.0.0.1"
    /// The TCP port (`address: HOST:PORT`).
    public var port = 8470
    /// Marks the login cookie `Secure` (browsers then send it over HTTPS only): set it when a TLS
    /// reverse proxy fronts the dashboard.
    public var secureCookie = false
    /// The file the token was read from (`tokenFile`, resolved).
    public var tokenFile: String?
    /// The access token (the file's first line), loaded with the configuration; nil while disabled.
    public var token: String?

    /// Disabled, on 127.0.0.1:8470.
    public init() {}

    /// `host:port`, as logged and printed.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    static let keys: Set<String> = ["enabled", "address", "tokenFile", "secureCookie"]
    /// Shorter tokens are refused: a dashboard on a shared network must not be guessable.
    static let minimumTokenLength = 32

    /// Reads the `dashboard:` mapping of `doc` (nil: disabled). When enabled, the token file must
    /// exist, be readable by the daemon's user only, and hold one token of at least
    /// ``minimumTokenLength`` printable characters.
    static func load(_ doc: YAMLDocument, _ section: Node.Mapping?, environment: [String: String]) throws(ConfigError) -> DashboardSettings {
        var settings = DashboardSettings()
        guard let section else { return settings }
        try doc.checkKeys(section, allowed: keys, at: "dashboard")
        if let node = section["enabled"] {
            guard let value = node.bool else { throw doc.fail("dashboard.enabled", "must be true or false") }
            settings.enabled = value
        }
        if let node = section["secureCookie"] {
            guard let value = node.bool else { throw doc.fail("dashboard.secureCookie", "must be true or false") }
            settings.secureCookie = value
        }
        if let text = try doc.string(section, "address", at: "dashboard") {
            (settings.host, settings.port) = try address(doc, text)
        }
        guard settings.enabled else { return settings }
        guard let file = try doc.string(section, "tokenFile", at: "dashboard") else {
            throw doc.fail("dashboard.tokenFile", "is required when the dashboard is enabled; generate one with 'openssl rand -hex 32 > FILE && chmod 600 FILE'")
        }
        let path = doc.resolve(try DaemonConfig.credentialPath(doc, file, key: "dashboard.tokenFile", environment))
        settings.tokenFile = path
        settings.token = try loadToken(doc, path: path)
        return settings
    }

    /// `HOST:PORT` (an IPv6 host in brackets).
    static func address(_ doc: YAMLDocument, _ text: String) throws(ConfigError) -> (String, Int) {
        let problem = "'\(text.prefix(60))' is not HOST:PORT; write e.g. 127.0.0.1:8470 (loopback, behind a reverse proxy)"
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            throw doc.fail("dashboard.address", problem)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { throw doc.fail("dashboard.address", problem) }
        return (host, port)
    }

    /// The token in `path`; refuses a file others can read, as the key files.
    static func loadToken(_ doc: YAMLDocument, path: String) throws(ConfigError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw doc.fail("dashboard.tokenFile", "cannot read \(path); generate one with 'openssl rand -hex 32 > \(path) && chmod 600 \(path)'")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw doc.fail("dashboard.tokenFile", "\(path) is readable by others (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw doc.fail("dashboard.tokenFile", "cannot read \(path) as UTF-8 text")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // URL-safe characters only: the token travels in a cookie, a header and a login link.
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        guard token.count >= minimumTokenLength, token.allSatisfy(allowed.contains) else {
            throw doc.fail("dashboard.tokenFile", "\(path) must hold one token of at least \(minimumTokenLength) letters, digits or -._~ (e.g. 'openssl rand -hex 32')")
        }
        return token
    }
}

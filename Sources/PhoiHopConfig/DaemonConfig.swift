public import PhoiHopProtocol
public import Sodium
public import ZeroMQ
import Foundation
import Yams

/// An agency allowed on the bus: the hub's allow-list entry.
public struct AllowedAgency: Sendable, Equatable {
    public var id: AgencyID
    public var role: Role
    public var curvePublicKey: CurveKey
    /// The agency's Ed25519 public keys: its acts must be signed with one of them.
    public var signingKeys: [SigningPublicKey]

    public init(id: AgencyID, role: Role, curvePublicKey: CurveKey, signingKeys: [SigningPublicKey]) {
        self.id = id; self.role = role; self.curvePublicKey = curvePublicKey; self.signingKeys = signingKeys
    }
}

/// Where the hub listens. The hub binds both; agencies connect to both.
public struct HubEndpoints: Sendable, Equatable {
    /// The hub's SUB socket: agencies publish their acts here.
    public var ingest: String
    /// The hub's PUB socket: acks, directives and heartbeats to agencies.
    public var publish: String
}

/// Timing and flow of the reliable bus.
public struct BusTuning: Sendable, Equatable {
    /// How often a daemon sends a heartbeat to its peers; a peer is offline after three missed.
    public var heartbeat: Duration = .seconds(2)
    /// How long an unacknowledged message waits before it is sent again.
    public var resendAfter: Duration = .seconds(1)
    /// How many unacknowledged messages a stream may have in flight.
    public var window: Int = 2000
    /// How long an acknowledged outbox entry is kept: a peer restored from a backup younger than
    /// this gets back what it had applied since.
    public var retention: Duration = .seconds(90 * 86400)
    /// `ZMQ_SNDHWM` of both bus sockets: messages libzmq queues per peer before a PUB drops (0: unlimited).
    /// Well above the window by default, so the window, not libzmq, limits a burst.
    public var sendHighWaterMark: Int = 200_000
    /// `ZMQ_RCVHWM` of both bus sockets (0: unlimited).
    public var receiveHighWaterMark: Int = 200_000
    /// An agency whose acts wait this long with none acknowledged, while the hub's heartbeats
    /// arrive, reopens its publishing link to the hub (`DaemonCore+Redial`).
    public var relinkAfter: Duration = .seconds(30)
    /// How far ahead of this daemon's clock an act's `ts` may be before the act is held as
    /// `clock-skew` (docs/PROTOCOL.md §6.6): the sender's clock is wrong, and dropping the act
    /// would lose a real one. Raising it (and restarting) releases acts held by an old mistake.
    public var maxClockSkew: Duration = .seconds(3600)
    public init() {}
}

/// Everything a daemon needs to start, validated: if this value exists, the daemon can run.
public struct DaemonConfig: Sendable {
    public var file: String
    public var agency: AgencyID
    public var role: Role
    public var stateDirectory: String
    public var controlSocket: String
    /// The group whose members — the agency's officers — may use the control socket
    /// (`controlGroup:`); nil: the daemon's own primary group. See docs/SECURITY.md.
    public var controlGroup: String?
    public var logLevel: String
    public var durability: String
    public var endpoints: HubEndpoints
    public var keyPair: CurveKeyPair
    /// The hub's CURVE public key (agencies only: they authenticate the hub with it).
    public var hubPublicKey: CurveKey?
    /// Agencies admitted to the bus (hub only).
    public var allowList: [AllowedAgency]
    /// This daemon's Ed25519 signing key (`bus.signingKeyFile`).
    public var signingKey: SigningKeyPair
    /// The hub's Ed25519 public keys (agencies only: `bus.hubSigningKeys`).
    public var hubSigningKeys: [SigningPublicKey]?
    /// Other agencies' Ed25519 public keys (agencies only: `signers`), for the acts the hub relays.
    public var agencySigners: [AgencyID: [SigningPublicKey]]
    public var tuning: BusTuning
    public var rules: ProvinceRules
    /// A fixed "today" for drills and tests (`PHOIHOP_TODAY=YYYY-MM-DD`); nil: the real date in Vietnam.
    public var today: CivilDate?
    /// Stop (as on SIGTERM) once the process that started the daemon has exited
    /// (`PHOIHOP_EXIT_WITH_PARENT=1`): set by the test harness and the demo, never under systemd.
    public var exitWithParent = false
    /// The hub's reports: issuer, numbering and schedule (`reports:`; hub only, optional).
    public var reports = ReportsSettings()
    /// The hub's web dashboard (`dashboard:`; hub only, optional, off by default).
    public var dashboard = DashboardSettings()

    public var databasePath: String { "\(stateDirectory)/\(agency.rawValue).sqlite" }

    static let topKeys: Set<String> = [
        "agency", "role", "stateDirectory", "controlSocket", "controlGroup", "logLevel", "durability", "province",
        "rules", "bus", "agencies", "signers", "reports", "dashboard",
    ]
    static let busKeys: Set<String> = [
        "ingest", "publish", "secretKeyFile", "hubPublicKey", "heartbeatMilliseconds", "resendMilliseconds", "window",
        "sendHighWaterMark", "receiveHighWaterMark", "signingKeyFile", "hubSigningKeys", "relinkSeconds", "maxClockSkewSeconds",
    ]

    /// The control socket `file` names, as ``load(file:environment:)`` resolves it, without
    /// loading the rest (keys, legal tables): for `phoihop reload --config`, which may run where
    /// the daemon's credentials are not readable.
    public static func controlSocket(file: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> String {
        try locations(YAMLDocument(file: file), environment).controlSocket
    }

    /// The state directory (`PHOIHOP_STATE_DIRECTORY` overrides the file) and the control socket.
    static func locations(_ doc: YAMLDocument, _ environment: [String: String]) throws(ConfigError) -> (stateDirectory: String, controlSocket: String) {
        let configuredState = doc.resolve(try doc.requiredString(doc.root, "stateDirectory", at: ""))
        let stateDirectory = environment["PHOIHOP_STATE_DIRECTORY"] ?? configuredState
        let controlSocket = try doc.string(doc.root, "controlSocket", at: "").map(doc.resolve) ?? "\(stateDirectory)/control.sock"
        return (stateDirectory, controlSocket)
    }

    /// Loads and validates `file`. Environment overrides (for systemd drop-ins and tests):
    /// `PHOIHOP_STATE_DIRECTORY`, `PHOIHOP_LOG_LEVEL`; and `PHOIHOP_TODAY`, `PHOIHOP_EXIT_WITH_PARENT`.
    public static func load(file: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> DaemonConfig {
        let doc = try YAMLDocument(file: file)
        let root = doc.root
        try doc.checkKeys(root, allowed: topKeys, at: "")

        let agencyText = try doc.requiredString(root, "agency", at: "")
        guard let agency = AgencyID(rawValue: agencyText) else {
            throw doc.fail("agency", "'\(agencyText)' is not an agency id (lower-case letters, digits and '-')")
        }
        let roleText = try doc.requiredString(root, "role", at: "")
        guard let role = Role(rawValue: roleText) else {
            throw doc.fail("role", "'\(roleText)' is not a role; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if role == .hub, agency != .hub { throw doc.fail("agency", "the hub's id must be '\(AgencyID.hub)'") }
        if role == .district, !agency.rawValue.hasPrefix("district-") {
            throw doc.fail("agency", "a district daemon's id must start with 'district-'")
        }

        let (stateDirectory, controlSocket) = try locations(doc, environment)
        let configuredLevel = try doc.string(root, "logLevel", at: "") ?? "info"
        let logLevel = environment["PHOIHOP_LOG_LEVEL"] ?? configuredLevel
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard levels.contains(logLevel) else { throw doc.fail("logLevel", "'\(logLevel)' is not one of \(levels.joined(separator: ", "))") }
        let durability = try doc.string(root, "durability", at: "") ?? "full"
        guard ["full", "normal"].contains(durability) else { throw doc.fail("durability", "must be 'full' (fsync at every commit) or 'normal'") }
        let controlGroup = try doc.string(root, "controlGroup", at: "")
        if let controlGroup, getgrnam(controlGroup) == nil {
            throw doc.fail("controlGroup", "there is no group '\(controlGroup.prefix(40))' on this machine; create it (groupadd \(controlGroup.prefix(40))) and add the officers to it, or remove the key to use the daemon's own group")
        }

        let rules = try ProvinceRules.load(
            provinceFile: doc.resolve(try doc.requiredString(root, "province", at: "")),
            rulesDirectory: doc.resolve(try doc.requiredString(root, "rules", at: "")))
        if role == .district, rules.district(agency) == nil {
            throw doc.fail("agency", "'\(agency)' is not a district unit of \(rules.province) in the province file")
        }
        if role != .district, let unit = rules.agency(agency), unit.role != role {
            throw doc.fail("role", "the province file lists '\(agency)' as \(unit.role.rawValue), not \(role.rawValue)")
        }
        var today: CivilDate?
        if let text = environment["PHOIHOP_TODAY"] {
            do { today = try CivilDate(parsing: text) } catch {
                throw ConfigError(file: "environment", key: "PHOIHOP_TODAY", problem: "'\(text)' is not a date in the form YYYY-MM-DD")
            }
        }
        let exitWithParent: Bool
        switch environment["PHOIHOP_EXIT_WITH_PARENT"] {
        case nil, "", "0": exitWithParent = false
        case "1": exitWithParent = true
        case let text?:
            throw ConfigError(file: "environment", key: "PHOIHOP_EXIT_WITH_PARENT",
                              problem: "'\(text.prefix(40))' is neither 1 (stop when the starting process exits) nor 0; unset it for a service")
        }

        guard let bus = try doc.mapping(root, "bus", at: "") else { throw doc.fail("bus", "is required") }
        try doc.checkKeys(bus, allowed: busKeys, at: "bus")
        let endpoints = HubEndpoints(
            ingest: try endpoint(doc, bus, "ingest"), publish: try endpoint(doc, bus, "publish"))
        let secretKeyFile = doc.resolve(try credentialPath(doc, try doc.requiredString(bus, "secretKeyFile", at: "bus"), key: "bus.secretKeyFile", environment))
        let signingKeyFile = doc.resolve(try credentialPath(doc, try doc.requiredString(bus, "signingKeyFile", at: "bus"), key: "bus.signingKeyFile", environment))
        var hubPublicKey: CurveKey?
        var hubSigningKeys: [SigningPublicKey]?
        var agencySigners: [AgencyID: [SigningPublicKey]] = [:]
        if role != .hub {
            hubSigningKeys = try signingKeys(doc, bus, "hubSigningKeys", at: "bus")
            agencySigners = try Self.agencySigners(doc, root)
            let text = try doc.requiredString(bus, "hubPublicKey", at: "bus")
            do { hubPublicKey = try CurveKey(z85: text) } catch {
                throw doc.fail("bus.hubPublicKey", "not a CURVE public key (40 Z85 characters): \(error)")
            }
        }
        var tuning = BusTuning()
        if let ms = try doc.int(bus, "heartbeatMilliseconds", at: "bus", range: 50...600_000) { tuning.heartbeat = .milliseconds(ms) }
        if let ms = try doc.int(bus, "resendMilliseconds", at: "bus", range: 20...600_000) { tuning.resendAfter = .milliseconds(ms) }
        if let n = try doc.int(bus, "window", at: "bus", range: 1...1_000_000) { tuning.window = n }
        if let n = try doc.int(bus, "sendHighWaterMark", at: "bus", range: 0...10_000_000) { tuning.sendHighWaterMark = n }
        if let n = try doc.int(bus, "receiveHighWaterMark", at: "bus", range: 0...10_000_000) { tuning.receiveHighWaterMark = n }
        if let n = try doc.int(bus, "relinkSeconds", at: "bus", range: 1...86_400) { tuning.relinkAfter = .seconds(n) }
        // Up to ten years: enough to release what a sender with a badly wrong clock recorded.
        if let seconds = try doc.int(bus, "maxClockSkewSeconds", at: "bus", range: 1...315_360_000) { tuning.maxClockSkew = .seconds(seconds) }

        var allowList: [AllowedAgency] = []
        if role == .hub {
            guard let items = try doc.sequence(root, "agencies", at: "") else {
                throw doc.fail("agencies", "the hub needs its allow-list: a list of {id, role, curvePublicKey, signingKeys}")
            }
            for (index, item) in items.enumerated() {
                let path = "agencies[\(index)]"
                guard let m = item.mapping else { throw doc.fail(path, "must be a mapping with id, role, curvePublicKey, signingKeys") }
                try doc.checkKeys(m, allowed: ["id", "role", "curvePublicKey", "signingKeys"], at: path)
                let idText = try doc.requiredString(m, "id", at: path)
                guard let id = AgencyID(rawValue: idText), id != .hub else { throw doc.fail("\(path).id", "'\(idText)' is not an agency id") }
                let r = try doc.requiredString(m, "role", at: path)
                guard let agencyRole = Role(rawValue: r), agencyRole != .hub else { throw doc.fail("\(path).role", "'\(r)' is not an agency role") }
                if let unit = rules.agency(id), unit.role != agencyRole {
                    throw doc.fail("\(path).role", "the province file lists '\(id)' as \(unit.role.rawValue)")
                }
                if agencyRole == .district, rules.district(id) == nil {
                    throw doc.fail("\(path).id", "'\(idText)' is not a district unit in the province file")
                }
                let keyText = try doc.requiredString(m, "curvePublicKey", at: path)
                guard let key = try? CurveKey(z85: keyText) else {
                    throw doc.fail("\(path).curvePublicKey", "not a CURVE public key (40 Z85 characters)")
                }
                guard !allowList.contains(where: { $0.id == id }) else { throw doc.fail("\(path).id", "'\(idText)' is listed twice") }
                guard !allowList.contains(where: { $0.curvePublicKey == key }) else {
                    throw doc.fail("\(path).curvePublicKey", "this key is already listed for another agency")
                }
                let signing = try signingKeys(doc, m, "signingKeys", at: path)
                allowList.append(AllowedAgency(id: id, role: agencyRole, curvePublicKey: key, signingKeys: signing))
            }
        } else if root["agencies"] != nil {
            throw doc.fail("agencies", "only the hub's configuration has an allow-list")
        }
        if role != .hub, root["reports"] != nil {
            throw doc.fail("reports", "only the hub issues the province's reports; remove this section from an agency's configuration")
        }
        let reports = try ReportsSettings.load(doc, try doc.mapping(root, "reports", at: ""), periodKinds: rules.reportPeriods.kinds.map(\.id))
        if role != .hub, root["dashboard"] != nil {
            throw doc.fail("dashboard", "only the hub serves the web dashboard; remove this section from an agency's configuration")
        }
        let dashboard = try DashboardSettings.load(doc, try doc.mapping(root, "dashboard", at: ""), environment: environment)
        if role == .hub, root["signers"] != nil {
            throw doc.fail("signers", "the hub takes its agencies' signing keys from the allow-list (agencies[].signingKeys)")
        }

        // Last, so every other key is validated even where the key file is not installed yet.
        let keyPair = try loadSecretKey(doc, path: secretKeyFile)
        let signingKey = try loadSigningKey(doc, path: signingKeyFile)
        var config = DaemonConfig(
            file: file, agency: agency, role: role, stateDirectory: stateDirectory, controlSocket: controlSocket, controlGroup: controlGroup,
            logLevel: logLevel, durability: durability, endpoints: endpoints, keyPair: keyPair,
            hubPublicKey: hubPublicKey, allowList: allowList, signingKey: signingKey, hubSigningKeys: hubSigningKeys,
            agencySigners: agencySigners, tuning: tuning, rules: rules, today: today)
        config.exitWithParent = exitWithParent
        config.reports = reports
        config.dashboard = dashboard
        return config
    }

    static func endpoint(_ doc: YAMLDocument, _ bus: Node.Mapping, _ key: String) throws(ConfigError) -> String {
        let value = try doc.requiredString(bus, key, at: "bus")
        let parts = value.split(separator: ":")
        guard value.hasPrefix("tcp://"), parts.count >= 3, let port = Int(parts.last!), (1...65535).contains(port) else {
            throw doc.fail("bus.\(key)", "'\(value)' is not a tcp endpoint; write tcp://HOST:PORT (e.g. tcp://127.0.0.1:7701)")
        }
        return value
    }

    /// A secret key file's path with `${CREDENTIALS_DIRECTORY}` replaced by the directory systemd
    /// puts the service's credentials in (`LoadCredential=`), so the key need not be a file on
    /// the disk the daemon's configuration is on. No other variable is expanded.
    static func credentialPath(_ doc: YAMLDocument, _ value: String, key: String, _ environment: [String: String]) throws(ConfigError) -> String {
        let variable = "${CREDENTIALS_DIRECTORY}"
        guard value.contains(variable) else { return value }
        guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
            throw doc.fail(key, "uses \(variable), but CREDENTIALS_DIRECTORY is not set: systemd sets it for a unit with LoadCredential=; outside systemd, give the key file's path")
        }
        return value.replacingOccurrences(of: variable, with: directory)
    }

    /// Reads a CURVE secret key file (40 Z85 characters). Refuses a file others can read.
    static func loadSecretKey(_ doc: YAMLDocument, path: String) throws(ConfigError) -> CurveKeyPair {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else {
            throw doc.fail("bus.secretKeyFile", "cannot read \(path); generate one with 'phoihop keys generate'")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw doc.fail("bus.secretKeyFile", "\(path) is readable by others (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw doc.fail("bus.secretKeyFile", "cannot read \(path)")
        }
        do {
            return try CurveKeyPair(secretKey: CurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        } catch {
            throw doc.fail("bus.secretKeyFile", "\(path) does not hold a CURVE secret key (40 Z85 characters)")
        }
    }
}

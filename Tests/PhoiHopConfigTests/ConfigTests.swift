import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopTestSupport
import Sodium
import Testing
import ZeroMQ

struct ConfigTests {
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    static var exampleFiles: [String] {
        let agencies = (try? FileManager.default.contentsOfDirectory(atPath: "\(configDirectory)/agencies")) ?? []
        return ["\(configDirectory)/hub.yaml"] + agencies.sorted().map { "\(configDirectory)/agencies/\($0)" }
    }

    @Test func theExamplesCoverTheHubSixDepartmentsAndAllFifteenDistricts() {
        #expect(Self.exampleFiles.count == 1 + 6 + 15)
    }

    /// Every key of every example is valid; the only thing missing is the secret key file,
    /// which each server generates for itself.
    @Test(arguments: exampleFiles)
    func everyExampleIsValidButForItsKeyFile(file: String) {
        do {
            _ = try DaemonConfig.load(file: file, environment: [:])
            Issue.record("\(file) loaded without its key file")
        } catch {
            #expect(error.key == "bus.secretKeyFile", "\(error)")
            #expect(error.file == file)
        }
    }

    /// `phoihop reload --config` (the units' ExecReload=) asks the socket the daemon binds, even
    /// where it cannot read the daemon's keys: the same resolution, the environment included.
    @Test func theControlSocketAloneResolvesAsTheWholeLoadDoes() throws {
        let file = try workspace()
        #expect(try DaemonConfig.controlSocket(file: file, environment: [:]) == DaemonConfig.load(file: file, environment: [:]).controlSocket)
        #expect(try DaemonConfig.controlSocket(file: file, environment: ["PHOIHOP_STATE_DIRECTORY": "/var/lib/phoihop/x"])
            == "/var/lib/phoihop/x/control.sock")
        let keyless = file + ".keyless.yaml"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "secretKeyFile:", with: "secretKeyFile: /nonexistent #")
            .write(toFile: keyless, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try DaemonConfig.load(file: keyless, environment: [:]) }
        #expect(try DaemonConfig.controlSocket(file: keyless, environment: [:]).hasSuffix("/control.sock"))
    }

    @Test func theLegalTablesLoadWithTheirSources() throws {
        let rules = try ProvinceRules.load(provinceFile: "\(Self.configDirectory)/province/long-an.yaml",
                                           rulesDirectory: "\(Self.configDirectory)/rules")
        #expect(rules.districts.count == 15)
        #expect(rules.district(AgencyID(rawValue: "district-ben-luc")!)?.name == "Huyện Bến Lức")
        #expect(rules.violationCategories.allSatisfy { !$0.source.isEmpty && $0.fineMin <= $0.fineMax })
    }

    /// A yes-or-no key reads `true`/`false` (and YAML 1.1's `yes`/`no`, `on`/`off`) in any case;
    /// anything else, a quoted "true" included, is named as an error rather than read as the default.
    @Test(arguments: [
        ("remoteArea: yes", true), ("remoteArea: TRUE", true), ("remoteArea: off", false), ("remoteArea: False", false),
        ("remoteArea: maybe", nil), ("remoteArea: \"true\"", nil), ("remoteArea: 1", nil),
    ] as [(String, Bool?)])
    func aYesOrNoKeyReadsTrueOrFalseAndNothingElse(value: String, expected: Bool?) throws {
        let dir = Scratch.directory("yes-or-no").path
        let original = try String(contentsOfFile: "\(Self.configDirectory)/province/long-an.yaml", encoding: .utf8)
        let line = #"{ id: district-kien-tuong, name: "Thị xã Kiến Tường", remoteArea: true }"#
        #expect(original.contains(line))
        try original.replacingOccurrences(of: line, with: line.replacingOccurrences(of: "remoteArea: true", with: value))
            .write(toFile: "\(dir)/province.yaml", atomically: true, encoding: .utf8)
        do {
            let rules = try ProvinceRules.load(provinceFile: "\(dir)/province.yaml", rulesDirectory: "\(Self.configDirectory)/rules")
            #expect(rules.district(AgencyID(rawValue: "district-kien-tuong")!)?.remoteArea == expected)
        } catch {
            #expect(expected == nil, "\(error)")
            #expect(error.key?.hasSuffix("].remoteArea") == true && error.problem == "must be true or false", "\(error)")
        }
    }

    /// The hub's routing asks for an agency or a role's agencies without making the whole list:
    /// each answer is the one the whole list (departments, then districts) gives.
    @Test func anAgencyAndARolesAgenciesAreThoseOfTheWholeList() throws {
        var rules = try ProvinceRules.load(provinceFile: "\(Self.configDirectory)/province/long-an.yaml",
                                           rulesDirectory: "\(Self.configDirectory)/rules")
        // A province file could list a department with the district role: it still comes first.
        rules.departments.append(AgencyUnit(id: AgencyID(rawValue: "thanh-tra")!, role: .district, name: "Thanh tra tỉnh"))
        for role in Role.allCases {
            #expect(rules.agencies(of: role) == rules.agencies.filter { $0.role == role }.map(\.id), "\(role)")
        }
        #expect(rules.agencies(of: .district).count == 16)
        for unit in rules.agencies { #expect(rules.agency(unit.id) == unit) }
        #expect(rules.agency(AgencyID(rawValue: "district-khong-co")!) == nil)
    }

    /// A temporary run directory with a valid agency configuration and key.
    func workspace(_ mutate: (inout String) -> Void = { _ in }) throws -> String {
        let dir = Scratch.directory("config").path
        try FileManager.default.copyItem(atPath: "\(Self.configDirectory)/province/long-an.yaml", toPath: "\(dir)/long-an.yaml")
        try FileManager.default.copyItem(atPath: "\(Self.configDirectory)/rules", toPath: "\(dir)/rules")
        let keys = try CurveKeyPair.generate()
        _ = FileManager.default.createFile(atPath: "\(dir)/agency.secret", contents: Data(keys.secretKey.z85.utf8), attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(atPath: "\(dir)/agency.sign", contents: Data(SigningKeyPair.generate().seedBase64.utf8),
                                           attributes: [.posixPermissions: 0o600])
        var text = """
            agency: district-ben-luc
            role: district
            stateDirectory: state
            province: long-an.yaml
            rules: rules
            bus:
              ingest: tcp://127.0.0.1:7701
              publish: tcp://127.0.0.1:7702
              secretKeyFile: agency.secret
              hubPublicKey: "\(try CurveKeyPair.generate().publicKey.z85)"
              signingKeyFile: agency.sign
              hubSigningKeys: ["\(SigningKeyPair.generate().publicKey.base64)"]

            """
        mutate(&text)
        try text.write(toFile: "\(dir)/agency.yaml", atomically: true, encoding: .utf8)
        return "\(dir)/agency.yaml"
    }

    @Test func aValidConfigurationLoadsWithPathsRelativeToItsFile() throws {
        let file = try workspace()
        let config = try DaemonConfig.load(file: file, environment: [:])
        #expect(config.agency.rawValue == "district-ben-luc")
        #expect(config.stateDirectory.hasSuffix("/state"))
        #expect(config.controlSocket == config.stateDirectory + "/control.sock")
        #expect(config.tuning.heartbeat == .seconds(2))
    }

    @Test func theHighWaterMarksDefaultWellAboveTheWindowAndCanBeSet() throws {
        let defaults = try DaemonConfig.load(file: try workspace(), environment: [:]).tuning
        #expect(defaults.sendHighWaterMark == 200_000 && defaults.receiveHighWaterMark == 200_000)
        #expect(defaults.sendHighWaterMark > defaults.window)
        let file = try workspace { $0 = $0.replacingOccurrences(of: "ingest: tcp://127.0.0.1:7701", with: "ingest: tcp://127.0.0.1:7701\n  sendHighWaterMark: 2\n  receiveHighWaterMark: 0") }
        let tuned = try DaemonConfig.load(file: file, environment: [:]).tuning
        #expect(tuned.sendHighWaterMark == 2 && tuned.receiveHighWaterMark == 0)
        let bad = try workspace { $0 = $0.replacingOccurrences(of: "ingest: tcp://127.0.0.1:7701", with: "ingest: tcp://127.0.0.1:7701\n  sendHighWaterMark: -1") }
        #expect(throws: ConfigError.self) { try DaemonConfig.load(file: bad, environment: [:]) }
    }

    @Test func theClockSkewToleranceIsAnHourByDefaultAndCanBeRaised() throws {
        #expect(try DaemonConfig.load(file: try workspace(), environment: [:]).tuning.maxClockSkew == .seconds(3600))
        let file = try workspace { $0 = $0.replacingOccurrences(of: "ingest: tcp://127.0.0.1:7701", with: "ingest: tcp://127.0.0.1:7701\n  maxClockSkewSeconds: 31536000") }
        #expect(try DaemonConfig.load(file: file, environment: [:]).tuning.maxClockSkew == .seconds(31_536_000))
        let bad = try workspace { $0 = $0.replacingOccurrences(of: "ingest: tcp://127.0.0.1:7701", with: "ingest: tcp://127.0.0.1:7701\n  maxClockSkewSeconds: 0") }
        #expect(throws: ConfigError.self) { try DaemonConfig.load(file: bad, environment: [:]) }
    }

    @Test func anEnvironmentOverrideWins() throws {
        let config = try DaemonConfig.load(file: try workspace(), environment: ["PHOIHOP_LOG_LEVEL": "debug"])
        #expect(config.logLevel == "debug")
    }

    @Test func exitingWithTheParentIsOptInThroughTheEnvironmentOnly() throws {
        let file = try workspace()
        #expect(try DaemonConfig.load(file: file, environment: [:]).exitWithParent == false)
        #expect(try DaemonConfig.load(file: file, environment: ["PHOIHOP_EXIT_WITH_PARENT": "0"]).exitWithParent == false)
        #expect(try DaemonConfig.load(file: file, environment: ["PHOIHOP_EXIT_WITH_PARENT": "1"]).exitWithParent == true)
        do {
            _ = try DaemonConfig.load(file: file, environment: ["PHOIHOP_EXIT_WITH_PARENT": "yes"])
            Issue.record("accepted PHOIHOP_EXIT_WITH_PARENT=yes")
        } catch {
            #expect(error.key == "PHOIHOP_EXIT_WITH_PARENT")
            #expect(error.problem.contains("'yes' is neither 1"), "\(error)")
        }
    }

    @Test(arguments: [
        ("stateDirectory: state", "stateDirectroy: state", "stateDirectroy", "unknown key"),
        ("ingest: tcp://127.0.0.1:7701", "ingest: 127.0.0.1:7701", "bus.ingest", "tcp://HOST:PORT"),
        ("role: district", "role: mayor", "role", "not a role"),
        ("agency: district-ben-luc", "agency: district-atlantis", "agency", "not a district unit"),
    ])
    func aBadKeyIsNamedWithItsProblem(original: String, replacement: String, key: String, problem: String) throws {
        let file = try workspace { $0 = $0.replacingOccurrences(of: original, with: replacement) }
        do {
            _ = try DaemonConfig.load(file: file, environment: [:])
            Issue.record("accepted \(replacement)")
        } catch {
            #expect(error.key == key)
            #expect(error.problem.contains(problem), "\(error)")
            #expect(error.description.hasPrefix("configuration \(file): key '\(key)'"))
        }
    }

    @Test func aSecretKeyOthersCanReadIsRefused() throws {
        let file = try workspace()
        let secret = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("agency.secret").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secret)
        do {
            _ = try DaemonConfig.load(file: file, environment: [:])
            Issue.record("accepted a world-readable secret key")
        } catch {
            #expect(error.problem.contains("chmod 600"))
        }
    }

    @Test func aSigningKeyOthersCanReadIsRefused() throws {
        let file = try workspace()
        let secret = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("agency.sign").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: secret)
        #expect { try DaemonConfig.load(file: file, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "bus.signingKeyFile" && (error as? ConfigError)?.problem.contains("chmod 600") == true
        }
    }

    @Test func theAgencysSignersAndTheHubsKeysMakeTheKeyringAndBadKeysAreNamed() throws {
        let vhttdl = SigningKeyPair.generate().publicKey
        let file = try workspace { $0 += "signers:\n  - id: vhttdl\n    signingKeys: [\"\(vhttdl.base64)\"]\n" }
        let config = try DaemonConfig.load(file: file, environment: [:])
        #expect(config.signers[AgencyID(rawValue: "vhttdl")!] == [vhttdl])
        #expect(config.signers[.hub] == config.hubSigningKeys)
        #expect(config.hubSigningKeys?.count == 1)

        let bad = try workspace { $0 = $0.replacingOccurrences(of: "hubSigningKeys: [\"", with: "hubSigningKeys: [\"AAAA") }
        #expect { try DaemonConfig.load(file: bad, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "bus.hubSigningKeys[0]" && (error as? ConfigError)?.problem.contains("Ed25519 public key") == true
        }
        let missing = try workspace { text in
            text = text.split(separator: "\n").filter { !$0.contains("hubSigningKeys") }.joined(separator: "\n") + "\n"
        }
        #expect { try DaemonConfig.load(file: missing, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "bus.hubSigningKeys" && (error as? ConfigError)?.problem.contains("is required") == true
        }
    }

    @Test func invalidYAMLIsReportedWithTheFile() throws {
        let file = try workspace { $0 += "bus: [unclosed\n" }
        #expect(throws: ConfigError.self) { try DaemonConfig.load(file: file, environment: [:]) }
    }
}

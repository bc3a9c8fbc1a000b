import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import Sodium
import Testing
import ZeroMQ

/// What a reload may apply (the trust parts) and what it reports as needing a restart; the
/// secret key paths through systemd credentials; the control socket's group.
struct ReloadConfigTests {
    /// Logging or printing a loaded configuration shows no secret: neither key file's content.
    @Test func aConfigurationPrintsNoSecret() throws {
        let file = try workspace { _ in }
        let directory = (file as NSString).deletingLastPathComponent
        let config = try DaemonConfig.load(file: file, environment: [:])
        let printed = "\(config)" + String(reflecting: config)
        for secret in ["agency.secret", "agency.sign"] {
            let text = try String(contentsOfFile: "\(directory)/\(secret)", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let leaks = printed.contains(text)  // computed apart, so a failure does not print the secret either
            #expect(!leaks, "\(secret) appears when the configuration is printed")
        }
        #expect(printed.contains(config.keyPair.publicKey.fingerprint))
    }

    let workspace = ConfigTests().workspace

    @Test func aReloadAppliesTheSigningKeysAndReportsEveryOtherChangeAsNeedingARestart() throws {
        let file = try workspace { _ in }
        let running = try DaemonConfig.load(file: file, environment: [:])
        let vhttdl = SigningKeyPair.generate().publicKey
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "ingest: tcp://127.0.0.1:7701", with: "ingest: tcp://127.0.0.1:7701\n  heartbeatMilliseconds: 500")
            .replacingOccurrences(of: "publish: tcp://127.0.0.1:7702", with: "publish: tcp://127.0.0.1:7712")
        text += "signers:\n  - id: vhttdl\n    signingKeys: [\"\(vhttdl.base64)\"]\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let new = try DaemonConfig.load(file: file, environment: [:])

        #expect(running.reloadRefusal(new) == nil)
        #expect(running.restartRequired(comparedTo: new) == ["bus.publish", "bus.heartbeatMilliseconds"])
        let applied = running.applyingTrust(of: new)
        #expect(applied.signers[AgencyID(rawValue: "vhttdl")!] == [vhttdl])
        #expect(applied.endpoints == running.endpoints, "the endpoint change waits for a restart")
        #expect(applied.tuning == running.tuning)
        #expect(running.restartRequired(comparedTo: running).isEmpty)
    }

    @Test func aFileForAnotherDaemonIsRefusedByAReload() throws {
        let running = try DaemonConfig.load(file: try workspace { _ in }, environment: [:])
        let other = try DaemonConfig.load(file: try workspace { $0 = $0.replacingOccurrences(of: "district-ben-luc", with: "district-tan-an") },
                                          environment: [:])
        #expect(running.reloadRefusal(other)?.contains("this daemon is district-ben-luc") == true)
    }

    @Test func secretKeyPathsMayNameTheSystemdCredentialsDirectory() throws {
        let file = try workspace { text in
            text = text.replacingOccurrences(of: "secretKeyFile: agency.secret", with: "secretKeyFile: ${CREDENTIALS_DIRECTORY}/agency.secret")
                .replacingOccurrences(of: "signingKeyFile: agency.sign", with: "signingKeyFile: ${CREDENTIALS_DIRECTORY}/agency.sign")
        }
        let directory = (file as NSString).deletingLastPathComponent
        let plain = try DaemonConfig.load(file: try workspace { _ in }, environment: [:])
        let config = try DaemonConfig.load(file: file, environment: ["CREDENTIALS_DIRECTORY": directory])
        #expect(config.keyPair.publicKey != plain.keyPair.publicKey, "read from the credentials directory, not another workspace")
        #expect { try DaemonConfig.load(file: file, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "bus.secretKeyFile" && (error as? ConfigError)?.problem.contains("LoadCredential=") == true
        }
    }

    @Test func theControlGroupMustExist() throws {
        let missing = try workspace { $0 = "controlGroup: no-such-group-phoihop\n" + $0 }
        #expect { try DaemonConfig.load(file: missing, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "controlGroup" && (error as? ConfigError)?.problem.contains("groupadd") == true
        }
        let group = String(cString: getgrgid(getgid())!.pointee.gr_name)
        let present = try workspace { $0 = "controlGroup: \(group)\n" + $0 }
        #expect(try DaemonConfig.load(file: present, environment: [:]).controlGroup == group)
    }
}

import ArgumentParser
import Foundation
import Sodium
import PhoiHopConfig
import PhoiHopProtocol
import ZeroMQ

/// `phoihop province init`: keys and configuration for a whole province on one host — the hub,
/// every department of the province file (Công an, VH-TT-DL, KH-ĐT, Tài chính, GD-ĐT, Tỉnh đoàn) and
/// every district. Used by `make demo` and the
/// integration tests; a real deployment generates each agency's keys on its own server instead.
/// `--hub-address` puts the hub on an address other hosts reach (the partition tests use it to put
/// the hub and a district in separate network namespaces).
struct ProvinceInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "Provision a whole province on one machine (demo and tests).",
        subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write keys and configuration for the hub and every agency into DIR.")
        @Option(help: "Run directory to create.") var dir: String
        @Option(help: "Directory holding province/ and rules/ (the repository's config/).") var rules = "config"
        @Option(help: "Province data file name under province/.") var province = "long-an.yaml"
        @Option(help: "First TCP port: the hub binds PORT (ingest) and PORT+1 (publish), on --hub-address.") var port = 7701
        @Option(help: ArgumentHelp(
            "IPv4 address the hub binds and the agencies connect to.",
            discussion: "127.0.0.1 (the default) keeps the whole province on this machine; give the hub server's own address when agencies run on other hosts."))
        var hubAddress = "127.0.0.1"
        @Option(help: "Only the first N districts (0: all).") var districts = 0
        @Option(help: "Heartbeat interval in ms.") var heartbeatMilliseconds = 1000
        @Option(help: "Resend interval in ms.") var resendMilliseconds = 500
        @Option(help: "Durability: full (fsync every commit) or normal.") var durability = "full"

        func validate() throws {
            guard ProvinceLayout.isIPv4Address(hubAddress) else {
                throw ValidationError("--hub-address: '\(hubAddress.prefix(40))' không phải một địa chỉ IPv4 dạng a.b.c.d, ví dụ 127.0.0.1 hoặc 10.10.1.5")
            }
            // The agencies connect to the same address the hub binds: "any address" is nowhere to connect to.
            guard hubAddress != "0.0.0.0" else {
                throw ValidationError("--hub-address: '0.0.0.0' không phải địa chỉ các đơn vị kết nối tới được; hãy nêu địa chỉ IPv4 của máy chủ Sở TT&TT, ví dụ 10.10.1.5")
            }
            guard (1...65534).contains(port) else {
                throw ValidationError("--port: \(port) không hợp lệ; Sở TT&TT dùng cổng PORT và PORT+1, chọn PORT từ 1 đến 65534, ví dụ 7701")
            }
        }

        func run() throws {
            let agencies = try ProvinceLayout.write(
                directory: dir, rulesDirectory: rules, provinceFile: province, port: port, districtLimit: districts,
                heartbeatMilliseconds: heartbeatMilliseconds, resendMilliseconds: resendMilliseconds, durability: durability,
                hubAddress: hubAddress)
            print("wrote \(dir)/hub.yaml and \(agencies.count) agency configurations in \(dir)/agencies/ (hub at tcp://\(hubAddress):\(port) and :\(port + 1))")
        }
    }
}

/// The files of a provisioned province.
public enum ProvinceLayout {
    /// Writes the run directory and returns the agency ids (hub excluded), in start order.
    ///
    /// - Parameter hubAddress: the IPv4 address the hub binds its two sockets to and every agency
    ///   connects to (default 127.0.0.1: the whole province on one machine).
    @discardableResult
    public static func write(
        directory: String, rulesDirectory: String, provinceFile: String, port: Int, districtLimit: Int,
        heartbeatMilliseconds: Int, resendMilliseconds: Int, durability: String, hubAddress: String = "127.0.0.1"
    ) throws -> [AgencyID] {
        guard isIPv4Address(hubAddress) else {
            throw ConsoleFailure("hub address '\(hubAddress.prefix(40))' is not an IPv4 address a.b.c.d (e.g. 127.0.0.1)")
        }
        let fm = FileManager.default
        for sub in ["keys", "agencies", "state", "logs"] {
            try fm.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        let provincePath = "\(rulesDirectory)/province/\(provinceFile)"
        var copies = [(provincePath, "province.yaml")]
        try? fm.createDirectory(atPath: "\(directory)/rules", withIntermediateDirectories: true)
        for file in ProvinceRules.ruleFiles { copies.append(("\(rulesDirectory)/rules/\(file)", "rules/\(file)")) }
        for (from, to) in copies {
            try? fm.removeItem(atPath: "\(directory)/\(to)")
            do { try fm.copyItem(atPath: from, toPath: "\(directory)/\(to)") } catch {
                throw ConsoleFailure("cannot copy \(from): \(error.localizedDescription); pass --rules with the repository's config directory")
            }
        }
        let rules = try ProvinceRules.load(provinceFile: "\(directory)/province.yaml", rulesDirectory: "\(directory)/rules")
        // Every department of the province file but the hub, then the districts.
        var members: [(AgencyID, Role)] = rules.departments.filter { $0.role != .hub }.map { ($0.id, $0.role) }
        let districts = districtLimit > 0 ? Array(rules.districts.prefix(districtLimit)) : rules.districts
        members += districts.map { ($0.id, .district) }

        let hubKeys = try KeyFiles.generate(agency: AgencyID.hub.rawValue, directory: "\(directory)/keys", force: true)
        let ingest = "tcp://\(hubAddress):\(port)"
        let publish = "tcp://\(hubAddress):\(port + 1)"
        let tuning = """
              heartbeatMilliseconds: \(heartbeatMilliseconds)
              resendMilliseconds: \(resendMilliseconds)
            """
        var allowList = ""
        var memberKeys: [(AgencyID, AgencyKeys)] = []
        for (id, role) in members {
            let keys = try KeyFiles.generate(agency: id.rawValue, directory: "\(directory)/keys", force: true)
            memberKeys.append((id, keys))
            allowList += """
                  - id: \(id)
                    role: \(role.rawValue)
                    curvePublicKey: "\(keys.curve.publicKey.z85)"
                    signingKeys: ["\(keys.signing.publicKey.base64)"]

                """
        }
        // Every agency checks the signatures of the acts the hub relays to it: it lists the others' keys.
        let signers = memberKeys.map { id, keys in
            "  - id: \(id)\n    signingKeys: [\"\(keys.signing.publicKey.base64)\"]\n"
        }
        for (index, (id, role)) in members.enumerated() {
            let others = signers.enumerated().filter { $0.offset != index }.map(\.element).joined()
            let config = """
                # PhoiHop agency daemon: \(id) (\(role.vietnameseName)). Generated by 'phoihop province init'.
                agency: \(id)
                role: \(role.rawValue)
                stateDirectory: ../state/\(id)
                logLevel: info
                durability: \(durability)
                province: ../province.yaml
                rules: ../rules
                bus:
                  ingest: \(ingest)
                  publish: \(publish)
                  secretKeyFile: ../keys/\(id).curve.secret
                  hubPublicKey: "\(hubKeys.curve.publicKey.z85)"
                  signingKeyFile: ../keys/\(id).sign.secret
                  hubSigningKeys: ["\(hubKeys.signing.publicKey.base64)"]
                \(tuning)
                # The other agencies' signing keys: the acts the hub relays are checked against them.
                signers:

                """ + others
            try config.write(toFile: "\(directory)/agencies/\(id).yaml", atomically: true, encoding: .utf8)
        }
        let hub = """
            # PhoiHop hub daemon (Sở TT&TT). Generated by 'phoihop province init'.
            agency: so-tttt
            role: hub
            stateDirectory: state/so-tttt
            logLevel: info
            durability: \(durability)
            province: province.yaml
            rules: rules
            bus:
              ingest: \(ingest)
              publish: \(publish)
              secretKeyFile: keys/so-tttt.curve.secret
              signingKeyFile: keys/so-tttt.sign.secret
            \(tuning)
            # The allow-list: only these CURVE keys may connect, each as the agency named, and its
            # acts must be signed with one of its signing keys.
            agencies:
            \(allowList)
            """
        try hub.write(toFile: "\(directory)/hub.yaml", atomically: true, encoding: .utf8)
        return members.map(\.0)
    }

    /// Whether `text` is a dotted-quad IPv4 address: four decimal numbers 0…255, no leading zeros
    /// (which some resolvers read as octal), nothing else.
    public static func isIPv4Address(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return false }
            return value <= 255 && (part.count == 1 || part.first != "0")
        }
    }
}

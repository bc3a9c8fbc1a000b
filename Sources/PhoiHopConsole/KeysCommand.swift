import ArgumentParser
import Foundation
import Sodium
import ZeroMQ

/// `phoihop keys`: an agency's two key pairs — CURVE (who may connect to the bus) and Ed25519
/// (who recorded an act) — and their public parts for the hub operator.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khóa: tạo và xem cặp khóa CURVE và khóa ký Ed25519 của một cơ quan.",
        subcommands: [Generate.self, Show.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo khóa: DIR/AGENCY.curve.secret và DIR/AGENCY.sign.secret (quyền 0600), cùng các khóa công khai .public. Gửi khóa công khai cho quản trị viên máy chủ trung tâm để đưa vào danh sách cho phép.")
        @Option(help: "Mã cơ quan, ví dụ district-ben-luc.") var agency: String
        @Option(help: "Thư mục ghi các tệp khóa.") var out: String
        @Flag(help: "Thay các tệp khóa đã có (sau đó phải cập nhật danh sách cho phép ở máy chủ trung tâm).") var force = false
        @Flag(help: "In JSON thay cho văn bản, dùng cho script.") var json = false

        func run() throws {
            let keys = try KeyFiles.generate(agency: agency, directory: out, force: force)
            try KeyFiles.describe(agency: agency, keys.publicPart, directory: out, json: json)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xem khóa công khai và dấu vân tay của một cơ quan (từ DIR/AGENCY.curve.public và DIR/AGENCY.sign.public), để đối chiếu khi đăng ký.")
        @Option(help: "Mã cơ quan, ví dụ district-ben-luc.") var agency: String
        @Option(help: "Thư mục chứa các tệp khóa.") var dir: String
        @Flag(help: "In JSON thay cho văn bản, dùng cho script.") var json = false

        func run() throws {
            try KeyFiles.describe(agency: agency, try KeyFiles.readPublic(agency: agency, directory: dir), directory: dir, json: json)
        }
    }
}

/// The public half of an agency's keys: what goes on the hub's allow-list and into keyrings.
struct AgencyPublicKeys {
    var curve: CurveKey
    var signing: SigningPublicKey
}

/// Both key pairs of an agency.
struct AgencyKeys {
    var curve: CurveKeyPair
    var signing: SigningKeyPair
    var publicPart: AgencyPublicKeys { AgencyPublicKeys(curve: curve.publicKey, signing: signing.publicKey) }
}

/// Writing and reading key files with the right permissions.
enum KeyFiles {
    static func generate(agency: String, directory: String, force: Bool) throws -> AgencyKeys {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for kind in ["curve", "sign"] {
            let secretPath = "\(directory)/\(agency).\(kind).secret"
            if !force, FileManager.default.fileExists(atPath: secretPath) {
                throw ConsoleFailure("\(secretPath) exists; pass --force to replace it (the hub's allow-list must then be updated)")
            }
        }
        let keys = AgencyKeys(curve: try CurveKeyPair.generate(), signing: SigningKeyPair.generate())
        try write(keys.curve.secretKey.z85 + "\n", to: "\(directory)/\(agency).curve.secret", mode: 0o600)
        try write(keys.curve.publicKey.z85 + "\n", to: "\(directory)/\(agency).curve.public", mode: 0o644)
        try write(keys.signing.seedBase64 + "\n", to: "\(directory)/\(agency).sign.secret", mode: 0o600)
        try write(keys.signing.publicKey.base64 + "\n", to: "\(directory)/\(agency).sign.public", mode: 0o644)
        return keys
    }

    static func readPublic(agency: String, directory: String) throws -> AgencyPublicKeys {
        func read(_ kind: String) throws -> String {
            let path = "\(directory)/\(agency).\(kind).public"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConsoleFailure("cannot read \(path); generate the keys with 'phoihop keys generate --agency \(agency) --out \(directory)'")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return AgencyPublicKeys(curve: try CurveKey(z85: read("curve")), signing: try SigningPublicKey(base64: read("sign")))
        } catch let failure as ConsoleFailure {
            throw failure
        } catch {
            throw ConsoleFailure("the public key files of \(agency) in \(directory) are damaged: \(error)")
        }
    }

    /// Prints the public keys and fingerprints, never a secret.
    static func describe(agency: String, _ keys: AgencyPublicKeys, directory: String, json: Bool) throws {
        if json {
            let object: [String: String] = [
                "agency": agency, "curvePublicKey": keys.curve.z85, "curveFingerprint": keys.curve.fingerprint,
                "signingKey": keys.signing.base64, "signingFingerprint": keys.signing.fingerprint,
                "curveSecretKeyFile": "\(directory)/\(agency).curve.secret", "signingKeyFile": "\(directory)/\(agency).sign.secret",
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(object), as: UTF8.self))
            return
        }
        print("""
            Khóa của \(agency):
              khóa CURVE công khai: \(keys.curve.z85)   (dấu vân tay \(keys.curve.fingerprint))
              khóa ký công khai:    \(keys.signing.base64)   (dấu vân tay \(keys.signing.fingerprint))
            Mục trong danh sách cho phép (agencies:) của máy chủ trung tâm:
              - id: \(agency)
                role: <vai trò>
                curvePublicKey: "\(keys.curve.z85)"
                signingKeys: ["\(keys.signing.base64)"]
            Khóa bí mật: \(directory)/\(agency).curve.secret và \(directory)/\(agency).sign.secret (quyền 0600) — không bao giờ sao chép ra khỏi máy chủ này.
            """)
    }

    /// Creates the file with `mode` from the start, so a secret is never readable by others, even briefly.
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw ConsoleFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Foundation.write(fd, bytes, bytes.count) == bytes.count else { throw ConsoleFailure("cannot write \(path)") }
        fchmod(fd, mode)
    }
}

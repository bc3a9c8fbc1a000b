import ArgumentParser
import Foundation
import PhoiHopProtocol
import Sodium
import ZeroMQ

/// `phoihop keys`: an agency's two key pairs — CURVE (who may connect to the bus) and Ed25519
/// (who recorded an act) — and their public parts for the hub operator.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khóa: tạo và xem cặp khóa CURVE và khóa ký Ed25519 của một cơ quan.",
        subcommands: [Generate.self, Show.self, Rotate.self])

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

extension KeysCommand {
    /// `phoihop keys rotate`: new key pairs for an agency, the old public keys kept beside them
    /// dated, and the lines the hub's and the other agencies' configurations need (docs/SECURITY.md,
    /// "Rotate an agency's keys"). It edits no configuration: the operator pastes the lines,
    /// checking the fingerprints, and reloads — the allow-list is the one place where a human
    /// decides who is on the bus, and the hub's file keeps its comments and layout untouched.
    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đổi khóa: tạo cặp khóa CURVE và khóa ký mới cho một cơ quan; khóa công khai cũ được giữ lại thành DIR/AGENCY.*.public.<ngày>. In mục danh sách cho phép mới (khóa ký mới đứng trước, khóa cũ sau).",
            discussion: "Daemon đang chạy vẫn dùng khóa cũ (đã nạp trong bộ nhớ) cho tới khi khởi động lại. Thứ tự an toàn, không mất hoạt động nào: xem docs/SECURITY.md, mục \"Rotate an agency's keys\".")
        @Option(help: "Mã cơ quan, ví dụ district-ben-luc.") var agency: String
        @Option(help: "Thư mục chứa các tệp khóa, ví dụ /etc/phoihop/keys.") var dir: String
        @Option(help: "Vai trò của cơ quan trong danh sách cho phép (mặc định: để trống cho quản trị viên điền).") var role: String?
        @Option(help: "Đổi khóa nào: both (cả hai, mặc định), curve (khóa kết nối) hoặc signing (khóa ký).") var keys = "both"
        @Flag(help: "In JSON thay cho văn bản, dùng cho script.") var json = false

        func validate() throws {
            guard ["both", "curve", "signing"].contains(keys) else {
                throw ValidationError("--keys: '\(keys.prefix(20))' không hợp lệ; chọn both, curve hoặc signing")
            }
        }

        func run() throws {
            let kinds: Set<String> = keys == "both" ? ["curve", "sign"] : [keys == "curve" ? "curve" : "sign"]
            let rotation = try KeyFiles.rotate(agency: agency, directory: dir, date: today().description, kinds: kinds)
            try KeyFiles.describeRotation(agency: agency, role: role, rotation, directory: dir, json: json)
        }
    }
}

/// What a rotation left in the key directory.
struct KeyRotation {
    var new: AgencyPublicKeys
    var old: AgencyPublicKeys
    /// Where the old public keys were kept.
    var oldCurveFile: String?
    var oldSigningFile: String?
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

    /// Keeps the current public keys as `.public.<date>` (`.public.<date>.2` … for a second
    /// rotation the same day), then writes new key pairs in place.
    static func rotate(agency: String, directory: String, date: String, kinds: Set<String> = ["curve", "sign"]) throws -> KeyRotation {
        let old = try readPublic(agency: agency, directory: directory)
        var suffix = date
        var attempt = 1
        while kinds.contains(where: { FileManager.default.fileExists(atPath: "\(directory)/\(agency).\($0).public.\(suffix)") }) {
            attempt += 1
            suffix = "\(date).\(attempt)"
        }
        let oldCurveFile = "\(directory)/\(agency).curve.public.\(suffix)"
        let oldSigningFile = "\(directory)/\(agency).sign.public.\(suffix)"
        var new = old
        if kinds.contains("curve") {
            try write(old.curve.z85 + "\n", to: oldCurveFile, mode: 0o644)
            let curve = try CurveKeyPair.generate()
            try write(curve.secretKey.z85 + "\n", to: "\(directory)/\(agency).curve.secret", mode: 0o600)
            try write(curve.publicKey.z85 + "\n", to: "\(directory)/\(agency).curve.public", mode: 0o644)
            new.curve = curve.publicKey
        }
        if kinds.contains("sign") {
            try write(old.signing.base64 + "\n", to: oldSigningFile, mode: 0o644)
            let signing = SigningKeyPair.generate()
            try write(signing.seedBase64 + "\n", to: "\(directory)/\(agency).sign.secret", mode: 0o600)
            try write(signing.publicKey.base64 + "\n", to: "\(directory)/\(agency).sign.public", mode: 0o644)
            new.signing = signing.publicKey
        }
        return KeyRotation(new: new, old: old, oldCurveFile: kinds.contains("curve") ? oldCurveFile : nil,
                           oldSigningFile: kinds.contains("sign") ? oldSigningFile : nil)
    }

    /// Prints the new public keys, the lines for the hub and for the other agencies, and the
    /// order of the steps; never a secret.
    static func describeRotation(agency: String, role: String?, _ rotation: KeyRotation, directory: String, json: Bool) throws {
        let (new, old) = (rotation.new, rotation.old)
        let signingKeys = new.signing == old.signing
            ? "[\"\(new.signing.base64)\"]" : "[\"\(new.signing.base64)\", \"\(old.signing.base64)\"]"
        let ownRetired = new.signing == old.signing ? "" : """

            3. Tại \(agency): thêm khóa ký cũ của chính mình vào signers (để các hoạt động cũ được chuyển giao lại vẫn kiểm tra được), rồi khởi động lại daemon:
              - id: \(agency)
                signingKeys: ["\(old.signing.base64)"]
            """
        if json {
            let object: [String: String] = [
                "agency": agency, "curvePublicKey": new.curve.z85, "curveFingerprint": new.curve.fingerprint,
                "signingKey": new.signing.base64, "signingFingerprint": new.signing.fingerprint,
                "oldCurvePublicKey": old.curve.z85, "oldCurveFingerprint": old.curve.fingerprint,
                "oldSigningKey": old.signing.base64, "oldSigningFingerprint": old.signing.fingerprint,
                "oldCurvePublicKeyFile": rotation.oldCurveFile ?? "", "oldSigningKeyFile": rotation.oldSigningFile ?? "",
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(object), as: UTF8.self))
            return
        }
        print("""
            Đã tạo khóa mới cho \(agency) trong \(directory); khóa công khai cũ được giữ tại \([rotation.oldCurveFile, rotation.oldSigningFile].compactMap { $0 }.joined(separator: " và ")).
              khóa CURVE mới: \(new.curve.z85)   (dấu vân tay \(new.curve.fingerprint); cũ: \(old.curve.fingerprint))
              khóa ký mới:    \(new.signing.base64)   (dấu vân tay \(new.signing.fingerprint); cũ: \(old.signing.fingerprint))
            Daemon đang chạy vẫn dùng khóa cũ cho tới khi khởi động lại.

            1. Máy chủ trung tâm: thay mục của \(agency) trong agencies: bằng mục sau (khóa ký mới trước, khóa cũ sau), rồi chạy 'phoihop reload':
              - id: \(agency)
                role: \(role ?? "<vai trò>")
                curvePublicKey: "\(new.curve.z85)"
                signingKeys: \(signingKeys)
            2. Các cơ quan khác có \(agency) trong signers: thay mục đó bằng mục sau, rồi chạy 'phoihop reload':
              - id: \(agency)
                signingKeys: \(signingKeys)
            \(ownRetired)
            Khởi động lại daemon của \(agency) sau bước 1–2 để nó dùng khóa mới. Giữ khóa ký cũ trong các danh sách; chỉ xóa nếu khóa bí mật cũ bị lộ (docs/SECURITY.md).
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

import ArgumentParser
import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import Sodium

/// A failure to check at all (a missing file, an unreadable configuration or key list): the
/// audit commands exit 2 on it, keeping 1 for "tampering found".
struct AuditCannotCheck: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The public keys an audit checks signatures with.
enum AuditKeys {
    /// Everyone whose signatures `config`'s daemon checks, and its own key; then `extra`
    /// (`--keys`), and `pinned` (`--hub-key`) in place of the daemon's own key.
    static func keyring(_ config: DaemonConfig, extra: String?, pinned: SigningPublicKey?) throws -> [String: [SigningPublicKey]] {
        var keys: [String: [SigningPublicKey]] = [:]
        for (id, list) in config.signers { keys[id.rawValue] = list }
        keys[config.agency.rawValue, default: []].append(pinned ?? config.signingKey.publicKey)
        if let extra {
            for (agency, key) in try read(extra) where !(keys[agency] ?? []).contains(key) { keys[agency, default: []].append(key) }
        }
        return keys
    }

    /// `--keys FILE`: one `agency-id base64key` per line; blank lines and `#` comments ignored.
    static func read(_ path: String) throws -> [(String, SigningPublicKey)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AuditCannotCheck("không đọc được tệp khóa \(path)")
        }
        var result: [(String, SigningPublicKey)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, AgencyID(rawValue: String(parts[0])) != nil, let key = try? SigningPublicKey(base64: String(parts[1])) else {
                throw AuditCannotCheck("\(path), dòng \(index + 1): cần 'mã-cơ-quan khóa-công-khai-base64', ví dụ 'cong-an MCowBQ…='")
            }
            result.append((String(parts[0]), key))
        }
        return result
    }

    /// `--hub-key`: a base64 public key, or a file holding one (e.g. `so-tttt.sign.public`).
    static func pinned(_ text: String?) throws -> SigningPublicKey? {
        guard let text else { return nil }
        let value = FileManager.default.fileExists(atPath: text) ? (try? String(contentsOfFile: text, encoding: .utf8)) ?? "" : text
        do { return try SigningPublicKey(base64: value) } catch {
            throw AuditCannotCheck("--hub-key: '\(text.prefix(60))' không phải khóa ký công khai Ed25519 (base64, 44 ký tự) hay tệp chứa khóa đó")
        }
    }

    static func loadConfig(_ file: String) throws -> DaemonConfig {
        do { return try DaemonConfig.load(file: file) } catch {
            throw AuditCannotCheck("không đọc được cấu hình \(file): \(error)")
        }
    }
}

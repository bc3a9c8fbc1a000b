public import PhoiHopProtocol
public import Sodium
import Foundation
import Yams

/// The signing keys of a daemon's configuration (docs/SECURITY.md):
///
/// * `bus.signingKeyFile` — this daemon's Ed25519 secret key (its 32-byte seed in base64, mode
///   0600), with which it signs every act it records;
/// * at the hub, each allow-list entry's `signingKeys` — the agency's public keys, base64;
/// * at an agency, `bus.hubSigningKeys` — the hub's, and the optional top-level `signers` —
///   `{id, signingKeys}` of the agencies whose acts the hub relays to it.
///
/// Several keys may be listed for one author: after a rotation the old key stays listed while
/// acts it signed may still arrive.
extension DaemonConfig {
    /// Everyone whose signatures this daemon checks, and with which keys.
    public var signers: [AgencyID: [SigningPublicKey]] {
        var result = agencySigners
        for entry in allowList { result[entry.id] = entry.signingKeys }
        if let hubSigningKeys { result[.hub] = hubSigningKeys }
        return result
    }

    static func signingKeys(_ doc: YAMLDocument, _ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> [SigningPublicKey] {
        let full = doc.join(path, key)
        guard let items = try doc.sequence(mapping, key, at: path), !items.isEmpty else {
            throw doc.fail(full, "is required: a list of Ed25519 public keys in base64 (from 'phoihop keys show')")
        }
        var keys: [SigningPublicKey] = []
        for (index, item) in items.enumerated() {
            guard let text = item.scalar?.string else { throw doc.fail("\(full)[\(index)]", "must be a text value") }
            do { keys.append(try SigningPublicKey(base64: text)) } catch {
                throw doc.fail("\(full)[\(index)]", "not an Ed25519 public key: \(error)")
            }
        }
        return keys
    }

    /// The optional `signers` list of an agency's configuration.
    static func agencySigners(_ doc: YAMLDocument, _ root: Node.Mapping) throws(ConfigError) -> [AgencyID: [SigningPublicKey]] {
        var result: [AgencyID: [SigningPublicKey]] = [:]
        for (entry, path) in try doc.mappings(root, "signers", at: "", required: false) {
            try doc.checkKeys(entry, allowed: ["id", "signingKeys"], at: path)
            let idText = try doc.requiredString(entry, "id", at: path)
            guard let id = AgencyID(rawValue: idText) else { throw doc.fail("\(path).id", "'\(idText)' is not an agency id") }
            guard result[id] == nil else { throw doc.fail("\(path).id", "'\(idText)' is listed twice") }
            result[id] = try signingKeys(doc, entry, "signingKeys", at: path)
        }
        return result
    }

    /// Reads an Ed25519 secret key file (the seed in base64). Refuses a file others can read.
    static func loadSigningKey(_ doc: YAMLDocument, path: String) throws(ConfigError) -> SigningKeyPair {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw doc.fail("bus.signingKeyFile", "cannot read \(path); generate one with 'phoihop keys generate'")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw doc.fail("bus.signingKeyFile", "\(path) is readable by others (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw doc.fail("bus.signingKeyFile", "cannot read \(path)")
        }
        do { return try SigningKeyPair(seedBase64: text) } catch {
            throw doc.fail("bus.signingKeyFile", "\(path) does not hold an Ed25519 secret key (a 32-byte seed in base64): \(error)")
        }
    }
}

/// # Sodium
///
/// The few primitives of libsodium PhoiHop needs, safely: Ed25519 signing keys, detached
/// signatures (of one message, or one per batch: BatchSigning.swift), SHA-256 and key
/// fingerprints. libsodium is already on every machine that has libzmq (libzmq links it for
/// CURVE); this layer keeps its buffers and return codes out of the rest of the code.
internal import CSodium
import Foundation

/// libsodium must be initialised once before use; `sodium_init` is idempotent and thread-safe.
private let initialised: Bool = sodium_init() >= 0

/// An Ed25519 public key: who an agency is when it signs.
public struct SigningPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count == 32 else { throw .wrongLength(what: "an Ed25519 public key", expected: 32, got: bytes.count) }
        self.bytes = bytes
    }

    /// From standard base64 (44 characters), as configuration files write it.
    public init(base64 text: String) throws(SodiumError) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64(what: "an Ed25519 public key")
        }
        try self.init(bytes: Array(data))
    }

    public var base64: String { Data(bytes).base64EncodedString() }

    /// `SHA256:` and the first 16 bytes of the key's SHA-256 in hex, in groups of four: what an
    /// operator compares by eye or reads over the phone when enrolling an agency.
    public var fingerprint: String { Fingerprint.of(bytes) }

    public var description: String { fingerprint }

    /// Whether `signature` is this key's signature of `message`.
    public func verifies(_ signature: Signature, of message: [UInt8]) -> Bool {
        precondition(initialised, "libsodium failed to initialise")
        return signature.bytes.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { msg in
                bytes.withUnsafeBufferPointer { key in
                    crypto_sign_verify_detached(sig.baseAddress!, msg.baseAddress, UInt64(msg.count), key.baseAddress!) == 0
                }
            }
        }
    }
}

/// An Ed25519 key pair. The secret part never leaves this value except through ``seedBase64``,
/// which only the key file writer uses; `description` shows the fingerprint only.
public struct SigningKeyPair: Sendable, CustomStringConvertible {
    public let publicKey: SigningPublicKey
    /// libsodium's 64-byte secret key (seed followed by the public key).
    private let secret: [UInt8]

    /// A new key pair from the system's random source.
    public static func generate() -> SigningKeyPair {
        precondition(initialised, "libsodium failed to initialise")
        var seed = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&seed, 32)
        return try! SigningKeyPair(seed: seed)
    }

    /// The key pair a 32-byte seed determines.
    public init(seed: [UInt8]) throws(SodiumError) {
        precondition(initialised, "libsodium failed to initialise")
        guard seed.count == 32 else { throw .wrongLength(what: "an Ed25519 seed", expected: 32, got: seed.count) }
        var pk = [UInt8](repeating: 0, count: 32)
        var sk = [UInt8](repeating: 0, count: 64)
        _ = crypto_sign_seed_keypair(&pk, &sk, seed)
        publicKey = try SigningPublicKey(bytes: pk)
        secret = sk
    }

    /// From the base64 seed a key file holds.
    public init(seedBase64 text: String) throws(SodiumError) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64(what: "an Ed25519 secret key (seed)")
        }
        try self.init(seed: Array(data))
    }

    /// The seed in base64: for writing the secret key file only.
    public var seedBase64: String { Data(secret.prefix(32)).base64EncodedString() }

    /// The detached signature of `message`.
    public func sign(_ message: [UInt8]) -> Signature {
        var sig = [UInt8](repeating: 0, count: 64)
        message.withUnsafeBufferPointer { msg in
            _ = crypto_sign_detached(&sig, nil, msg.baseAddress, UInt64(msg.count), secret)
        }
        return try! Signature(bytes: sig)
    }

    public var description: String { "signing key \(publicKey.fingerprint)" }
}

/// A detached Ed25519 signature.
public struct Signature: Sendable, Hashable {
    /// The 64 signature bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count == 64 else { throw .wrongLength(what: "an Ed25519 signature", expected: 64, got: bytes.count) }
        self.bytes = bytes
    }

    public init(base64 text: String) throws(SodiumError) {
        guard let data = Data(base64Encoded: text) else { throw .notBase64(what: "an Ed25519 signature") }
        try self.init(bytes: Array(data))
    }

    public var base64: String { Data(bytes).base64EncodedString() }
}

/// SHA-256.
public enum SHA256 {
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        precondition(initialised, "libsodium failed to initialise")
        var out = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in _ = crypto_hash_sha256(&out, input.baseAddress, UInt64(input.count)) }
        return out
    }

    public static func hex(_ bytes: [UInt8]) -> String { Fingerprint.hex(hash(bytes)) }
}

/// How a key is shown to people.
public enum Fingerprint {
    /// `SHA256:` and the first 16 bytes of the SHA-256 of `key`, in hex groups of four.
    public static func of(_ key: [UInt8]) -> String {
        let digits = hex(Array(SHA256.hash(key).prefix(16)))
        var groups: [Substring] = []
        var rest = Substring(digits)
        while !rest.isEmpty { groups.append(rest.prefix(4)); rest = rest.dropFirst(4) }
        return "SHA256:" + groups.joined(separator: ":")
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What was wrong with key or signature material.
public enum SodiumError: Error, Equatable, CustomStringConvertible {
    case wrongLength(what: String, expected: Int, got: Int)
    case notBase64(what: String)
    case malformed(what: String, detail: String)

    public var description: String {
        switch self {
        case let .wrongLength(what, expected, got): "\(what) is \(expected) bytes; this one is \(got)"
        case let .notBase64(what): "\(what) must be standard base64"
        case let .malformed(what, detail): "\(what) is malformed: \(detail)"
        }
    }
}

/// A CURVE (Curve25519) key: 32 raw bytes, 40 characters as Z85 text.
///
/// The type cannot hold anything but 32 bytes. It is used for public and secret keys alike;
/// ``description`` prints the full Z85 text, so callers must not log secret keys — log
/// ``fingerprint`` of public keys instead.
public struct CurveKey: Hashable, Sendable, CustomStringConvertible {
    /// The raw key, exactly 32 bytes.
    public let bytes: [UInt8]

    /// Wraps raw key bytes; throws `EINVAL` unless there are exactly 32.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else {
            throw ZMQError.invalid("CURVE key: expected 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses Z85 text; throws `EINVAL` with the reason unless it is exactly 40 valid Z85
    /// characters. The error never quotes the text (it may be a secret key).
    public init(z85: String) throws {
        let length = z85.utf8.count
        guard length == 40 else {
            throw ZMQError.invalid("CURVE key: expected 40 Z85 characters, got \(length)")
        }
        do {
            bytes = try Z85.decode(z85)
        } catch let error as ZMQError {
            throw ZMQError(errno: error.errno, operation: "CURVE key: \(error.operation)")
        }
    }

    /// The 40-character Z85 text of the key.
    public var z85: String {
        Z85.encodeAligned(bytes)
    }

    /// A short fingerprint for logs: the first 8 characters of the Z85 text. Only for public keys.
    public var fingerprint: String {
        String(z85.prefix(8))
    }

    /// The Z85 text (see the type's note on secret keys).
    public var description: String { z85 }
}

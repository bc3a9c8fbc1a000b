import CZeroMQ

/// A CURVE public/secret key pair. `description` shows the public key's fingerprint only, so a
/// value that holds one (a daemon's configuration) never prints the secret by accident.
public struct CurveKeyPair: Sendable, CustomStringConvertible {
    /// The public key, given to peers.
    public let publicKey: CurveKey
    /// The secret key; never log or send it.
    public let secretKey: CurveKey

    public var description: String { "CURVE key pair \(publicKey.fingerprint)" }

    /// A fresh random key pair from libzmq (`zmq_curve_keypair`); throws `ENOTSUP` if libzmq
    /// was built without CURVE.
    public static func generate() throws -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: 41)
        var secretText = [CChar](repeating: 0, count: 41)
        defer { secretText.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        guard zmq_curve_keypair(&publicText, &secretText) == 0 else {
            throw ZMQError.last("generate CURVE key pair")
        }
        return CurveKeyPair(
            publicKey: try CurveKey(z85: string(fromCBuffer: publicText)),
            secretKey: try CurveKey(z85: string(fromCBuffer: secretText))
        )
    }

    /// Derives the public key belonging to `secretKey` (`zmq_curve_public`).
    public init(secretKey: CurveKey) throws {
        var publicText = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicText, secretKey.z85) == 0 else {
            throw ZMQError.last("derive CURVE public key")
        }
        self.publicKey = try CurveKey(z85: string(fromCBuffer: publicText))
        self.secretKey = secretKey
    }

    /// Pairs two keys as given; does not check that they belong together
    /// (use ``init(secretKey:)`` to derive the public key instead).
    public init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

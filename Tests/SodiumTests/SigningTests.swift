import Foundation
import Sodium
import Testing

struct SigningTests {
    /// RFC 8032 §7.1, test 2: a known seed, public key, message and signature, so our wrapper is
    /// held to the standard and not only to itself.
    @Test func theRFC8032VectorSignsAndVerifies() throws {
        let seed = bytes("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
        let pair = try SigningKeyPair(seed: seed)
        #expect(pair.publicKey.bytes == bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
        let signature = pair.sign([0x72])
        #expect(signature.bytes == bytes(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"))
        #expect(pair.publicKey.verifies(signature, of: [0x72]))
    }

    @Test func aChangedMessageOrAnotherKeyDoesNotVerify() throws {
        let pair = SigningKeyPair.generate(), other = SigningKeyPair.generate()
        let message = Array("quyết định xử phạt".utf8)
        let signature = pair.sign(message)
        #expect(pair.publicKey.verifies(signature, of: message))
        #expect(!pair.publicKey.verifies(signature, of: message + [0]))
        #expect(!other.publicKey.verifies(signature, of: message))
        var flipped = signature.bytes; flipped[10] ^= 1
        #expect(!pair.publicKey.verifies(try Signature(bytes: flipped), of: message))
    }

    @Test func keysRoundTripThroughBase64AndBadMaterialIsRefusedWithWhatWasWrong() throws {
        let pair = SigningKeyPair.generate()
        #expect(try SigningKeyPair(seedBase64: pair.seedBase64).publicKey == pair.publicKey)
        #expect(try SigningPublicKey(base64: pair.publicKey.base64) == pair.publicKey)
        #expect(throws: SodiumError.wrongLength(what: "an Ed25519 public key", expected: 32, got: 3)) {
            try SigningPublicKey(base64: "AAAA")
        }
        #expect(throws: SodiumError.notBase64(what: "an Ed25519 public key")) { try SigningPublicKey(base64: "not base64!") }
        #expect(!pair.description.contains(pair.seedBase64))
    }

    @Test func fingerprintsAreTheKeysSHA256PrefixInGroups() throws {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let key = try SigningPublicKey(bytes: [UInt8](repeating: 7, count: 32))
        let expected = String(SHA256.hex(key.bytes).prefix(32))
        #expect(key.fingerprint == "SHA256:" + stride(from: 0, to: 32, by: 4).map {
            String(expected.dropFirst($0).prefix(4))
        }.joined(separator: ":"))
    }

    func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(hex)
        while chars.count >= 2 { out.append(UInt8(String(chars[0...1]), radix: 16)!); chars.removeFirst(2) }
        return out
    }
}

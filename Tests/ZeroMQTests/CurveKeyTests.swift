import Testing
import ZeroMQ

struct CurveKeyTests {
    @Test func z85MatchesSpecificationTestVector() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(try Z85.encode(bytes) == "HelloWorld")
        #expect(try Z85.decode("HelloWorld") == bytes)
    }

    @Test func z85RoundTripsArbitraryBytes() throws {
        let bytes: [UInt8] = (0..<256).map { UInt8($0) } + [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(try Z85.decode(Z85.encode(bytes)) == bytes)
        #expect(try Z85.encode([]) == "")
    }

    @Test func z85RejectsBadLengthsCharactersAndOverflowWithClearErrors() throws {
        let length = try #require(throws: ZMQError.self) { try Z85.decode("Hello1") }
        #expect(length.description.contains("length 6 is not a multiple of 5"))
        let character = try #require(throws: ZMQError.self) { try Z85.decode("Hel~o") }
        #expect(character.description.contains("invalid character at offset 3"))
        let nul = try #require(throws: ZMQError.self) { try Z85.decode("Hel\0o") }
        #expect(nul.description.contains("invalid character"))
        let overflow = try #require(throws: ZMQError.self) { try Z85.decode("#####") }
        #expect(overflow.description.contains("exceeds 32 bits"))
        let encode = try #require(throws: ZMQError.self) { try Z85.encode([1, 2, 3]) }
        #expect(encode.description.contains("not a multiple of 4"))
    }

    @Test func curveKeyRoundTripsThroughZ85AndRejectsWrongSizes() throws {
        let pair = try CurveKeyPair.generate()
        let text = pair.publicKey.z85
        #expect(text.count == 40)
        #expect(try CurveKey(z85: text) == pair.publicKey)
        #expect(pair.publicKey.description == text)
        #expect(pair.publicKey.fingerprint == String(text.prefix(8)))

        let short = try #require(throws: ZMQError.self) { try CurveKey(z85: String(text.dropLast())) }
        #expect(short.description.contains("expected 40 Z85 characters, got 39"))
        let badChar = try #require(throws: ZMQError.self) { try CurveKey(z85: String(text.dropLast()) + " ") }
        #expect(badChar.description.contains("invalid character at offset 39"))
        #expect(!badChar.description.contains(String(text.prefix(20))))  // never echoes key text
        let bytes = try #require(throws: ZMQError.self) { try CurveKey(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(bytes.description.contains("expected 32 bytes, got 31"))
    }

    @Test func keyPairDerivedFromSecretKeyMatchesGeneratedPublicKey() throws {
        let generated = try CurveKeyPair.generate()
        let derived = try CurveKeyPair(secretKey: generated.secretKey)
        #expect(derived.publicKey == generated.publicKey)
        #expect(derived.secretKey == generated.secretKey)
        #expect(try CurveKeyPair.generate().publicKey != generated.publicKey)
    }
}

import Foundation
import Sodium
import Testing

struct BatchSigningTests {
    /// The leaves and tree heads of RFC 6962's reference implementation (certificate-transparency,
    /// `merkle_tree_test.cc`): our tree is held to the standard's, not only to itself.
    static let leaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                    Array(0x50...0x57), Array(0x60...0x6f)]
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test func theBatchTreeIsRFC6962sAndItsRootIsWhatIsSigned() {
        let key = SigningKeyPair.generate()
        #expect(MerkleBatch.leafHash(Self.leaves[0]) == hex(Self.roots[0]))
        for size in 2...8 {
            let signatures = MerkleBatch.sign(Array(Self.leaves.prefix(size)), with: key)
            for (index, signature) in signatures.enumerated() {
                let input = signature.signedInput(for: Self.leaves[index])
                #expect(input?.batch == ActSignature.Batch(size: UInt32(size), root: hex(Self.roots[size - 1])), "size \(size), leaf \(index)")
            }
            let signed = Array("phoihop-batch-v1".utf8) + [0, 0, 0, 0, UInt8(size)] + hex(Self.roots[size - 1])
            #expect(key.publicKey.verifies(signatures[0].signature, of: signed))
        }
    }

    @Test func eachMessageOfABatchVerifiesWithItsOwnProofAndNoOtherMessageDoes() throws {
        let key = SigningKeyPair.generate()
        for size in 1...40 {
            let messages = (0..<size).map { Array("act \($0) of \(size)".utf8) }
            let signatures = MerkleBatch.sign(messages, with: key)
            #expect(signatures.count == size)
            #expect(Set(signatures.map(\.signature)).count == 1, "one signature for the whole batch of \(size)")
            let depth = size == 1 ? 0 : Int((Double(size)).log2Ceiling)
            for (index, signature) in signatures.enumerated() {
                #expect(signature.verifies(messages[index], with: key.publicKey))
                #expect(!signature.verifies(messages[index] + [0], with: key.publicKey))
                #expect(!signature.verifies(messages[(index + 1) % size] + (size == 1 ? [1] : []), with: key.publicKey))
                #expect(!signature.verifies(messages[index], with: SigningKeyPair.generate().publicKey))
                #expect(signature.bytes.count <= 64 + (size == 1 ? 0 : 8 + 32 * depth))
                #expect(try ActSignature(base64: signature.base64) == signature)
            }
        }
    }

    @Test func aBatchOfOneIsTheMessagesOwnSignature() {
        let key = SigningKeyPair.generate()
        let message = Array("một hành vi".utf8)
        let signature = MerkleBatch.sign([message], with: key)[0]
        #expect(signature.proof == nil)
        #expect(signature.bytes == key.sign(message).bytes)
        #expect(MerkleBatch.sign([], with: key).isEmpty)
    }

    @Test func anEditedProofDoesNotVerify() throws {
        let key = SigningKeyPair.generate()
        let messages = (0..<11).map { Array("act \($0)".utf8) }
        let genuine = MerkleBatch.sign(messages, with: key)[6]
        let proof = try #require(genuine.proof)
        let edits: [InclusionProof] = [
            InclusionProof(index: 5, size: proof.size, path: proof.path),
            InclusionProof(index: proof.index, size: 12, path: proof.path),
            InclusionProof(index: proof.index, size: 10, path: proof.path),
            InclusionProof(index: proof.index, size: proof.size, path: Array(proof.path.dropLast())),
            InclusionProof(index: proof.index, size: proof.size, path: proof.path + [proof.path[0]]),
            InclusionProof(index: proof.index, size: proof.size, path: [proof.path[1], proof.path[0]] + proof.path.dropFirst(2)),
        ]
        for edit in edits {
            #expect(!ActSignature(signature: genuine.signature, proof: edit).verifies(messages[6], with: key.publicKey), "\(edit)")
        }
        var bytes = genuine.bytes
        bytes[64 + 8 + 5] ^= 1
        #expect(try !ActSignature(bytes: bytes).verifies(messages[6], with: key.publicKey))
        // The batch's signature alone, with the proof stripped, is no signature of the message.
        #expect(!ActSignature(signature: genuine.signature).verifies(messages[6], with: key.publicKey))
    }

    @Test func malformedSignatureBytesAreRefusedWithWhatWasWrong() {
        let signature = SigningKeyPair.generate().sign([1])
        #expect(throws: SodiumError.wrongLength(what: "an act's signature", expected: 64, got: 63)) {
            try ActSignature(bytes: Array(signature.bytes.prefix(63)))
        }
        let bad: [[UInt8]] = [[0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 2] + [UInt8](repeating: 7, count: 31),
                              [0, 0, 0, 2, 0, 0, 0, 2] + [UInt8](repeating: 7, count: 32)]
        for proof in bad {
            #expect {
                try ActSignature(bytes: signature.bytes + proof)
            } throws: { error in
                guard case let .malformed(what, detail) = error as? SodiumError else { return false }
                return what == "a batch inclusion proof" && !detail.isEmpty
            }
        }
        #expect(throws: SodiumError.notBase64(what: "an act's signature")) { try ActSignature(base64: "not base64!") }
    }

    func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(text)
        while chars.count >= 2 { out.append(UInt8(String(chars[0...1]), radix: 16)!); chars.removeFirst(2) }
        return out
    }
}

private extension Double {
    var log2Ceiling: Double { Foundation.log2(self).rounded(.up) }
}

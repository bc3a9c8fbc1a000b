/// # Batch signatures
///
/// One Ed25519 signature over many messages, each message keeping a proof of its own: the
/// signer builds a Merkle tree over the messages (RFC 9162 §2.1: a leaf is `SHA-256(0x00 ‖
/// message)`, a node `SHA-256(0x01 ‖ left ‖ right)`), signs its root once, and gives each message
/// the signature together with its inclusion proof (its index, the tree's size and the sibling
/// hashes from its leaf up). Anyone holding one message and its ``ActSignature`` can check that
/// the key's owner signed exactly that message — what a signature of the message alone proves —
/// at the cost of one verification per batch instead of one per message, and about 32 bytes per
/// doubling of the batch.
///
/// What is signed for a batch: the 17 bytes `phoihop-batch-v1` and `0x00`, the tree's size (4
/// bytes, big-endian), and its root (32 bytes). A lone message is signed alone, as before: its
/// ``ActSignature`` is the 64-byte signature with no proof.
import Foundation

/// An act's signature as it is carried (`sig`, docs/PROTOCOL.md §4.1) and logged
/// (`message_log.signature`): the signature of the act alone (64 bytes), or the signature of a
/// batch's root followed by the act's ``InclusionProof`` (64 + 8 + 32 × its depth bytes).
public struct ActSignature: Sendable, Hashable {
    public let signature: Signature
    public let proof: InclusionProof?

    public init(signature: Signature, proof: InclusionProof? = nil) {
        self.signature = signature; self.proof = proof
    }

    public init(bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count >= 64 else {
            throw .wrongLength(what: "an act's signature", expected: 64, got: bytes.count)
        }
        signature = try Signature(bytes: Array(bytes[0..<64]))
        proof = bytes.count == 64 ? nil : try InclusionProof(bytes: Array(bytes[64...]))
    }

    public init(base64 text: String) throws(SodiumError) {
        guard let data = Data(base64Encoded: text) else { throw .notBase64(what: "an act's signature") }
        try self.init(bytes: Array(data))
    }

    public var bytes: [UInt8] { signature.bytes + (proof?.bytes ?? []) }
    public var base64: String { Data(bytes).base64EncodedString() }

    /// What ``signature`` signs when it vouches for `message`: `message` itself, or the root of
    /// the batch the proof places `message` in — nil when the proof does not fit a tree (an index
    /// past the size, a path of the wrong length).
    public func signedInput(for message: [UInt8]) -> SignedInput? {
        guard let proof else { return SignedInput(bytes: message, batch: nil) }
        guard let root = proof.root(leaf: MerkleBatch.leafHash(message)) else { return nil }
        return SignedInput(bytes: MerkleBatch.signingInput(size: proof.size, root: root), batch: Batch(size: proof.size, root: root))
    }

    /// Whether `key` signed `message`, alone or in a batch.
    public func verifies(_ message: [UInt8], with key: SigningPublicKey) -> Bool {
        guard let input = signedInput(for: message) else { return false }
        return key.verifies(signature, of: input.bytes)
    }

    /// The bytes a signature covers, and for a batch which one: a receiver that has verified a
    /// batch's signature once need not verify it again for the batch's other messages.
    public struct SignedInput: Sendable {
        public let bytes: [UInt8]
        public let batch: Batch?
    }

    public struct Batch: Sendable, Hashable {
        public let size: UInt32
        public let root: [UInt8]

        public init(size: UInt32, root: [UInt8]) { self.size = size; self.root = root }
    }

    /// A batch whose signature a receiver verified, with whose keys: the signer, the signature,
    /// the batch's size and root. An act whose proof leads to one (``verifiedBatch(by:_:)``) is
    /// signed by that signer, since the root binds every act of the batch.
    public struct VerifiedBatch: Sendable, Hashable {
        public let signer: String
        public let signature: Signature
        public let batch: Batch
    }

    /// What to remember once `input` (this signature's ``signedInput(for:)``) has verified with
    /// `signer`'s keys; nil for a lone act, which has no batch to remember.
    public func verifiedBatch(by signer: String, _ input: SignedInput) -> VerifiedBatch? {
        input.batch.map { VerifiedBatch(signer: signer, signature: signature, batch: $0) }
    }
}

/// Where one message sits in a batch's Merkle tree, and the sibling hashes that lead from its
/// leaf to the root (RFC 9162 §2.1.3), the lowest first. Encoded as the index and the size (4
/// bytes each, big-endian) followed by the hashes.
public struct InclusionProof: Sendable, Hashable {
    public let index: UInt32
    public let size: UInt32
    public let path: [[UInt8]]

    public init(index: UInt32, size: UInt32, path: [[UInt8]]) {
        self.index = index; self.size = size; self.path = path
    }

    init(bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count >= 8, (bytes.count - 8) % 32 == 0 else {
            throw .malformed(what: "a batch inclusion proof", detail: "\(bytes.count) bytes: it must be 8 bytes of index and size, then 32-byte hashes")
        }
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        index = u32(0); size = u32(4)
        path = stride(from: 8, to: bytes.count, by: 32).map { Array(bytes[$0..<$0 + 32]) }
        guard index < size else {
            throw .malformed(what: "a batch inclusion proof", detail: "index \(index) is not below the batch's size \(size)")
        }
    }

    public var bytes: [UInt8] { MerkleBatch.bigEndian(index) + MerkleBatch.bigEndian(size) + path.flatMap { $0 } }

    /// The root this proof leads to from `leaf`, or nil when the path does not fit a tree of
    /// ``size`` leaves at ``index`` (RFC 9162 §2.1.3.2).
    public func root(leaf: [UInt8]) -> [UInt8]? {
        guard index < size else { return nil }
        var fn = index, sn = size - 1
        var r = leaf
        for sibling in path {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                r = MerkleBatch.nodeHash(sibling, r)
                while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
            } else {
                r = MerkleBatch.nodeHash(r, sibling)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 ? r : nil
    }
}

/// The Merkle tree of a batch (RFC 9162 §2.1) and its signing.
public enum MerkleBatch {
    /// The domain tag of what a batch's signature covers.
    static let tag = Array("phoihop-batch-v1".utf8) + [0]

    public static func leafHash(_ message: [UInt8]) -> [UInt8] { SHA256.hash([0] + message) }

    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { SHA256.hash([1] + left + right) }

    /// What the batch's key signs: the tag, the size and the root.
    public static func signingInput(size: UInt32, root: [UInt8]) -> [UInt8] {
        tag + bigEndian(size) + root
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    /// Signs `messages` with one signature: each gets the batch root's signature and its proof.
    /// A single message is signed alone (no proof), so a batch of one is what it always was.
    public static func sign(_ messages: [[UInt8]], with key: SigningKeyPair) -> [ActSignature] {
        if messages.count == 1 { return [ActSignature(signature: key.sign(messages[0]))] }
        guard !messages.isEmpty else { return [] }
        precondition(messages.count <= Int(UInt32.max), "a batch of more than 2^32 messages")
        var paths = [[[UInt8]]](repeating: [], count: messages.count)
        let root = subtree(messages.map(leafHash)[...], offset: 0, paths: &paths)
        let size = UInt32(messages.count)
        let signature = key.sign(signingInput(size: size, root: root))
        return paths.enumerated().map { index, path in
            ActSignature(signature: signature, proof: InclusionProof(index: UInt32(index), size: size, path: path))
        }
    }

    /// The root of `leaves` (RFC 9162's MTH), appending to each leaf's path the sibling it meets at
    /// this level: the split is at the largest power of two below the count.
    private static func subtree(_ leaves: ArraySlice<[UInt8]>, offset: Int, paths: inout [[[UInt8]]]) -> [UInt8] {
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let start = leaves.startIndex
        let left = subtree(leaves[start..<start + split], offset: offset, paths: &paths)
        let right = subtree(leaves[(start + split)...], offset: offset + split, paths: &paths)
        for i in offset..<offset + split { paths[i].append(right) }
        for i in offset + split..<offset + leaves.count { paths[i].append(left) }
        return nodeHash(left, right)
    }
}

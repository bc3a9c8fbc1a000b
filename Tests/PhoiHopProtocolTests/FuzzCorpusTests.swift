import Foundation
import PhoiHopProtocol
import Testing

/// The fuzz target's seeds (Fuzz/Corpus/decoder) are valid messages, so libFuzzer starts its
/// mutations from inputs that reach the body decoders, not from ones refused at the first check.
struct FuzzCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/decoder")

    /// The fuzz target's framing (Fuzz/Sources/phoihop-fuzz-decoder): a count byte, then frames
    /// separated by 0xFF 0x00.
    static func frames(_ bytes: [UInt8]) -> [[UInt8]] {
        var frames: [[UInt8]] = [[]]
        var i = 1
        while i < bytes.count {
            if bytes[i] == 0xFF, i + 1 < bytes.count, bytes[i + 1] == 0x00 { frames.append([]); i += 2 } else { frames[frames.count - 1].append(bytes[i]); i += 1 }
        }
        return frames
    }

    @Test func everySeedDecodesAndEveryMsgSeedHasAValidBody() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        #expect(files.count >= 5)
        var messages = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
            let frames = Self.frames(bytes)
            #expect(frames.count == 1 + Int(bytes[0] % 4), "\(file)")
            let message = try WireMessage.decode(frames: frames)
            if case let .message(envelope, body) = message {
                messages += 1
                _ = try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: body)
                #expect(envelope.sig != nil, "\(file)")
            }
        }
        #expect(messages >= 1, "the corpus has no message seed whose body could be checked")
    }
}

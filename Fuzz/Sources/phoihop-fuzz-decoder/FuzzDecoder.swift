/// libFuzzer's entry point for the wire decoder (docs/HOSTILE-INPUT.md, "Fuzzing the decoder").
///
/// The input is split into frames the way a hostile peer could send them, then goes through
/// what a daemon does with frames off a socket: ``WireMessage/decode(frames:)``, then, for a
/// `msg`, ``MessageBody/decode(type:schema:bytes:)``, and, whatever the outcome, the lenient
/// ``WireMessage/streamPosition(frames:)``. Any trap, leak or overflow is a crash libFuzzer
/// reports; a thrown ``ProtocolError`` is the expected outcome for bad input.
///
/// Framing: the first byte gives the frame count (1 + its value mod 4, so 1–4 frames, covering
/// the wrong counts); the rest is cut at each 0xFF 0x00 pair (bytes a JSON text never holds),
/// so the corpus stays readable and mutations can move, merge and split frames.
import FuzzEntry
import PhoiHopProtocol

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let frames = FuzzFrames.split(bytes)
    do {
        let message = try WireMessage.decode(frames: frames)
        if case let .message(envelope, body) = message {
            let decoded = try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: body)
            // What the receiver logs and relays must round-trip through its own encoder.
            _ = try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: decoded.encoded())
        }
        // What a sender puts on the wire decodes to the same message.
        let again = try WireMessage.decode(frames: message.frames())
        precondition(again == message, "a decoded message does not survive its own encoding")
    } catch {
        precondition(!error.description.isEmpty, "a ProtocolError without a description")
    }
    _ = WireMessage.streamPosition(frames: frames)
    return 0
}

enum FuzzFrames {
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        let wanted = 1 + Int(bytes[0] % 4)
        var frames: [[UInt8]] = [[]]
        var i = 1
        while i < bytes.count {
            if bytes[i] == 0xFF, i + 1 < bytes.count, bytes[i + 1] == 0x00 {
                frames.append([])
                i += 2
            } else {
                frames[frames.count - 1].append(bytes[i])
                i += 1
            }
        }
        // Fewer separators than frames wanted: the missing ones are empty; more: kept, a wrong count.
        while frames.count < wanted { frames.append([]) }
        return frames
    }
}

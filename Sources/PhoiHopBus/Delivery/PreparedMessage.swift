import PhoiHopProtocol
import ZeroMQ

/// What can be worked out about a received message from its frames alone: its decoding, its
/// body's, and what its signature proves. These are pure functions of the bytes and of the
/// signing keys, and they are most of a receiver's CPU per act (JSON parsing, Ed25519 at about
/// 48 µs: docs/PERFORMANCE.md). So a drain prepares its messages on every core at once
/// (``prepareAll(_:signing:identity:applied:)``); the loop then classifies and applies them one
/// by one, in arrival order, exactly as before — only the order-free work is parallel.
struct PreparedMessage: Sendable {
    var wire: Result<WireMessage, ProtocolError>
    /// For a `msg` not already applied here: its typed body and what its signature proves.
    var act: Act?

    enum Act: Sendable {
        case act(MessageBody, ActSigning.Check)
        case badBody(ProtocolError)
    }

    /// Prepares one message. `applied` is how far each origin's stream was applied when the drain
    /// began: a message at or below it is a duplicate, whose body and signature are not needed.
    static func prepare(_ frames: [[UInt8]], signing: ActSigning, identity: AgencyID, applied: [AgencyID: UInt64]) -> PreparedMessage {
        let wire: WireMessage
        do { wire = try WireMessage.decode(frames: frames) } catch { return PreparedMessage(wire: .failure(error)) }
        guard case let .message(envelope, bodyBytes) = wire, envelope.seq > applied[envelope.origin] ?? 0 else {
            return PreparedMessage(wire: .success(wire))
        }
        return PreparedMessage(wire: .success(wire), act: act(envelope, bodyBytes, signing: signing, identity: identity))
    }

    /// An act's typed body and signature check (the signature only once the body decodes).
    static func act(_ envelope: Envelope, _ bodyBytes: [UInt8], signing: ActSigning, identity: AgencyID) -> Act {
        do {
            let body = try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: bodyBytes)
            return .act(body, signing.check(envelope, body: bodyBytes, ownAuthor: identity))
        } catch {
            return .badBody(error)
        }
    }

    /// Prepares every message of a drain, split across the machine's cores; results in order.
    ///
    /// In two passes: the frames of every message first (cheap, on the calling thread), then, on
    /// every core, the act — body and signature, most of the cost — of only the first copy of
    /// each seq above what was applied.
    /// A sender that resent its window while its copies were still queued here puts several
    /// copies of a seq in one drain, and past capacity that is most of what arrives
    /// (docs/PERFORMANCE.md); the later copies are duplicates once the first is taken, so their
    /// acts are never needed. (Should the first copy be held instead of taken, the loop works out
    /// the next one's act itself: ``BusNode/classify(_:_:into:)``.)
    static func prepareAll(_ messages: [ReceivedMessage], signing: ActSigning, identity: AgencyID,
                           applied: [AgencyID: UInt64]) -> [PreparedMessage] {
        // Headers on this thread: a canonical one is read in a few microseconds, less than
        // waking another thread for it costs on a loaded machine.
        var prepared = messages.map { message in
            PreparedMessage(wire: Result { () throws(ProtocolError) in try WireMessage.decode(frames: message.frames) })
        }
        var claimed: Set<StreamPosition> = []
        var firstCopies: [(index: Int, envelope: Envelope, body: [UInt8])] = []
        for index in prepared.indices {
            guard case let .success(.message(envelope, body)) = prepared[index].wire, envelope.seq > applied[envelope.origin] ?? 0,
                  claimed.insert(StreamPosition(origin: envelope.origin, seq: envelope.seq)).inserted else { continue }
            firstCopies.append((index, envelope, body))
        }
        let acts = firstCopies.concurrentMap { copy in act(copy.envelope, copy.body, signing: signing, identity: identity) }
        for (copy, act) in zip(firstCopies, acts) { prepared[copy.index].act = act }
        return prepared
    }

    private struct StreamPosition: Hashable {
        let origin: AgencyID
        let seq: UInt64
    }
}

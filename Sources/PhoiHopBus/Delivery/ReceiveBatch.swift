import PhoiHopProtocol

/// What one drain of the subscriber decided.
struct ReceiveBatch {
    enum Item {
        case apply(Envelope, MessageBody, bodyBytes: [UInt8])
        case skip(origin: AgencyID, seq: UInt64)
    }
    var items: [Item] = []
    /// When each item's message came off the socket (parallel to ``items``): where its apply
    /// latency starts.
    var receipts: [ContinuousClock.Instant] = []
    /// When the message being classified came off the socket.
    var receivedAt = ContinuousClock.now
    var expected: [AgencyID: UInt64] = [:]
    var ackNeeded: Set<AgencyID> = []
    var acks: [AgencyID: UInt64] = [:]

    /// Takes the next message of its origin's stream: applied or skipped, then acknowledged.
    mutating func take(_ item: Item) {
        let (origin, seq): (AgencyID, UInt64)
        switch item {
        case let .apply(envelope, _, _): (origin, seq) = (envelope.origin, envelope.seq)
        case let .skip(o, s): (origin, seq) = (o, s)
        }
        expected[origin] = seq
        ackNeeded.insert(origin)
        items.append(item)
        receipts.append(receivedAt)
    }
}

/// An outbox entry written in a transaction, to be put on the wire once it commits.
struct QueuedEntry {
    let recipient: AgencyID
    let seq: UInt64
    let type: MessageType
}

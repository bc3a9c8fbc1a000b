public import GRDB
public import Logging
public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopStore
public import ZeroMQ
import Foundation
import Sodium

/// Applies a message in the apply transaction, after the log append: the daemon's own effect.
public protocol MessageApplier: AnyObject {
    /// Applies an act recorded by `author` (for a relay, not the stream's origin).
    func apply(_ db: Database, position: Int64, author: AgencyID, body: MessageBody) throws
    /// Why an authorised message must still not be applied (e.g. a district or violation category
    /// the province's tables do not know), or nil. Checked on receipt, before the transaction.
    func refusal(origin: AgencyID, role: Role, body: MessageBody) -> String?
    /// Whom this daemon passes the act on to, asked in the same transaction, after ``apply``:
    /// for an agency, the hub (its own acts only); for the hub, the agencies the act concerns.
    /// The outbox entries are written in that transaction, so a relay is as durable as the act.
    func forwardees(_ db: Database, author: AgencyID, body: MessageBody) throws -> [AgencyID]
    /// Why an act an agency sent (not a relay) falls outside what that agency may speak about,
    /// judged on this daemon's records — at the hub, that a district's act about a business is
    /// about one of its own businesses — or nil. Asked in the apply transaction, before the
    /// append; a refused act is consumed as `out-of-scope`.
    func scopeRefusal(_ db: Database, origin: AgencyID, role: Role, body: MessageBody) throws -> String?
}

extension MessageApplier {
    public func refusal(origin: AgencyID, role: Role, body: MessageBody) -> String? { nil }
    public func scopeRefusal(_ db: Database, origin: AgencyID, role: Role, body: MessageBody) throws -> String? { nil }
}

/// The receipt an officer gets once an act is durable.
public struct RecordReceipt: Sendable, Codable, Equatable {
    public var id: String
    public var type: MessageType
    public var seq: UInt64
    public var recordedAt: Int64
    public var recipients: [AgencyID]
}

/// An act whose encoded body exceeds what the wire carries; refused before anything is written.
public struct ActTooLarge: Error, CustomStringConvertible, Sendable {
    public let bytes: Int
    public var description: String {
        "the act is \(bytes) bytes once encoded; the limit is \(WireMessage.maxBodyBytes) — shorten its texts"
    }
}

/// One end of the reliable bus: the delivery contract of docs/ARCHITECTURE.md over a PUB and a
/// SUB socket.
///
/// * Outbound: every message to a peer is in the durable outbox with a gap-free stream seq; it is
///   sent at once, and sent again (go-back-N from the last ack) until the peer acknowledges it.
///   At most `window` messages are in flight per stream, so a backlog never overflows a
///   high-water mark.
/// * Inbound: messages from a peer are applied strictly in seq order, in one transaction with
///   the log append and the cursor advance; a duplicate is only re-acknowledged; a gap triggers
///   a `resend` request. Acks are cumulative and sent after the commit, never before.
/// * Heartbeats carry both stream positions, so a lost tail or a lost ack is repaired without
///   new traffic.
///
/// Loop-confined: created, used and dropped on one ``SocketLoop`` thread, like its sockets.
public final class BusNode {
    public let identity: AgencyID
    public let role: Role
    /// Who may be on the other end; replaced by a reload (``updateTrust(peers:signers:)``).
    var peers: PeerDirectory
    let tuning: BusTuning
    let database: PhoiHopDatabase
    let publisher: ZMQSocket
    let subscriber: ZMQSocket
    let logger: Logger
    /// The hub checks that a message's origin is the agency its CURVE key authenticated.
    let requireAuthenticatedOrigin: Bool
    let applier: any MessageApplier
    /// This daemon's signing key and the keys it checks authors' signatures with; the keys are
    /// replaced by a reload (``updateTrust(peers:signers:)``).
    var signing: ActSigning
    /// Peers a reload removed from ``peers`` (BusNode+Trust.swift).
    var revocations = Revocations()

    var applied: [AgencyID: UInt64]
    var outbound: [AgencyID: OutboundCursor] = [:]
    /// Each outbound stream's last seq when this node started: what the peer may know of it.
    var startupLastSeq: [AgencyID: UInt64] = [:]
    /// Outbound streams whose peer has told us, since this node started, how far it applied
    /// them; nothing is sent on a stream before (``reconcile(with:)``).
    var synced: Set<AgencyID> = []
    /// Agencies handed over to since their heartbeats began to show a loss (``handoverDue(for:)``).
    var handedOverSinceLoss: Set<AgencyID> = []
    /// Peers whose stream this store lost acts of, asking them for a handover (``HandoverRequests``).
    var handoverRequested: Set<AgencyID> = []
    var lastPrune = ContinuousClock.now
    var runtime: [AgencyID: PeerRuntime] = [:]
    var lastHeartbeat = ContinuousClock.now
    public internal(set) var counters = BusCounters()
    /// The same events for the process's metrics (docs/METRICS.md).
    var metrics = BusMetrics()
    var rejectionsToPersist: [(at: Int64, peer: String?, origin: String?, reason: String, detail: String)] = []
    var rejectionLogBudget = RateBudget(perMinute: 60)
    /// The "recorded" and "applied" lines: one per act up to a rate, then summed up (``ActLines``).
    package var actLines = ActLines()
    /// Store write failures (a full disk, a read-only filesystem) repeat at every batch and
    /// heartbeat until the operator acts: logged a few times a minute.
    var storeFailureLogBudget = RateBudget(perMinute: 6)
    /// Set by a write that failed on the disk, cleared by the next write that succeeds: `status` shows it.
    public internal(set) var storeWriteFailure: StoreWriteFailure?

    public init(
        identity: AgencyID, role: Role, peers: PeerDirectory, tuning: BusTuning, database: PhoiHopDatabase,
        publisher: ZMQSocket, subscriber: ZMQSocket, applier: any MessageApplier, requireAuthenticatedOrigin: Bool,
        signing: ActSigning, logger: Logger
    ) throws {
        self.identity = identity; self.role = role; self.peers = peers; self.tuning = tuning; self.signing = signing
        self.database = database; self.publisher = publisher; self.subscriber = subscriber
        self.applier = applier; self.requireAuthenticatedOrigin = requireAuthenticatedOrigin; self.logger = logger
        let (inbound, streams, records, requested) = try database.read { db in
            (try InboundStreams.all(db), try Outbox.streams(db), try AgencyDirectory.all(db), try HandoverRequests.all(db))
        }
        applied = inbound
        handoverRequested = requested
        for stream in streams where stream.peer != identity {
            outbound[stream.peer] = OutboundCursor(lastSeq: stream.lastSeq, acked: stream.acked)
            startupLastSeq[stream.peer] = stream.lastSeq
        }
        for peer in peers.ids { runtime[peer] = PeerRuntime() }
        // What was last heard of each peer survives a restart; being online does not.
        for record in records {
            guard let id = AgencyID(rawValue: record.id), runtime[id] != nil else { continue }
            runtime[id]?.lastSeenWall = record.lastSeen
            runtime[id]?.version = record.version
            runtime[id]?.lastSeq = record.lastSeq
            runtime[id]?.pending = record.pending
            runtime[id]?.rejected = record.rejected
            runtime[id]?.persistedLastSeen = record.lastSeen
        }
        try handOverToNewcomers()
    }

    /// The subscriber, so tests can connect extra (hostile) publishers to it.
    package var subscriberForTesting: ZMQSocket { subscriber }
    /// The publisher, so a test can open another node on the same sockets.
    package var publisherForTesting: ZMQSocket { publisher }

    // MARK: Recording

    /// Records an act of this daemon: appended to its log, applied to its tables and queued for
    /// every recipient the applier names, in one transaction. When this returns, the act is on
    /// disk and will reach each recipient exactly once in effect; then the first send is attempted.
    public func record(_ body: MessageBody) throws -> RecordReceipt {
        try record(batch: [body]) { _, _ in }[0].get()
    }

    /// Records several acts of this daemon in **one transaction**, so they share one commit (one
    /// fsync at `durability: full`): the group commit of officers' requests that arrive together,
    /// and of an import.
    ///
    /// Each act is checked by `check` inside the transaction, after the acts before it in the
    /// batch (a business registered earlier in the batch is known to a later act), and recorded
    /// under its own savepoint: an act that `check` refuses, or that fails, rolls back alone and
    /// the others are recorded. Returns one outcome per act, in order. If the commit itself
    /// fails (a full disk), every act fails and nothing is recorded. When this returns, every
    /// receipt's act is on disk; then the first sends are attempted.
    public func record(batch bodies: [MessageBody], check: (Database, MessageBody) throws -> Void) -> [Result<RecordReceipt, any Error>] {
        let now = wallClockMilliseconds()
        var outcomes: [Result<RecordReceipt, any Error>] = []
        outcomes.reserveCapacity(bodies.count)
        var queued: [QueuedEntry] = []
        // One signature for the whole batch (each act keeps its inclusion proof: ActSigning), made
        // before the acts are checked, since an act's check depends on the acts before it being
        // applied. An act refused below is then covered by the batch's root but never logged or
        // sent: only its leaf hash, in its neighbours' proofs, ever leaves this daemon.
        let acts = bodies.map { body in (id: ActIdentifier.shared.next(now: now), bytes: body.encoded()) }
        let fitting = acts.indices.filter { acts[$0].bytes.count <= WireMessage.maxBodyBytes }
        let signed = signing.sign(fitting.map { (type: bodies[$0].type, id: acts[$0].id, body: acts[$0].bytes) }, author: identity, ts: now)
        var signatures = [ActSignature?](repeating: nil, count: bodies.count)
        for (index, signature) in zip(fitting, signed) { signatures[index] = signature }
        do {
            try database.write { db in
                for (index, body) in bodies.enumerated() {
                    do {
                        var receipt: RecordReceipt?
                        var entries: [QueuedEntry] = []
                        try db.inSavepoint {
                            let (id, bodyBytes) = acts[index]
                            guard let signature = signatures[index] else { throw ActTooLarge(bytes: bodyBytes.count) }
                            try check(db, body)
                            let seq = try Outbox.reserveSeq(db, stream: identity)
                            let position = try MessageLog.append(
                                db, id: id, origin: identity, seq: seq, type: body.type, schema: body.type.schemaVersion,
                                district: body.value.concernedDistrict, sentAt: now, acceptedAt: now, body: bodyBytes,
                                business: body.value.concernedBusiness, actOn: body.value.actDate, signature: signature.bytes)
                            try applier.apply(db, position: position, author: identity, body: body)
                            let recipients = try applier.forwardees(db, author: identity, body: body)
                            entries = try enqueue(db, id: id, type: body.type, author: nil, to: recipients) {
                                try Outbox.reserveSeq(db, stream: $0)
                            }
                            receipt = RecordReceipt(id: id, type: body.type, seq: seq, recordedAt: now, recipients: entries.map(\.recipient))
                            return .commit
                        }
                        queued += entries
                        outcomes.append(.success(receipt!))
                    } catch {
                        // A disk that refuses writes fails the whole batch: the commit would too.
                        if PhoiHopDatabase.writeFailure(error) != nil { throw error }
                        outcomes.append(.failure(error))
                    }
                }
            }
        } catch {
            noteStoreWrite(failed: error)
            return bodies.map { _ in .failure(error) }
        }
        noteStoreWrite(failed: nil)
        advanceCursors(queued)
        return outcomes
    }

    /// Writes one outbox entry per recipient (never this daemon, nor the act's `author`), in the
    /// caller's transaction, which has logged the act `id`: each entry is a reference to it, the
    /// message made out of the log when it is sent (``Outbox/appendReference(_:stream:seq:id:type:recordedAt:)``).
    /// `reserve` gives each entry's seq: ``Outbox/reserveSeq(_:stream:)`` for an act recorded
    /// under its own savepoint, a batch's ``Outbox/SeqReservations`` for a batch applied whole.
    func enqueue(_ db: Database, id: String, type: MessageType, author: AgencyID?, to recipients: [AgencyID],
                 reserve: (AgencyID) throws -> UInt64) throws -> [QueuedEntry] {
        var queued: [QueuedEntry] = []
        let now = wallClockMilliseconds()
        for recipient in recipients where recipient != identity && recipient != author {
            let streamSeq = try reserve(recipient)
            try Outbox.appendReference(db, stream: recipient, seq: streamSeq, id: id, type: type, recordedAt: now)
            queued.append(QueuedEntry(recipient: recipient, seq: streamSeq, type: type))
        }
        return queued
    }

    /// After the commit: the new entries are on disk, so they may go on the wire.
    func advanceCursors(_ queued: [QueuedEntry]) {
        for entry in queued {
            metrics.countSent(to: entry.recipient, type: entry.type)
            var cursor = outbound[entry.recipient] ?? OutboundCursor(lastSeq: 0, acked: 0)
            // An idle stream starts its resend clock now, not at its last ack long ago.
            if cursor.acked == cursor.lastSeq { cursor.lastProgress = .now; cursor.ackedAt = .now }
            cursor.lastSeq = max(cursor.lastSeq, entry.seq)
            outbound[entry.recipient] = cursor
        }
        for recipient in Set(queued.map(\.recipient)) {
            sendPending(to: recipient)
            metrics.setBacklog(recipient, outbound: pendingOutbound(to: recipient), inbound: nil)
        }
    }

    // MARK: Receiving

    /// The most frames one drain takes off the subscriber, and so one apply transaction's most.
    ///
    /// Acknowledgements go out only after a drain's commit, so this bounds how long a sender
    /// waits for one while the receiver is busy. At 5 000, a hub behind a province's load spent
    /// one to three seconds on a drain (with every core shared with the agencies), longer than
    /// its senders' resend timeouts: they sent their whole windows again, so most of what
    /// reached the hub was copies, which made its drains longer still (docs/PERFORMANCE.md). At
    /// 1 000 the copies fell from about 40 000 to 3 000–7 000 over the same 15 000 acts, and a
    /// long catch-up, whose commits grow no smaller than a few hundred acts, ran faster, not slower.
    package static let drainLimit = 1000

    /// How long one call of ``handleReadable()`` goes on taking drains while the subscriber still
    /// holds frames, before it returns to the loop (timers: resends, heartbeats).
    static let drainingBudget: Duration = .milliseconds(300)

    /// Drains what the subscriber holds (bounded, so timers, acknowledgements and the control
    /// channel keep flowing: ``drainLimit``), prepares the messages on every core
    /// (``PreparedMessage``), classifies them in arrival order, applies the in-order ones in one
    /// transaction, then acknowledges.
    ///
    /// Pipelined while frames keep coming: the next drain is taken and prepared on other threads
    /// while this one is classified and committed, so preparing (decoding, signatures: pure work)
    /// no longer waits for the commit, nor the commit for it. Each drain is still classified
    /// only after the one before it committed, against what that applied; preparing the next
    /// drain before that commit only means a few copies of seqs it applies are prepared for
    /// nothing. Every drain taken is committed before this returns.
    public func handleReadable() {
        var current = drain()
        // The first drain on this thread (and the pool), as a lone drain always was: handing it
        // to another thread to wait for it would only add a wake-up on a loaded machine.
        var prepared = PreparedMessage.prepareAll(current.messages, signing: signing, identity: identity, applied: applied)
        let started = ContinuousClock.now
        while true {
            // A full drain: more is likely waiting. Take it and prepare it while this one commits.
            var preparing: BackgroundWork<[PreparedMessage]>?
            var next: (messages: [ReceivedMessage], receipts: [ContinuousClock.Instant]) = ([], [])
            if current.messages.count == Self.drainLimit, ContinuousClock.now - started < Self.drainingBudget {
                next = drain()
                if !next.messages.isEmpty { preparing = prepare(next.messages) }
            }
            var batch = ReceiveBatch()
            for index in current.messages.indices {
                batch.receivedAt = current.receipts[index]
                classify(current.messages[index], prepared[index], into: &batch)
            }
            commit(batch)
            guard let preparing else { return }
            prepared = preparing.value()
            current = next
        }
    }

    /// Takes up to ``drainLimit`` frames off the subscriber, each with the instant it came off.
    private func drain() -> (messages: [ReceivedMessage], receipts: [ContinuousClock.Instant]) {
        var messages: [ReceivedMessage] = []
        var receipts: [ContinuousClock.Instant] = []
        while messages.count < Self.drainLimit {
            let received: ReceivedMessage?
            do { received = try subscriber.receive(dontWait: true) } catch {
                logger.error("bus receive failed", metadata: ["error": "\(error)"])
                break
            }
            guard let received else { break }
            messages.append(received)
            receipts.append(.now)
        }
        counters.received += UInt64(messages.count)
        return (messages, receipts)
    }

    /// Prepares a drain on other threads, against what is applied now.
    private func prepare(_ messages: [ReceivedMessage]) -> BackgroundWork<[PreparedMessage]> {
        let (signing, identity, applied) = (signing, identity, applied)
        return BackgroundWork { PreparedMessage.prepareAll(messages, signing: signing, identity: identity, applied: applied) }
    }

    func classify(_ received: ReceivedMessage, _ prepared: PreparedMessage, into batch: inout ReceiveBatch) {
        let wire: WireMessage
        switch prepared.wire {
        case let .success(decoded): wire = decoded
        case let .failure(error):
            reject(.malformed(error), received: received, origin: nil)
            if !error.isVersionSkew { consumeIfNext(received, into: &batch) }
            return
        }
        let origin = wire.origin
        guard let peerRole = peers.role(of: origin) else {
            return revocations.contains(origin) ? rejectRevoked(origin, received: received)
                : reject(.unknownOrigin(origin), received: received, origin: origin)
        }
        if requireAuthenticatedOrigin, received.userID != origin.rawValue {
            return reject(.impersonation(claimed: origin, authenticated: received.userID ?? "nobody"), received: received, origin: origin)
        }
        guard wire.recipient == identity else { return reject(.misrouted(to: wire.recipient), received: received, origin: origin) }
        touch(origin)

        switch wire {
        case let .message(envelope, bodyBytes):
            let expected = (batch.expected[origin] ?? applied[origin] ?? 0) + 1
            if envelope.seq == expected { runtime[origin, default: PeerRuntime()].lastInOrder = batch.receivedAt }
            if envelope.seq < expected {
                counters.duplicates += 1
                batch.ackNeeded.insert(origin)
            } else if envelope.seq > expected {
                counters.gaps += 1
                requestResend(from: origin, seq: expected)
            } else {
                // Prepared for every message above what was applied when the drain began, which
                // this one is; worked out here only should that ever not hold.
                let body: MessageBody, signature: ActSigning.Check
                switch prepared.act ?? PreparedMessage.act(envelope, bodyBytes, signing: signing, identity: identity) {
                case let .badBody(error) where error.isVersionSkew:
                    // A newer sender: wait for the upgrade rather than drop a good act.
                    return reject(.malformed(error), received: received, origin: origin)
                case let .badBody(error):
                    reject(.invalidBody(error), received: received, origin: origin)
                    return batch.take(.skip(origin: origin, seq: envelope.seq))
                case let .act(decoded, check):
                    (body, signature) = (decoded, check)
                }
                if envelope.author != nil || envelope.isHandover, peerRole != .hub {
                    // Only the hub relays; an agency naming another author is forging. Its seq is consumed.
                    reject(.forgedRelay(origin: origin, author: envelope.recordedBy), received: received, origin: origin)
                    batch.take(.skip(origin: origin, seq: envelope.seq))
                } else if case let .refused(problem) = signature {
                    // Held, not consumed: a key rotated at the author but not yet listed here must
                    // not lose its acts; the stream waits until the keys are updated and reloaded.
                    reject(problem, received: received, origin: origin)
                } else if envelope.author == nil, let refusal = Authority.check(origin: origin, role: peerRole, body: body) {
                    // The origin is authenticated, so its seq is consumed: one bad act must not block its stream.
                    reject(.unauthorised(refusal), received: received, origin: origin)
                    batch.take(.skip(origin: origin, seq: envelope.seq))
                } else if let problem = applier.refusal(origin: origin, role: peerRole, body: body) {
                    // The sender checked the same legal tables before recording: a mismatch means this
                    // daemon's tables are older. Hold the stream until they are updated; drop nothing.
                    reject(.inadmissible(problem), received: received, origin: origin)
                } else if let skew = clockSkew(of: envelope) {
                    // The recorder's clock is wrong, not the act: hold it rather than lose a real act.
                    reject(skew, received: received, origin: origin)
                } else {
                    if case .unverifiedRelay = signature {
                        counters.unverifiedRelays += 1
                        if rejectionLogBudget.take() {
                            logger.notice("relay applied on the hub's word: no signing key is configured here for its author; add it under signers", metadata: [
                                "author": "\(envelope.recordedBy)", "id": "\(envelope.id)",
                            ])
                        }
                    }
                    batch.take(.apply(envelope, body, bodyBytes: bodyBytes))
                }
            }
        case let .ack(ack):
            batch.acks[origin] = max(batch.acks[origin] ?? 0, ack.applied)
        case let .resend(request):
            rewind(peer: origin, to: request.from)
        case let .heartbeat(beat):
            heard(beat)
            reconcile(with: beat)
            if beat.lastSeq < (applied[origin] ?? 0), rejectionLogBudget.take() {
                logger.error("peer's stream is behind what was applied here: its database was reset or restored from an old backup; its new acts are not applied until this is resolved", metadata: [
                    "peer": "\(origin)", "peerLastSeq": "\(beat.lastSeq)", "applied": "\(applied[origin] ?? 0)",
                ])
            }
            batch.acks[origin] = max(batch.acks[origin] ?? 0, beat.applied)
            let known = batch.expected[origin] ?? applied[origin] ?? 0
            // A lost tail: the peer has recorded more than arrived, and its stream has stopped
            // moving. While it moves, the rest is only queued behind this daemon's backlog.
            let moving = runtime[origin]?.lastInOrder.map { ContinuousClock.now - $0 < tuning.resendAfter } ?? false
            if beat.lastSeq > known, !moving { requestResend(from: origin, seq: known + 1) }
        }
    }

    /// An act stamped further ahead of this daemon's clock than ``BusTuning/maxClockSkew``. A
    /// past stamp is never refused: a backlog replayed after an outage is old by design.
    func clockSkew(of envelope: Envelope) -> Rejection? {
        let tolerance = tuning.maxClockSkew.components.seconds
        let now = wallClockMilliseconds()
        // now > 0, so ts − now cannot overflow once ts > now.
        guard envelope.ts > now, envelope.ts - now > tolerance * 1000 else { return nil }
        return .clockSkew(author: envelope.recordedBy, ts: envelope.ts, aheadMilliseconds: envelope.ts - now, toleranceSeconds: tolerance)
    }

    /// A `msg` that could not be decoded but whose header still says where it sits in an
    /// authenticated origin's stream: if it is the next one, its seq is consumed (and it stays
    /// rejected), so the stream behind it flows on.
    func consumeIfNext(_ received: ReceivedMessage, into batch: inout ReceiveBatch) {
        guard let position = WireMessage.streamPosition(frames: received.frames), position.to == identity,
              peers.role(of: position.origin) != nil,
              !requireAuthenticatedOrigin || received.userID == position.origin.rawValue
        else { return }
        let expected = (batch.expected[position.origin] ?? applied[position.origin] ?? 0) + 1
        guard position.seq == expected else { return }
        batch.take(.skip(origin: position.origin, seq: position.seq))
    }

    func commit(_ batch: ReceiveBatch) {
        let acks = batch.acks.filter { peer, seq in
            guard let cursor = outbound[peer] else { return false }
            return seq > cursor.acked && seq <= cursor.lastSeq
        }
        let rejections = rejectionsToPersist
        let now = wallClockMilliseconds()
        // Items refused alone, consumed, the rest of the batch committing: an id already in the
        // log under another seq, or an act outside its origin's scope on this daemon's records.
        var refused: [Int: Rejection] = [:]
        // Handover items this daemon already held: skipped, not refused.
        var alreadyHeld: Set<Int> = []
        // Peers whose handover began to arrive in this batch: the request is answered.
        let answered = Set(batch.items.compactMap { item -> AgencyID? in
            guard case let .apply(envelope, _, _) = item, envelope.isHandover, handoverRequested.contains(envelope.origin) else { return nil }
            return envelope.origin
        })
        // Outbox entries of the acts this batch relays, sent once the batch is durable.
        var relayed: [QueuedEntry] = []
        // A batch of duplicates only is re-acknowledged without a transaction: nothing to make durable.
        if !batch.items.isEmpty || !acks.isEmpty || !rejections.isEmpty {
            // Acknowledgements alone are noted without waiting for the disk: lost in a power cut,
            // the entries are sent again and the peer acknowledges them again. Anything else here
            // (an act, a cursor, a refusal) is what this daemon acknowledges, so it is synced.
            do {
                try database.write(synced: !batch.items.isEmpty || !rejections.isEmpty) { db in
                    // Each origin's cursor is written once, after its last item: the same state
                    // as writing it after every item, in one statement per origin, not per act.
                    var cursors: [(origin: AgencyID, seq: UInt64)] = []
                    // The relays' seqs, stored once per stream after the loop.
                    var seqs = Outbox.SeqReservations()
                    // The log's tip, from one append to the next (nothing appended here is rolled back alone).
                    var tip: LogChain.Tip?
                    func consumed(_ origin: AgencyID, _ seq: UInt64) {
                        if let last = cursors.indices.last(where: { cursors[$0].origin == origin }) { cursors[last].seq = seq } else { cursors.append((origin, seq)) }
                    }
                    for (index, item) in batch.items.enumerated() {
                        switch item {
                        case let .apply(envelope, body, bodyBytes):
                            let held = try MessageLog.contains(db, id: envelope.id)
                            if held, envelope.isHandover {
                                alreadyHeld.insert(index)
                            } else if let rejection = held ? .duplicateID(envelope.id) : try scopeRejection(db, envelope, body) {
                                try AgencyDirectory.recordRejection(db, at: now, peer: nil, origin: envelope.origin.rawValue,
                                                                    reason: rejection.reason, detail: rejection.description)
                                refused[index] = rejection
                            } else {
                                // The signature's bytes as received: its check (PreparedMessage) parsed them already.
                                let position = try MessageLog.append(
                                    db, id: envelope.id, origin: envelope.origin, seq: envelope.seq, type: envelope.type,
                                    schema: envelope.schema, district: body.value.concernedDistrict, sentAt: envelope.ts,
                                    acceptedAt: now, body: bodyBytes, author: envelope.author,
                                    business: body.value.concernedBusiness, actOn: body.value.actDate,
                                    signature: envelope.sig.flatMap { Data(base64Encoded: $0) }.map(Array.init), after: &tip)
                                try applier.apply(db, position: position, author: envelope.recordedBy, body: body)
                                // A handover is of acts the hub has already: nothing is passed on.
                                let recipients = envelope.isHandover ? [] : try applier.forwardees(db, author: envelope.recordedBy, body: body)
                                relayed += try enqueue(db, id: envelope.id, type: envelope.type, author: envelope.recordedBy, to: recipients) {
                                    try seqs.reserve(db, stream: $0)
                                }
                            }
                            consumed(envelope.origin, envelope.seq)
                        case let .skip(origin, seq):
                            consumed(origin, seq)
                        }
                    }
                    for cursor in cursors { try InboundStreams.setApplied(db, peer: cursor.origin, seq: cursor.seq) }
                    try seqs.write(db)
                    for peer in answered { try HandoverRequests.close(db, peer: peer) }
                    for (peer, seq) in acks { try Outbox.acknowledge(db, stream: peer, upTo: seq) }
                    for r in rejections {
                        try AgencyDirectory.recordRejection(db, at: r.at, peer: r.peer, origin: r.origin, reason: r.reason, detail: r.detail)
                    }
                }
            } catch {
                noteStoreWrite(failed: error)
                // Nothing was acknowledged: the senders will send it all again.
                if storeFailureLogBudget.take() {
                    logger.error("apply failed; nothing acknowledged, senders will resend", metadata: ["error": "\(error)"])
                }
                return
            }
            noteStoreWrite(failed: nil)
        }
        rejectionsToPersist.removeAll()
        handoverRequested.subtract(answered)
        let durable = ContinuousClock.now
        for (index, item) in batch.items.enumerated() {
            switch item {
            case let .apply(envelope, _, _):
                applied[envelope.origin] = envelope.seq
                if alreadyHeld.contains(index) {
                    counters.handoverAlreadyHeld += 1
                } else if let rejection = refused[index] {
                    counters.rejected[rejection.reason, default: 0] += 1
                    metrics.countRejected(rejection.reason)
                    // A reused id is only counted and stored (docs/PROTOCOL.md §6.8); a scope refusal is logged too.
                    if case .outOfRecordedScope = rejection, rejectionLogBudget.take() {
                        logger.warning("rejected input", metadata: ["reason": "\(rejection.reason)", "detail": "\(rejection.description)",
                                                                   "origin": "\(envelope.origin)"])
                    }
                } else {
                    counters.applied += 1
                    metrics.countReceived(from: envelope.origin, type: envelope.type)
                    // One line per act: with the recorder's "recorded" line, `journalctl PHOIHOP_MESSAGE_ID=…`
                    // follows an act across daemons. Past a rate, the acts are summed up (``ActLines``).
                    if actLines.take(.applied, stream: envelope.origin, seq: envelope.seq) {
                        logger.info("applied", metadata: ["messageId": "\(envelope.id)", "type": "\(envelope.type.rawValue)",
                                                          "origin": "\(envelope.origin)", "author": "\(envelope.recordedBy)",
                                                          "seq": "\(envelope.seq)"])
                    }
                    metrics.recordApplyLatency(durable - batch.receipts[index])
                }
            case let .skip(origin, seq):
                applied[origin] = seq
            }
        }
        for peer in batch.ackNeeded {
            send(.ack(Ack(origin: identity, to: peer, applied: applied[peer] ?? 0)))
            counters.acksSent += 1
            metrics.countAckSent(to: peer)
        }
        for (peer, seq) in acks {
            let before = outbound[peer]?.acked ?? seq
            outbound[peer]?.acknowledge(seq)
            metrics.countAcknowledged(by: peer, (outbound[peer]?.acked ?? before) - before)
            sendPending(to: peer)
            metrics.setBacklog(peer, outbound: pendingOutbound(to: peer), inbound: nil)
        }
        advanceCursors(relayed)
    }

    /// Keeps ``storeWriteFailure`` current after a write: `error` nil for a commit that succeeded.
    /// Errors that are not the disk's (a constraint, a bug) leave it as it is.
    func noteStoreWrite(failed error: (any Error)?) {
        guard let error else {
            if let failure = storeWriteFailure {
                storeWriteFailure = nil
                logger.notice("the store takes writes again", metadata: [
                    "failedWrites": "\(failure.failedWrites)", "seconds": "\((wallClockMilliseconds() - failure.since) / 1000)",
                ])
            }
            return
        }
        guard let kind = PhoiHopDatabase.writeFailure(error) else { return }
        let now = wallClockMilliseconds()
        if var failure = storeWriteFailure, failure.kind == kind {
            failure.last = now
            failure.failedWrites += 1
            storeWriteFailure = failure
        } else {
            storeWriteFailure = StoreWriteFailure(kind: kind, database: database.path, since: now, last: now, failedWrites: 1)
        }
    }

    /// Why an act an agency sent itself falls outside its scope on this daemon's records (see
    /// ``MessageApplier/scopeRefusal(_:origin:role:body:)``); relays and handovers are the hub's word.
    func scopeRejection(_ db: Database, _ envelope: Envelope, _ body: MessageBody) throws -> Rejection? {
        guard envelope.author == nil, !envelope.isHandover, let role = peers.role(of: envelope.origin),
              let problem = try applier.scopeRefusal(db, origin: envelope.origin, role: role, body: body) else { return nil }
        return .outOfRecordedScope(problem)
    }

    /// Counts a rejection (status and metrics) and queues its row for the `rejections` table;
    /// how it is logged is the caller's.
    func noteRejection(reason: String, detail: String, peer: String?, origin: String?) {
        counters.rejected[reason, default: 0] += 1
        metrics.countRejected(reason)
        // Bounded for a store that keeps failing (the list is kept until a commit succeeds), but
        // above one full drain (``drainLimit``), so a flood of bad frames is stored row for row.
        if rejectionsToPersist.count < 10_000 {
            rejectionsToPersist.append((wallClockMilliseconds(), peer, origin, reason, detail))
        }
    }

    func reject(_ rejection: Rejection, received: ReceivedMessage, origin: AgencyID?) {
        noteRejection(reason: rejection.reason, detail: rejection.description, peer: received.peerAddress, origin: origin?.rawValue)
        if rejectionLogBudget.take() {
            // A held input stalls a stream until someone acts: louder than one that is dropped.
            logger.log(level: rejection.isHeld ? .error : .warning, "rejected input", metadata: [
                "reason": "\(rejection.reason)", "detail": "\(rejection.description)",
                "peer": "\(received.peerAddress ?? "?")", "origin": "\(origin?.rawValue ?? "?")",
            ])
        }
    }
}

/// A token bucket refilled each minute: keeps a flood of bad input, or a failure retried every
/// few seconds, from flooding the log. (`package`: the daemon's own warnings use it too.)
package struct RateBudget {
    let perMinute: Int
    var used = 0
    var windowStart: ContinuousClock.Instant
    package init(perMinute: Int, now: ContinuousClock.Instant = .now) { self.perMinute = perMinute; windowStart = now }
    package mutating func take(now: ContinuousClock.Instant = .now) -> Bool {
        if now - windowStart > .seconds(60) { windowStart = now; used = 0 }
        used += 1
        return used <= perMinute
    }
}

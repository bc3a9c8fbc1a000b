import Foundation
import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore
import Logging
import ZeroMQ

/// Where one outbound stream stands in memory (the durable truth is the outbox).
struct OutboundCursor {
    var lastSeq: UInt64
    var acked: UInt64
    /// Next seq to put on the wire; rewinds to acked+1 on a resend.
    var nextToSend: UInt64
    /// Highest seq put on the wire since this node started: a seq at or below it goes out again.
    var sentThrough: UInt64
    var lastProgress = ContinuousClock.now
    /// When the peer last acknowledged something new, or the stream last went from idle to
    /// pending: what the link watch measures a stall from (resends do not move it).
    var ackedAt = ContinuousClock.now
    /// Multiplier of the resend timeout (1, 2, 4 … 32): doubled at each timeout, and back to 1
    /// only once an acknowledgement gives a fresh delay sample — of a seq sent once — as TCP keeps
    /// its backed-off timer (Karn's rule). An acknowledgement of what was resent says only that
    /// the peer is slow, not how slow: resetting on it made a busy hub's senders time out again
    /// at every stall, each time sending their whole window once more (docs/PERFORMANCE.md).
    var backoff = 1
    /// How long this peer takes to acknowledge: the resend timeout follows it (a busy peer is
    /// not flooded with duplicates of what it has queued).
    var ackDelay = AckDelayEstimate()
    /// The seq the last resend request sent this stream back to, and when (``BusNode/rewind(peer:to:)``).
    var rewound: (from: UInt64, at: ContinuousClock.Instant)?
    /// Congestion control: how many messages may be in flight after a timeout, below the
    /// configured window (`cap`); nil while never narrowed since the peer last came online.
    ///
    /// A timeout while the peer is online means it is behind, not gone: the copies go-back-N
    /// sends queue behind what it already holds. With every agency a full window ahead (an
    /// import, a catch-up of many districts at once) a hub stayed behind its senders' timeouts
    /// for good, and most of what it received was copies (docs/PERFORMANCE.md). So, as TCP does,
    /// each such timeout halves what may be in flight (never below ``minimumWindow``), and each
    /// acknowledgement grows it again by an eighth of what it covers — back to the configured
    /// window within a few round trips once the peer keeps up.
    var congestion: (window: Int, cap: Int)?
    static let minimumWindow = 64

    init(lastSeq: UInt64, acked: UInt64) {
        self.lastSeq = lastSeq; self.acked = acked; nextToSend = acked + 1; sentThrough = acked
    }

    /// Go-back-N: put everything unacknowledged on the wire again, from now on with `backoff`.
    mutating func goBack(backoff: Int) {
        nextToSend = acked + 1
        ackDelay.resending()
        lastProgress = .now
        self.backoff = backoff
    }

    /// How many messages may be in flight now: the configured window, or less after timeouts
    /// (``congestion``).
    func window(configured: Int) -> Int { min(configured, congestion?.window ?? configured) }

    /// A timeout while the peer is online: halve what may be in flight.
    mutating func narrow(configured: Int) {
        congestion = (max(window(configured: configured) / 2, min(Self.minimumWindow, configured)), configured)
    }

    mutating func acknowledge(_ seq: UInt64) {
        guard seq > acked else { return }
        if ackDelay.acknowledged(upTo: seq, at: .now) { backoff = 1 }
        if let (window, cap) = congestion {
            let grown = window + max(1, Int(min(seq - acked, UInt64(cap))) / 8)
            congestion = grown >= cap ? nil : (grown, cap)
        }
        acked = min(seq, lastSeq)
        nextToSend = max(nextToSend, acked + 1)
        lastProgress = .now
        ackedAt = .now
    }
}

/// What the node tracks of a peer between heartbeats.
struct PeerRuntime {
    var lastHeard: ContinuousClock.Instant?
    var lastSeenWall: Int64?
    var version: String?
    var lastSeq: UInt64 = 0
    var pending: UInt64 = 0
    var rejected: UInt64 = 0
    var skew: Int64?
    /// A heartbeat arrived since this node started.
    var heartbeatHeard = false
    var lastResendRequest: ContinuousClock.Instant?
    /// When the last in-order act of this peer's stream arrived: while its stream moves, a
    /// heartbeat ahead of what was applied only shows acts still queued here, not a lost tail.
    var lastInOrder: ContinuousClock.Instant?
    /// Whether the log last said this peer is online: transitions are logged once each way.
    var announcedOnline = false
    /// The last-seen time last written to the `agencies` table.
    var persistedLastSeen: Int64?
}

extension BusNode {
    /// Puts unsent messages of the stream on the wire, within the window.
    func sendPending(to peer: AgencyID) {
        // A revoked peer's stream stays in the outbox, unsent, in case it is admitted again.
        guard synced.contains(peer), peers.role(of: peer) != nil, var cursor = outbound[peer] else { return }
        defer { outbound[peer] = cursor }
        let windowEnd = cursor.acked + UInt64(cursor.window(configured: tuning.window))
        while cursor.nextToSend <= min(cursor.lastSeq, windowEnd) {
            let limit = Int(min(500, min(cursor.lastSeq, windowEnd) - cursor.nextToSend + 1))
            let entries: [OutboxEntry]
            do {
                entries = try database.read { db in try Outbox.entries(db, stream: peer, from: cursor.nextToSend, limit: limit) }
            } catch {
                logger.error("outbox read failed", metadata: ["peer": "\(peer)", "error": "\(error)"])
                return
            }
            guard let last = entries.last else {
                // Acked entries are deleted; skip past anything no longer in the outbox.
                cursor.nextToSend = cursor.lastSeq + 1
                return
            }
            let topic = WireMessage.topic(for: peer)
            var again = 0
            defer { if again > 0 { metrics.countResent(to: peer, again) } }
            for stored in entries {
                guard let entry = restored(stored) else { return }
                do { try publisher.send([topic, entry.header, entry.body], dontWait: true) } catch {
                    logger.error("bus send failed", metadata: ["peer": "\(peer)", "error": "\(error)"])
                    return
                }
                counters.sent += 1
                if entry.seq <= cursor.sentThrough {
                    again += 1
                } else {
                    cursor.sentThrough = entry.seq
                    cursor.ackDelay.sent(entry.seq, at: .now)
                }
            }
            cursor.nextToSend = last.seq + 1
        }
    }

    /// The entry as it goes on the wire: a reference to the log (an act recorded or relayed here,
    /// or an entry compacted after the retention period) is made from the act the log holds, read
    /// with the entry — same id, type, ts, author, signature and body; this stream's seq; and the
    /// `handover` mark if the entry is a handover's (``OutboxEntry/handover``), so a compacted
    /// handover entry goes out as the same message it was. Nil, logged, if the log lacks it.
    func restored(_ entry: OutboxEntry) -> OutboxEntry? {
        guard entry.isCompacted else { return entry }
        guard let act = entry.logged else {
            logger.error("an outbox entry's act is not in the log; the peer cannot get it from here", metadata: [
                "peer": "\(entry.stream)", "seq": "\(entry.seq)", "id": "\(entry.id)",
            ])
            return nil
        }
        let envelope = Envelope(type: act.type, id: act.id, origin: identity, to: entry.stream, seq: entry.seq, ts: act.sentAt,
                                author: act.author == identity ? nil : act.author, handover: entry.handover ? true : nil,
                                sig: act.signature.map { Data($0).base64EncodedString() })
        var whole = entry
        whole.header = envelope.header
        whole.body = act.body
        return whole
    }

    /// Go-back-N from `seq`: the peer told us what it is missing.
    func rewind(peer: AgencyID, to seq: UInt64) {
        guard var cursor = outbound[peer], seq > cursor.acked, seq <= cursor.lastSeq else { return }
        // Asked again, within one resend timeout, for what this stream already went back for: the
        // copies are still on their way, queued behind the peer's backlog. Sending them once more
        // would only add duplicates to that backlog — the collapse of an overloaded hub
        // (docs/PERFORMANCE.md). A real loss is still repaired: by the next request after the
        // timeout, and by the resend timer.
        let now = ContinuousClock.now
        if let rewound = cursor.rewound, seq >= rewound.from,
           now - rewound.at < cursor.ackDelay.timeout(base: tuning.resendAfter) {
            counters.resendRequestsHeld += 1
            return
        }
        cursor.rewound = (seq, now)
        cursor.nextToSend = min(cursor.nextToSend, seq)
        cursor.ackDelay.resending()
        outbound[peer] = cursor
        counters.resent += 1
        sendPending(to: peer)
    }

    /// Asks `peer` to resend from `seq`, at most once per resend interval.
    func requestResend(from peer: AgencyID, seq: UInt64) {
        let now = ContinuousClock.now
        if let last = runtime[peer]?.lastResendRequest, now - last < tuning.resendAfter { return }
        runtime[peer, default: PeerRuntime()].lastResendRequest = now
        send(.resend(ResendRequest(origin: identity, to: peer, from: seq)))
    }

    func send(_ message: WireMessage) {
        do { try publisher.send(message.frames(), dontWait: true) } catch {
            logger.error("bus send failed", metadata: ["to": "\(message.recipient)", "error": "\(error)"])
        }
    }

    func touch(_ peer: AgencyID) {
        let wasOnline = isOnline(peer)
        runtime[peer, default: PeerRuntime()].lastHeard = .now
        runtime[peer, default: PeerRuntime()].lastSeenWall = wallClockMilliseconds()
        if !wasOnline {
            runtime[peer, default: PeerRuntime()].announcedOnline = true
            logger.info("peer online", metadata: ["peer": "\(peer)"])
            // The peer is back: whatever it missed goes out now, not after the backoff.
            // Its queue is new: the full window again.
            outbound[peer]?.congestion = nil
            if let cursor = outbound[peer], cursor.acked < cursor.lastSeq {
                outbound[peer]?.goBack(backoff: 1)
                sendPending(to: peer)
            }
        }
    }

    func heard(_ beat: Heartbeat) {
        var peer = runtime[beat.origin, default: PeerRuntime()]
        peer.version = beat.version
        peer.lastSeq = beat.lastSeq
        peer.pending = beat.pending
        peer.rejected = beat.rejected
        peer.skew = beat.ts - wallClockMilliseconds()
        peer.heartbeatHeard = true
        runtime[beat.origin] = peer
    }

    func isOnline(_ peer: AgencyID) -> Bool {
        guard let heard = runtime[peer]?.lastHeard else { return false }
        return ContinuousClock.now - heard < tuning.heartbeat * 3
    }

    /// Call from a loop timer (every ~50 ms): resends what waited too long, sends heartbeats.
    public func tick() {
        let now = ContinuousClock.now
        logActSummaries(force: false)
        for (peer, cursor) in outbound where cursor.acked < cursor.lastSeq && peers.role(of: peer) != nil {
            guard now - cursor.lastProgress >= cursor.ackDelay.timeout(base: tuning.resendAfter) * cursor.backoff else { continue }
            outbound[peer]?.goBack(backoff: min(cursor.backoff * 2, 32))
            // Behind, not gone (it is heard): fewer in flight. An offline peer narrows nothing.
            if isOnline(peer) { outbound[peer]?.narrow(configured: tuning.window) }
            counters.resent += 1
            sendPending(to: peer)
        }
        if now - lastHeartbeat >= tuning.heartbeat {
            lastHeartbeat = now
            for peer in peers.ids where runtime[peer]?.announcedOnline == true && !isOnline(peer) {
                runtime[peer]?.announcedOnline = false
                logger.warning("peer offline: no heartbeat for three intervals", metadata: [
                    "peer": "\(peer)", "pending": "\(pendingOutbound(to: peer))",
                ])
            }
            for peer in peers.ids {
                sendHeartbeat(to: peer)
                metrics.setBacklog(peer, outbound: pendingOutbound(to: peer), inbound: inboundPending(from: peer))
                metrics.setOnline(peer, isOnline(peer))
            }
            persistPeerRecords()
        }
        if now - lastPrune >= .seconds(3600) {
            lastPrune = now
            pruneOutbox()
        }
    }

    /// Writes the summaries of the acts that had no line of their own (``ActLines``): when they
    /// are due, or all of them (`force`) when the daemon stops.
    public func logActSummaries(force: Bool) {
        for summary in actLines.dueSummaries(force: force) {
            logger.info("\(summary.kind.rawValue) without a line each: more than \(ActLines.perMinute) acts a minute", metadata: [
                "origin": "\(summary.stream)", "acts": "\(summary.acts)", "fromSeq": "\(summary.fromSeq)", "toSeq": "\(summary.toSeq)",
            ])
        }
    }

    /// Writes what changed in each peer's record since the last heartbeat interval, in one small
    /// transaction: `phoihop status` after a restart still says when a peer was last seen.
    public func persistPeerRecords() {
        let changed = peers.ids.compactMap { id -> AgencyRecord? in
            guard let peer = runtime[id], let seen = peer.lastSeenWall, seen != peer.persistedLastSeen else { return nil }
            return AgencyRecord(id: id.rawValue, role: peers.role(of: id)?.rawValue ?? "", version: peer.version, lastSeen: seen,
                                lastSeq: peer.lastSeq, pending: peer.pending, rejected: peer.rejected)
        }
        guard !changed.isEmpty else { return }
        do {
            try database.write { db in for record in changed { try AgencyDirectory.upsert(db, record) } }
            noteStoreWrite(failed: nil)
            for record in changed { runtime[AgencyID(rawValue: record.id)!]?.persistedLastSeen = record.lastSeen }
        } catch {
            noteStoreWrite(failed: error)
            // Every heartbeat interval while the disk is full or read-only: a few lines a minute, not four a second.
            if storeFailureLogBudget.take() {
                logger.warning("could not record peer status", metadata: ["error": "\(error)"])
            }
        }
    }

    func sendHeartbeat(to peer: AgencyID) {
        let cursor = outbound[peer]
        send(.heartbeat(Heartbeat(
            origin: identity, to: peer, role: role, version: PhoiHopProtocolInfo.softwareVersion,
            ts: wallClockMilliseconds(), lastSeq: cursor?.lastSeq ?? 0, applied: applied[peer] ?? 0,
            pending: cursor.map { $0.lastSeq - $0.acked } ?? 0, rejected: counters.rejectedTotal,
            lost: handoverRequested.contains(peer) ? true : nil)))
    }

    /// Every known peer's state, for `phoihop status`.
    public func peerStatuses() -> [PeerStatus] {
        peers.ids.map { id in
            let peer = runtime[id] ?? PeerRuntime()
            let cursor = outbound[id]
            return PeerStatus(
                id: id, role: peers.role(of: id) ?? .district, online: isOnline(id), lastSeen: peer.lastSeenWall,
                // The heartbeat's figure lags the stream; what was applied is a floor for it.
                version: peer.version, peerLastSeq: max(peer.lastSeq, applied[id] ?? 0), applied: applied[id] ?? 0,
                outboundLastSeq: cursor?.lastSeq ?? 0, outboundPending: cursor.map { $0.lastSeq - $0.acked } ?? 0,
                inboundPending: inboundPending(from: id),
                peerRejected: peer.rejected, clockSkewMilliseconds: peer.skew, heartbeatSinceStart: peer.heartbeatHeard)
        }
    }

    /// How long acts have waited on the stream to `peer` with none of them acknowledged; nil when
    /// nothing waits. Resends do not reset it: it measures the link, not the sender.
    public func unacknowledgedFor(_ peer: AgencyID) -> Duration? {
        guard let cursor = outbound[peer], cursor.acked < cursor.lastSeq else { return nil }
        return ContinuousClock.now - cursor.ackedAt
    }

    /// Counts a connection reopened because the link carried nothing (`DaemonCore+Redial`).
    public func countRedial() { counters.relinks += 1 }

    /// Messages `peer` says (in its last heartbeat) it holds for us that we have not applied.
    public func inboundPending(from peer: AgencyID) -> UInt64 {
        let held = runtime[peer]?.lastSeq ?? 0, done = applied[peer] ?? 0
        return held > done ? held - done : 0
    }

    /// Messages this node has recorded for `peer` that are not yet acknowledged.
    public func pendingOutbound(to peer: AgencyID) -> UInt64 {
        outbound[peer].map { $0.lastSeq - $0.acked } ?? 0
    }
}

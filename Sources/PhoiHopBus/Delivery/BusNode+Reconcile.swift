import Foundation
import Logging
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// A peer or this node restored from an older backup.
///
/// Each heartbeat says how far its sender applied our stream (`applied`). After a start, nothing
/// is sent on a stream until the peer's first heartbeat has been compared with what this store
/// knows, so a restore on either side is repaired instead of losing acts:
///
/// * **The peer applied more than this store ever wrote** (`applied` > the stream's last seq
///   at start): this store was restored from an older backup. Acts up to `applied` are at the
///   peer; the entries written since the start, never sent, are renumbered after `applied`, so
///   the peer does not take them for duplicates.
/// * **The peer applied less than it had acknowledged** (`applied` < acked): the peer was
///   restored. What it acknowledged since is pending again and is resent from the retained
///   outbox (``BusTuning/retention``). At the hub, when what it needs is pruned already, or
///   when the peer's own stream is behind what was applied here (it lost its own acts), the
///   peer gets a handover of the log instead (`BusNode+Handover.swift`).
extension BusNode {
    func reconcile(with beat: Heartbeat) {
        let peer = beat.origin
        guard peers.role(of: peer) != nil else { return }
        if !synced.contains(peer) {
            let known = startupLastSeq[peer] ?? 0
            if beat.applied > known { fastForward(peer, known: known, applied: beat.applied) }
            synced.insert(peer)
            // Entries recorded before this first heartbeat go out now.
            if var cursor = outbound[peer] {
                cursor.nextToSend = cursor.acked + 1
                cursor.lastProgress = .now
                outbound[peer] = cursor
            }
        }
        if let reason = handoverDue(for: beat) {
            handOverAfterLoss(beat, reason: reason)
        } else if let cursor = outbound[peer], beat.applied < cursor.acked {
            rewind(peer, below: cursor.acked, to: beat.applied)
        }
        sendPending(to: peer)
    }

    func fastForward(_ peer: AgencyID, known: UInt64, applied: UInt64) {
        do {
            let asksHandover = role != .hub && peers.role(of: peer) == .hub
            let last = try database.write { db in
                // An agency lost acts it had sent the hub: it asks for the hub's handover.
                if asksHandover { try HandoverRequests.open(db, peer: peer, at: wallClockMilliseconds()) }
                return try Outbox.fastForward(db, stream: peer, known: known, applied: applied) { header, seq in
                    try Self.reheader(header, seq: seq)
                }
            }
            outbound[peer] = OutboundCursor(lastSeq: last, acked: applied)
            if asksHandover { handoverRequested.insert(peer) }
            logger.warning("peer had applied more of this daemon's stream than this database holds: the database was restored from an older backup; new acts continue after the peer's position", metadata: [
                "peer": "\(peer)", "peerApplied": "\(applied)", "knownHere": "\(known)", "renumbered": "\(last - applied)",
            ])
        } catch {
            logger.error("could not renumber the stream after a restore; nothing sent to this peer until it succeeds", metadata: [
                "peer": "\(peer)", "error": "\(error)",
            ])
            synced.remove(peer)
        }
    }

    func rewind(_ peer: AgencyID, below acked: UInt64, to applied: UInt64) {
        do {
            let missing = try database.write { db in try Outbox.rewind(db, stream: peer, to: applied) }
            outbound[peer]?.acked = applied
            outbound[peer]?.goBack(backoff: 1)
            logger.warning("peer applied less than it had acknowledged: it was restored from an older backup; resending from the retained outbox", metadata: [
                "peer": "\(peer)", "peerApplied": "\(applied)", "acknowledged": "\(acked)",
            ])
            if let missing {
                logger.error("the peer needs acts this daemon no longer retains; restore the peer from a newer backup", metadata: [
                    "peer": "\(peer)", "firstMissingSeq": "\(missing)",
                ])
            }
        } catch {
            logger.error("could not rewind the stream for a restored peer", metadata: ["peer": "\(peer)", "error": "\(error)"])
        }
    }

    /// The same header with another seq: decoded and encoded again, so nothing else changes.
    static func reheader(_ header: [UInt8], seq: UInt64) throws -> [UInt8] {
        guard let probe = WireMessage.streamPosition(frames: [[], header]) else { throw ReheaderError() }
        let message = try WireMessage.decode(frames: [WireMessage.topic(for: probe.to), header, []])
        guard case var .message(envelope, _) = message else { throw ReheaderError() }
        envelope.seq = seq
        return envelope.header
    }

    /// How many recorded rejections are kept at most (the newest), whatever their age.
    static let rejectionsKept = 100_000

    /// Compacts acknowledged outbox entries older than the retention period, and forgets
    /// rejections older than it or beyond ``rejectionsKept``.
    func pruneOutbox() {
        let cutoff = wallClockMilliseconds() - Int64(tuning.retention.components.seconds) * 1000
        do {
            let (pruned, forgotten) = try database.write { db in
                (try Outbox.prune(db, acknowledgedBefore: cutoff),
                 try AgencyDirectory.pruneRejections(db, before: cutoff, keep: Self.rejectionsKept))
            }
            if pruned > 0 { logger.info("compacted acknowledged outbox entries past the retention period", metadata: ["entries": "\(pruned)"]) }
            if forgotten > 0 { logger.info("forgot recorded rejections past the retention period or the cap", metadata: ["rejections": "\(forgotten)"]) }
        } catch {
            logger.warning("could not prune the outbox", metadata: ["error": "\(error)"])
        }
    }
}

struct ReheaderError: Error, CustomStringConvertible {
    var description: String { "an outbox header could not be read back" }
}

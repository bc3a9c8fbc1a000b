import Foundation
import GRDB
import Logging
import PhoiHopProtocol
import PhoiHopStore
import Sodium

/// Handovers: the hub gives an agency that joined late, or lost its database, the acts it needs
/// — and only those — from the hub's log, instead of a replay of the province's history.
///
/// What an agency holds is a function of the acts that concern it: the ones its officers recorded
/// and the ones the hub relayed to it. The hub's log has all of them, and the routing that chose
/// the relays (``MessageApplier/forwardees(_:author:body:)``) can be asked again. A handover
/// walks the log once, picks every act the agency recorded or the routing sends it, and queues
/// them on the agency's stream in log order, marked `handover` (``Envelope/handover``). The
/// agency applies the ones it lacks and skips the ones it holds, so a handover never counts an
/// act twice and may be repeated safely.
///
/// When:
/// * **At the hub's start, for an agency it has never served** (no row in `handovers`): a
///   district daemon deployed after the province started, or newly added to the allow-list. The
///   relays it missed while it was not on the allow-list reach it (e.g. an inspection plan
///   naming it, guidance addressed to it).
/// * **When an agency's heartbeat shows it lost acts**: it says so (`lost`, set once it learned
///   the hub applied more of its stream than its store holds: reset or restored from an older
///   backup) or its stream is behind what the hub applied, or it applied less of the hub's
///   stream than it acknowledged and the entries it needs are past the retention period. Once
///   per loss: the next heartbeats, which still show it until the handover's first act reaches
///   the agency, do not start another.
///
/// The stream is cut back to what the agency holds (``Outbox/restart(_:stream:at:)``) and the
/// handover written after it in one transaction, so entries deleted there (unacknowledged relays)
/// are in the handover. Relays of acts applied later follow it, in order.
extension BusNode {
    /// Hands over to every allow-listed agency this hub has never served. Called once, at start,
    /// before the first stream position is read.
    func handOverToNewcomers() throws {
        guard role == .hub else { return }
        let newcomers = try database.read { db in try Handovers.unserved(db, among: peers.ids) }
        guard !newcomers.isEmpty else { return }
        let (acts, through) = try handOver(Dictionary(uniqueKeysWithValues: newcomers.map { ($0, 0) }),
                                           reason: "first start with this agency on the allow-list")
        for (peer, count) in acts.sorted(by: { $0.key < $1.key }) where count > 0 {
            logger.notice("handed over the log's acts concerning an agency this hub had never served", metadata: [
                "peer": "\(peer)", "acts": "\(count)", "throughPosition": "\(through)",
            ])
        }
    }

    /// Whether `beat` shows that its sender lost acts, and a handover is due (hub only).
    func handoverDue(for beat: Heartbeat) -> String? {
        let peer = beat.origin
        guard role == .hub else { return nil }
        // The agency says so once it has heard where the hub stands; its stream may already be
        // renumbered past the hub's position by the time its heartbeat arrives.
        let lostOwn = beat.lost == true || beat.lastSeq < (applied[peer] ?? 0)
        var lostRelays = false
        if let cursor = outbound[peer], beat.applied < cursor.acked, beat.applied <= cursor.lastSeq {
            lostRelays = !((try? database.read { db in
                try Outbox.retains(db, stream: peer, seq: beat.applied + 1)
            }) ?? true)
        }
        guard lostOwn || lostRelays else {
            handedOverSinceLoss.remove(peer)
            return nil
        }
        guard !handedOverSinceLoss.contains(peer) else { return nil }
        return lostOwn
            ? "it lost acts of its own stream (\(applied[peer] ?? 0) applied here): its database was reset or restored"
            : "it applied \(beat.applied) of this stream; what follows is past the retention period"
    }

    /// Runs a handover to a peer whose heartbeat showed a loss; afterwards the stream resumes.
    func handOverAfterLoss(_ beat: Heartbeat, reason: String) {
        let peer = beat.origin
        do {
            let (acts, through) = try handOver([peer: beat.applied], reason: reason)
            handedOverSinceLoss.insert(peer)
            logger.warning("agency lost acts: handed over every act of the log that concerns it", metadata: [
                "peer": "\(peer)", "why": "\(reason)", "acts": "\(acts[peer] ?? 0)", "throughPosition": "\(through)",
            ])
        } catch {
            logger.error("handover failed; retried at the agency's next heartbeat", metadata: [
                "peer": "\(peer)", "error": "\(error)",
            ])
        }
    }

    /// Writes the handover to each of `peers` (each with the entries of its stream it holds), in
    /// one transaction and one walk of the log. Returns how many acts each got and the log
    /// position they go through.
    @discardableResult
    func handOver(_ peers: [AgencyID: UInt64], reason: String) throws -> (acts: [AgencyID: Int], through: Int64) {
        let now = wallClockMilliseconds()
        let (acts, through) = try database.write { db -> ([AgencyID: Int], Int64) in
            for (peer, held) in peers { try Outbox.restart(db, stream: peer, at: held) }
            var acts = Dictionary(uniqueKeysWithValues: peers.keys.map { ($0, 0) })
            let wanted = Set(peers.keys)
            var position: Int64 = 0
            while true {
                let entries = try MessageLog.entries(db, after: position, limit: 1000)
                guard let last = entries.last else { break }
                position = last.position
                for entry in entries {
                    for peer in try recipients(db, of: entry, among: wanted).sorted() {
                        let seq = try Outbox.reserveSeq(db, stream: peer)
                        let envelope = Envelope(
                            type: entry.type, id: entry.id, origin: identity, to: peer, seq: seq, ts: entry.sentAt,
                            author: entry.author == identity ? nil : entry.author, handover: true,
                            sig: entry.signature.flatMap { try? ActSignature(bytes: $0) }?.base64)
                        let header = envelope.header
                        try Outbox.append(db, stream: peer, seq: seq, id: entry.id, type: entry.type, header: header,
                                          body: entry.body, recordedAt: now, handover: true)
                        acts[peer, default: 0] += 1
                    }
                }
            }
            for (peer, count) in acts { try Handovers.record(db, peer: peer, at: now, through: position, acts: count, reason: reason) }
            return (acts, position)
        }
        for (peer, held) in peers {
            let count = UInt64(acts[peer] ?? 0)
            counters.handedOver += count
            outbound[peer] = OutboundCursor(lastSeq: held + count, acked: held)
            startupLastSeq[peer] = max(startupLastSeq[peer] ?? 0, held)
        }
        return (acts, through)
    }

    /// Which of `peers` a logged act goes to in a handover: the one that recorded it, and those
    /// the routing sends it to (asked once per act). An entry whose body no longer decodes is
    /// left out and logged.
    private func recipients(_ db: Database, of entry: LoggedMessage, among peers: Set<AgencyID>) throws -> Set<AgencyID> {
        var chosen = peers.contains(entry.author) ? [entry.author] as Set : []
        guard chosen.count < peers.count else { return chosen }
        let body: MessageBody
        do { body = try MessageBody.decode(type: entry.type, schema: entry.type.schemaVersion, bytes: entry.body) } catch {
            logger.error("a logged act does not decode; left out of the handover", metadata: [
                "position": "\(entry.position)", "id": "\(entry.id)", "error": "\(error)",
            ])
            return chosen
        }
        chosen.formUnion(try applier.forwardees(db, author: entry.author, body: body).filter(peers.contains))
        return chosen
    }
}

import Logging
import PhoiHopConfig
import PhoiHopProtocol

/// An agency's watch over its two connections to the hub.
///
/// libzmq may stop reconnecting a CURVE client after a failed handshake (libzmq issues #3519 and
/// #2329): when the hub denied the agency's key before it was put on the allow-list, or when
/// another server answered on the hub's port while the hub was down. The socket then never
/// connects again, though the hub is back and nothing else is wrong — seen in the 1 M catch-up
/// benchmark, where the district's publisher stayed unconnected after the hub's start.
///
/// So when the hub link carries nothing for ``BusTuning/relinkAfter`` — acts wait and the hub
/// has acknowledged none of them, or no heartbeat of the hub arrives — the agency drops both
/// connections and opens them again (`zmq_disconnect`, `zmq_connect`), at most once per that
/// period. Nothing is lost by it: what was queued in libzmq is in the outbox and resent.
extension BusNode {
    func watchLinks(_ now: ContinuousClock.Instant) {
        guard let relink, now - lastRelink >= tuning.relinkAfter else { return }
        let silentSince = runtime[.hub]?.lastHeard ?? lastRelink
        let hubSilent = now - silentSince >= tuning.relinkAfter
        var unacknowledged = false
        if let cursor = outbound[.hub], cursor.acked < cursor.lastSeq, now - cursor.ackedAt >= tuning.relinkAfter {
            unacknowledged = true
        }
        guard hubSilent || unacknowledged else { return }
        lastRelink = now
        counters.relinks += 1
        logger.warning("the hub link carried nothing: reconnecting to the hub", metadata: [
            "why": "\(hubSilent ? "no heartbeat from the hub" : "acts waiting and none acknowledged")",
            "forSeconds": "\(tuning.relinkAfter.components.seconds)", "pending": "\(pendingOutbound(to: .hub))",
        ])
        relink()
    }
}

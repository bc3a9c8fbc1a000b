import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import ZeroMQ

/// An agency connects a bus socket again when the hub refused its handshake, or when the hub has
/// been silent for a while.
///
/// libzmq (4.3) retries a connection that broke or was refused at the TCP level, but not one whose
/// CURVE handshake the hub's ZAP handler refused: the session ends for good (`protocol_error`).
/// An agency that restarted on a rotated key before the hub listed it, or that was revoked and is
/// listed again, or that holds a hub key the hub does not use yet, would otherwise stay cut off
/// until restarted — and one socket of the two may be cut off while the other works. So each
/// socket's handshakes are watched (``HandshakeWatch``): a refused one is disconnected and
/// connected again every five heartbeat intervals, and so are both while no heartbeat of the hub
/// arrives. The next handshake is judged by the hub's allow-list of that moment. Nothing is lost:
/// what libzmq held for the old connection is in the outbox and is resent.
///
/// A third case needs no monitor event: acts wait and the hub acknowledges none of them for
/// `relinkSeconds` (default 30) while its heartbeats arrive — the publishing socket is not
/// connected though nothing said so (seen once, in the 1 M catch-up benchmark, after another
/// server had answered on the hub's port while the hub was down). The publishing socket is
/// connected again, at most once per that period.
extension DaemonCore {
    var redialPeriod: Duration { config.tuning.heartbeat * 5 }

    /// Reads what a socket's monitor reports: a refused handshake marks the socket for redialing.
    func handshakeEvents(_ watch: HandshakeWatch) {
        while true {
            let event: MonitorEvent?
            do { event = try watch.monitor.receive(dontWait: true) } catch {
                logger.warning("could not read a bus socket's monitor", metadata: ["socket": "\(watch.name)", "error": "\(error)"])
                return
            }
            guard let event else { return }
            if event.event.contains(.handshakeSucceeded) {
                if refusedSockets.remove(watch.name) != nil {
                    logger.notice("the hub accepted this agency's key again", metadata: ["socket": "\(watch.name)"])
                }
            } else if refusedSockets.insert(watch.name).inserted {
                logger.warning("the hub refused this agency's handshake: check that its allow-list lists this agency's CURVE key; connecting again every \(redialPeriod)", metadata: [
                    "socket": "\(watch.name)", "endpoint": "\(watch.endpoint)", "event": "\(event.event)", "status": "\(event.value)",
                    "fingerprint": "\(config.keyPair.publicKey.fingerprint)",
                ])
            }
        }
    }

    /// Connects again the sockets the hub refused, or both while the hub is silent.
    func redial() {
        guard let hub = node.peerStatuses().first(where: { $0.id == .hub }) else { return }
        if hub.online {
            if redialing { logger.info("the hub answers again") }
            redialing = false
        } else if !redialing {
            logger.notice("no heartbeat from the hub: connecting again every \(redialPeriod) until it answers")
            redialing = true
        }
        let now = ContinuousClock.now
        var stalled = false
        if hub.online, let waiting = node.unacknowledgedFor(.hub), waiting >= config.tuning.relinkAfter,
           now - lastStallRedial >= config.tuning.relinkAfter {
            stalled = true
            lastStallRedial = now
            node.countRedial()
            logger.warning("acts wait and the hub acknowledged none of them though its heartbeats arrive: connecting the publishing link again", metadata: [
                "pending": "\(node.pendingOutbound(to: .hub))", "forSeconds": "\(waiting.components.seconds)",
            ])
        }
        for watch in bus.watches where !hub.online || refusedSockets.contains(watch.name) || (stalled && watch.socket === bus.publisher) {
            do {
                try? watch.socket.disconnect(watch.endpoint)
                try watch.socket.connect(watch.endpoint)
            } catch {
                logger.error("could not connect to the hub again; retried at the next period", metadata: [
                    "socket": "\(watch.name)", "error": "\(error)",
                ])
            }
        }
    }
}

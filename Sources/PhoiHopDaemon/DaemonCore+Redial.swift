import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import ZeroMQ

/// An agency connects again when the hub has been silent for a while.
///
/// libzmq (4.3) retries a connection that broke or was refused at the TCP level, but not one whose
/// CURVE handshake the hub's ZAP handler refused: the session ends for good (`protocol_error`).
/// An agency that restarted on a rotated key before the hub listed it, or that was revoked and
/// later listed again, or that holds a hub key the hub does not use yet, would stay silent until
/// restarted. So while no heartbeat of the hub arrives, the agency disconnects and connects its
/// two sockets again every five heartbeat intervals: the next handshake is judged by the hub's
/// current allow-list. Nothing is lost by it: what libzmq held for the old connection is in the
/// outbox and is resent.
extension DaemonCore {
    func redialIfHubSilent() {
        guard config.role != .hub, let hub = node.peerStatuses().first(where: { $0.id == .hub }) else { return }
        guard !hub.online else {
            if redialing { logger.info("the hub answers again") }
            redialing = false
            return
        }
        if !redialing {
            logger.notice("no heartbeat from the hub: connecting again every \(redialPeriod) until it answers (a refused handshake is not retried by libzmq; check the hub's allow-list lists this agency's CURVE key)", metadata: [
                "fingerprint": "\(config.keyPair.publicKey.fingerprint)",
            ])
            redialing = true
        }
        do {
            for (socket, endpoint) in [(bus.publisher, config.endpoints.ingest), (bus.subscriber, config.endpoints.publish)] {
                try? socket.disconnect(endpoint)
                try socket.connect(endpoint)
            }
        } catch {
            logger.error("could not connect to the hub again; retried at the next period", metadata: ["error": "\(error)"])
        }
    }

    var redialPeriod: Duration { config.tuning.heartbeat * 5 }
}

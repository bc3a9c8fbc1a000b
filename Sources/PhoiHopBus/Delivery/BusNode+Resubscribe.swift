import Logging
import PhoiHopConfig
import PhoiHopProtocol
import ZeroMQ

extension BusNode {
    /// How long an agency waits, hearing nothing at all from the hub, before it connects its
    /// subscriber again: ten heartbeat intervals (the hub heartbeats every agency, online or not).
    var resubscribeAfter: Duration { tuning.heartbeat * 10 }

    /// Connects the subscriber to ``subscriberEndpoint`` again when the hub has been silent for
    /// ``resubscribeAfter``. libzmq gives a connection up for good, without reconnecting, when the
    /// peer breaks the protocol on it — a frame over ZMQ_MAXMSGSIZE from the publisher is one —
    /// so without this one such frame would cut an agency off from the hub until it restarted.
    /// During a plain outage the new connection waits for the hub like the old one would.
    func resubscribeIfSilent(now: ContinuousClock.Instant) {
        guard let endpoint = subscriberEndpoint else { return }
        let heard = peers.ids.compactMap { runtime[$0]?.lastHeard }.max()
        let quietSince = max(heard ?? lastResubscribe, lastResubscribe)
        guard now - quietSince >= resubscribeAfter else { return }
        // Once per silence at warning level: a long outage would otherwise repeat it every interval.
        let firstOfThisSilence = heard.map { $0 > lastResubscribe } ?? (lastResubscribe == startedAt)
        lastResubscribe = now
        do {
            try? subscriber.disconnect(endpoint)  // already gone if libzmq dropped the connection itself
            try subscriber.connect(endpoint)
            logger.log(level: firstOfThisSilence ? .warning : .debug,
                       "nothing heard from the hub for ten heartbeat intervals: connecting to its publish endpoint again",
                       metadata: ["endpoint": "\(endpoint)"])
        } catch {
            logger.error("could not connect to the hub's publish endpoint again; restart the daemon if the hub stays silent",
                         metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
        }
    }
}

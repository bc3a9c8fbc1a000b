import Logging
import PhoiHopProtocol
import ZeroMQ

/// The hub's subscription gate: an agency reads only its own topic.
///
/// Topics route the hub's stream to each agency, but on a plain PUB socket any allow-listed
/// agency could subscribe to another's topic — or to every topic — and read the directives and
/// relays meant for it: an unannounced inspection plan, a complaint, Công an's incidents. The
/// hub therefore publishes on an XPUB in manual mode (`ZMQ_XPUB_MANUAL`): every subscription
/// arrives here with the agency its CURVE key authenticated (the ZAP User-Id), and only
/// `@<that agency>/` is applied, for that connection. Anything else is refused — counted as
/// `forbidden-subscription` and logged — and the connection receives nothing for it.
extension BusNode {
    /// Reads the subscription messages the hub's publisher holds (hub only) and applies the
    /// allowed ones.
    public func handleSubscriptions() {
        for _ in 0..<1000 {
            let message: ReceivedMessage?
            do { message = try publisher.receive(dontWait: true) } catch {
                logger.error("could not read a subscription", metadata: ["error": "\(error)"])
                return
            }
            guard let message, let frame = message.frames.first, let kind = frame.first, kind == 0 || kind == 1 else { return }
            let topic = Array(frame.dropFirst())
            let user = message.userID.flatMap(AgencyID.init(rawValue:))
            let allowed = user.map { peers.role(of: $0) != nil && topic == WireMessage.topic(for: $0) } ?? false
            guard allowed else {
                if kind == 1 { refuseSubscription(topic, by: message) }
                continue
            }
            do {
                if kind == 1 { try publisher.subscribe(topic) } else { try publisher.unsubscribe(topic) }
            } catch {
                logger.error("could not apply a subscription", metadata: ["agency": "\(user.map(\.rawValue) ?? "?")", "error": "\(error)"])
            }
        }
    }

    private func refuseSubscription(_ topic: [UInt8], by message: ReceivedMessage) {
        let shown = String(decoding: topic.prefix(60), as: UTF8.self)
        let agency = message.userID ?? "an unauthenticated peer"
        let detail = "'\(agency)' subscribed to \(topic.isEmpty ? "every topic" : "'\(shown)'"); an agency reads only its own topic"
        noteRejection(reason: "forbidden-subscription", detail: detail, peer: message.peerAddress, origin: message.userID)
        if rejectionLogBudget.take() {
            logger.warning("refused subscription", metadata: ["agency": "\(agency)", "topic": "\(shown)", "peer": "\(message.peerAddress ?? "?")"])
        }
    }
}

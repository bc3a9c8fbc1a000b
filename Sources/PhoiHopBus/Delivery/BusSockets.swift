public import PhoiHopConfig
import PhoiHopProtocol
public import ZeroMQ
import Logging

/// Opens the two bus sockets of a daemon with the options the delivery contract relies on.
///
/// Topology (docs/ARCHITECTURE.md): the hub binds both sockets — `ingest` (SUB) and `publish`
/// (PUB) — as CURVE servers behind a ZAP allow-list; every agency connects a PUB to `ingest` and
/// a SUB to `publish`, as a CURVE client that knows the hub's public key, subscribed only to its
/// own topic `@<agency>/`.
public enum BusSockets {
    /// The ZAP domain of the bus sockets.
    public static let zapDomain = "phoihop"

    /// High-water marks come from `bus.sendHighWaterMark`/`bus.receiveHighWaterMark` (default
    /// 200 000, well above the delivery window, so the window, not libzmq, limits a burst). Lower
    /// ones make libzmq drop under load; the bus then repairs the gaps by resending.
    static func common(_ socket: ZMQSocket, _ tuning: BusTuning) throws {
        try socket.setLinger(milliseconds: 0) // the outbox, not libzmq's queue, holds what is unsent
        try socket.setSendHighWaterMark(Int32(tuning.sendHighWaterMark))
        try socket.setReceiveHighWaterMark(Int32(tuning.receiveHighWaterMark))
        try socket.setMaxMessageSize(WireMessage.maxFrameBytes)
        try socket.setHeartbeat(interval: 2000, timeout: 6000, ttl: 6000)
        try socket.setReconnectInterval(100, max: 5000)
    }

    /// The hub's sockets. Create the ``ZAPHandler`` on the same context first.
    public static func bindHub(context: ZMQContext, config: DaemonConfig) throws -> (publisher: ZMQSocket, subscriber: ZMQSocket) {
        let subscriber = try ZMQSocket(context: context, type: .sub)
        let publisher = try ZMQSocket(context: context, type: .pub)
        for socket in [subscriber, publisher] {
            try common(socket, config.tuning)
            try socket.setZAPDomain(zapDomain)
            try socket.setCurveServer(secretKey: config.keyPair.secretKey)
        }
        try subscriber.subscribe(WireMessage.topic(for: config.agency))
        try subscriber.bind(config.endpoints.ingest)
        try publisher.bind(config.endpoints.publish)
        return (publisher, subscriber)
    }

    /// An agency's sockets, connected to the hub.
    public static func connectAgency(context: ZMQContext, config: DaemonConfig) throws -> (publisher: ZMQSocket, subscriber: ZMQSocket) {
        guard let hubKey = config.hubPublicKey else {
            throw ConfigError(file: config.file, key: "bus.hubPublicKey", problem: "is required for an agency daemon")
        }
        let subscriber = try ZMQSocket(context: context, type: .sub)
        let publisher = try ZMQSocket(context: context, type: .pub)
        for socket in [subscriber, publisher] {
            try common(socket, config.tuning)
            try socket.setCurveClient(serverKey: hubKey, keyPair: config.keyPair)
        }
        try subscriber.subscribe(WireMessage.topic(for: config.agency))
        try subscriber.connect(config.endpoints.publish)
        try publisher.connect(config.endpoints.ingest)
        return (publisher, subscriber)
    }

    /// The hub's ZAP decision: admit a CURVE client only if its key is on the allow-list, and
    /// name it by its agency id (which the hub then checks against every message's origin).
    public static func allowListDecision(_ allowList: [AllowedAgency], logger: Logger) -> (ZAPRequest) -> ZAPDecision {
        let byKey = Dictionary(uniqueKeysWithValues: allowList.map { ($0.curvePublicKey, $0.id) })
        return { request in
            guard request.mechanism == "CURVE", let key = request.clientKey else {
                logger.warning("refused handshake", metadata: ["peer": "\(request.address)", "reason": "mechanism \(request.mechanism) is not CURVE"])
                return .deny(reason: "CURVE required")
            }
            guard let agency = byKey[key] else {
                logger.warning("refused handshake", metadata: [
                    "peer": "\(request.address)", "key": "\(key.fingerprint)", "reason": "key not on the allow-list",
                ])
                return .deny(reason: "key not on the allow-list")
            }
            return .allow(userID: agency.rawValue)
        }
    }
}

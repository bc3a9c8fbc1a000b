public import PhoiHopConfig
import PhoiHopProtocol
public import ZeroMQ
public import Logging
import Foundation

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
        // An XPUB whose subscriptions the hub applies itself: each agency reads only its own
        // topic (BusNode+Subscriptions.swift).
        let publisher = try ZMQSocket(context: context, type: .xpub)
        try publisher.setXPubManual(true)
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

    /// An agency's sockets, connected to the hub, each watched (before it connects) for the
    /// outcome of its CURVE handshakes: libzmq does not retry a handshake the hub's ZAP handler
    /// refused, so the daemon connects such a socket again itself (``HandshakeWatch``).
    public static func connectAgency(context: ZMQContext, config: DaemonConfig) throws
        -> (publisher: ZMQSocket, subscriber: ZMQSocket, watches: [HandshakeWatch]) {
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
        var watches: [HandshakeWatch] = []
        do {
            for (name, socket, endpoint) in [("publisher", publisher, config.endpoints.ingest), ("subscriber", subscriber, config.endpoints.publish)] {
                let inproc = "inproc://phoihop-handshakes-\(name)"
                try socket.monitor(endpoint: inproc, events: [.handshakeSucceeded, .handshakeFailedAuth, .handshakeFailedProtocol, .handshakeFailedNoDetail])
                watches.append(HandshakeWatch(name: name, socket: socket, endpoint: endpoint,
                                              monitor: try SocketMonitor(context: context, endpoint: inproc)))
            }
        } catch {
            watches.forEach { $0.monitor.socket.close() }
            [subscriber, publisher].forEach { $0.close() }
            throw error
        }
        try subscriber.connect(config.endpoints.publish)
        try publisher.connect(config.endpoints.ingest)
        return (publisher, subscriber, watches)
    }

    /// Drops every connection of the hub's two bound sockets, so each agency connects again and
    /// passes the (new) allow-list's ZAP check: a ZAP decision is taken once per connection, and
    /// an established CURVE session outlives a change of the allow-list. `zmq_unbind` closes the
    /// listener and the sessions it accepted (libzmq 4.2+); the endpoint is bound again at once.
    /// The other agencies reconnect within the reconnect interval; what was in flight on their
    /// connections is lost to libzmq and repaired by the bus (resend, go-back-N): nothing recorded
    /// is lost. Must run on the sockets' thread.
    public static func dropConnections(publisher: ZMQSocket, subscriber: ZMQSocket, logger: Logger) throws {
        for socket in [subscriber, publisher] {
            let endpoint = try socket.lastEndpoint
            try socket.unbind(endpoint)
            // The listener closes in libzmq's I/O thread: until it has, the port is still taken.
            var attempt = 0
            while true {
                do { try socket.bind(endpoint); break } catch {
                    attempt += 1
                    guard attempt < 200 else {
                        logger.critical("could not bind the bus endpoint again after dropping its connections", metadata: [
                            "endpoint": "\(endpoint)", "error": "\(error)",
                            "what to do": "restart the hub (systemctl restart phoihop-hub): nothing recorded is lost",
                        ])
                        throw error
                    }
                    usleep(10_000)
                }
            }
        }
    }
}

/// The hub's ZAP decision: admit a CURVE client only if its key is on the current allow-list,
/// and name it by its agency id (which the hub then checks against every message's origin).
/// A reload replaces the list (``update(_:)``); the next handshake is judged by the new one.
///
/// Loop-confined: the ZAP handler calls ``decide(_:)`` on the loop thread, where reloads run too.
public final class HandshakeGate {
    public private(set) var allowList: [AllowedAgency]
    private var byKey: [CurveKey: AgencyID]
    let logger: Logger
    /// Handshakes refused since the daemon started (`refused-handshake` in `phoihop status`).
    public private(set) var refused: UInt64 = 0
    /// Per key fingerprint: when a refusal was last logged and how many were not logged since.
    private var logged: [String: (at: ContinuousClock.Instant, suppressed: Int)] = [:]

    public init(allowList: [AllowedAgency], logger: Logger) {
        self.allowList = allowList; self.logger = logger
        byKey = Dictionary(uniqueKeysWithValues: allowList.map { ($0.curvePublicKey, $0.id) })
    }

    public func update(_ allowList: [AllowedAgency]) {
        self.allowList = allowList
        byKey = Dictionary(uniqueKeysWithValues: allowList.map { ($0.curvePublicKey, $0.id) })
    }

    public func decide(_ request: ZAPRequest) -> ZAPDecision {
        guard request.mechanism == "CURVE", let key = request.clientKey else {
            return refuse(request, fingerprint: "none", reason: "mechanism \(request.mechanism) is not CURVE", reply: "CURVE required")
        }
        guard let agency = byKey[key] else {
            return refuse(request, fingerprint: key.fingerprint, reason: "key not on the allow-list", reply: "key not on the allow-list")
        }
        return .allow(userID: agency.rawValue)
    }

    /// Logs a refusal with the peer's address and key fingerprint: the first of a key at once,
    /// then at most once a minute per key with the count of those not logged (a revoked agency
    /// retries every few seconds, for as long as it runs).
    private func refuse(_ request: ZAPRequest, fingerprint: String, reason: String, reply: String) -> ZAPDecision {
        refused += 1
        let now = ContinuousClock.now
        if let last = logged[fingerprint], now - last.at < .seconds(60) {
            logged[fingerprint]?.suppressed += 1
        } else {
            logger.warning("refused handshake", metadata: [
                "peer": "\(request.address)", "key": "\(fingerprint)", "reason": "\(reason)",
                "refusedSinceLastLog": "\(logged[fingerprint]?.suppressed ?? 0)",
            ])
            logged[fingerprint] = (now, 0)
        }
        return .deny(reason: reply)
    }
}

/// One of an agency's bus sockets and the monitor that reports its handshakes with the hub.
public struct HandshakeWatch {
    public let name: String
    public let socket: ZMQSocket
    /// The endpoint the socket connects to.
    public let endpoint: String
    public let monitor: SocketMonitor
}

/// # PhoiHopDaemon
///
/// What every PhoiHop daemon runs, hub or agency: one ``SocketLoop`` thread owning the bus
/// sockets, the ``BusNode`` that keeps the delivery contract, the daemon's database, and its
/// local control channel — wrapped as a swift-service-lifecycle `Service` that stops cleanly on
/// SIGTERM/SIGINT. The hub and agency modules only say how to open the bus and whom to send to.
public import GRDB
public import Logging
public import PhoiHopDomain
public import PhoiHopBus
public import PhoiHopConfig
public import PhoiHopProtocol
public import ServiceLifecycle
public import ZeroMQ

/// The sockets a role opened: the bus pair, and for the hub its ZAP handler and the allow-list
/// it decides with (which a reload replaces).
public struct OpenedBus {
    public var publisher: ZMQSocket
    public var subscriber: ZMQSocket
    public var zap: ZAPHandler?
    public var gate: HandshakeGate?
    /// An agency's sockets with their handshake monitors.
    public var watches: [HandshakeWatch]
    public init(publisher: ZMQSocket, subscriber: ZMQSocket, zap: ZAPHandler?, gate: HandshakeGate? = nil, watches: [HandshakeWatch] = []) {
        self.publisher = publisher; self.subscriber = subscriber; self.zap = zap; self.gate = gate; self.watches = watches
    }
}

/// What differs between the hub and an agency daemon.
public struct DaemonRole: Sendable {
    /// Whom this daemon exchanges streams with, at start (a reload derives it again: ``peers(for:)``).
    public var peers: PeerDirectory
    /// The hub insists that a message's origin is the agency its CURVE key authenticated.
    public var requireAuthenticatedOrigin: Bool
    /// Opens the bus sockets on the loop thread (the ZAP handler first, if any).
    public var openBus: @Sendable (ZMQContext, DaemonConfig, Logger) throws -> OpenedBus
    /// Whom an act applied here goes on to (see ``MessageApplier/forwardees(_:author:body:)``).
    public var forwardees: @Sendable (Database, AgencyID, MessageBody, DaemonConfig) throws -> [AgencyID]
    /// Acts the daemon records of its own accord (the hub's deadline reminders), asked shortly
    /// after start, after a burst of acts recorded or applied, and every minute; each is
    /// validated like an officer's act.
    public var duties: @Sendable (ActContext) throws -> [MessageBody]
    /// Work the daemon does of its own accord that records no act (the hub's scheduled
    /// reports), run after ``duties``; a failure is logged and the work runs again at the next.
    public var housekeeping: @Sendable (RoleContext) throws -> Void
    /// Control commands of this role beyond the common ones, by name; each answers the reply frame.
    public var commands: [String: @Sendable (RoleContext) throws -> [UInt8]]
    /// Services the daemon runs beside itself in its service group (the hub's web dashboard),
    /// made at start from the configuration; they read the daemon through `readings` and are
    /// stopped before it.
    public var companions: @Sendable (DaemonConfig, DaemonReadings, Logger) throws -> [any Service] = { _, _, _ in [] }

    public init(peers: PeerDirectory, requireAuthenticatedOrigin: Bool,
                openBus: @escaping @Sendable (ZMQContext, DaemonConfig, Logger) throws -> OpenedBus,
                forwardees: @escaping @Sendable (Database, AgencyID, MessageBody, DaemonConfig) throws -> [AgencyID],
                duties: @escaping @Sendable (ActContext) throws -> [MessageBody] = { _ in [] },
                housekeeping: @escaping @Sendable (RoleContext) throws -> Void = { _ in },
                commands: [String: @Sendable (RoleContext) throws -> [UInt8]] = [:]) {
        self.peers = peers; self.requireAuthenticatedOrigin = requireAuthenticatedOrigin
        self.openBus = openBus; self.forwardees = forwardees; self.duties = duties
        self.housekeeping = housekeeping; self.commands = commands
    }
}

extension DaemonRole {
    /// Whom a daemon with `config` exchanges streams with: the hub, every agency of its
    /// allow-list with the role listed there; an agency, the hub.
    public static func peers(for config: DaemonConfig) -> PeerDirectory {
        config.role == .hub
            ? PeerDirectory(roles: Dictionary(uniqueKeysWithValues: config.allowList.map { ($0.id, $0.role) }))
            : PeerDirectory(roles: [.hub: .hub])
    }
}

public import PhoiHopProtocol

/// What a bus node knows of one peer: its role and what its heartbeats said.
public struct PeerStatus: Sendable, Codable, Equatable {
    public var id: AgencyID
    public var role: Role
    public var online: Bool
    /// Wall-clock milliseconds of the last frame from this peer (nil: never seen).
    public var lastSeen: Int64?
    public var version: String?
    /// Highest seq the peer says it has recorded for us.
    public var peerLastSeq: UInt64
    /// Highest seq of the peer's stream we have applied.
    public var applied: UInt64
    /// Highest seq we recorded for the peer (our stream to it).
    public var outboundLastSeq: UInt64
    /// Messages we recorded for the peer, not yet acknowledged.
    public var outboundPending: UInt64
    /// Messages the peer says it holds for us, not yet acknowledged.
    public var inboundPending: UInt64
    /// Inputs the peer says it rejected.
    public var peerRejected: UInt64
    /// Clock skew: the peer's heartbeat timestamp minus our clock at receipt, in ms.
    public var clockSkewMilliseconds: Int64?
    /// Whether a heartbeat of the peer arrived since this daemon started: only then is
    /// `peerLastSeq` the peer's present figure rather than one remembered from an earlier run
    /// (optional: absent in replies of older daemons).
    public var heartbeatSinceStart: Bool?
}

/// Who may be on the other end: the hub knows every allowed agency, an agency knows the hub.
public struct PeerDirectory: Sendable {
    public var roles: [AgencyID: Role]
    public init(roles: [AgencyID: Role]) { self.roles = roles }
    public func role(of id: AgencyID) -> Role? { roles[id] }
    public var ids: [AgencyID] { roles.keys.sorted() }
}

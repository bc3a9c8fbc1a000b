/// # PhoiHopProtocol
///
/// What crosses the PhoiHop bus, and nothing else: agency identities and roles, the message
/// catalog (which types exist, their schema versions, which role may send each), the typed
/// bodies with their validation, the envelope every message carries, and the wire codec that
/// turns all of that into ZeroMQ frames and back.
///
/// This module does no I/O. It is the one place a reader goes to learn what a message means,
/// and the reference `docs/PROTOCOL.md` is written from.
///
/// Decoding never traps: every malformed, oversized, unknown or out-of-role input becomes a
/// ``ProtocolError`` naming what was wrong.
public enum PhoiHopProtocolInfo {
    /// The wire protocol version carried in every header as `"v"`.
    public static let wireVersion = 1
    /// The software version daemons report in heartbeats.
    public static let softwareVersion = "0.1.0"
}

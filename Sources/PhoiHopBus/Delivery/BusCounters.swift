#if canImport(Glibc)
import Glibc
#endif

/// What a bus node has done since it started: the figures `phoihop status` shows.
public struct BusCounters: Sendable, Codable, Equatable {
    public var received: UInt64 = 0
    public var applied: UInt64 = 0
    public var duplicates: UInt64 = 0
    public var gaps: UInt64 = 0
    public var sent: UInt64 = 0
    public var resent: UInt64 = 0
    /// Resend requests not acted on: they asked again for what was already being resent, within
    /// one resend timeout (``BusNode/rewind(peer:to:)``).
    public var resendRequestsHeld: UInt64 = 0
    public var acksSent: UInt64 = 0
    /// Acts of the log this hub queued again in handovers (to late joiners, restored agencies).
    public var handedOver: UInt64 = 0
    /// Handover acts this daemon received but already held (skipped, not rejected).
    public var handoverAlreadyHeld: UInt64 = 0
    /// Relays applied whose author has no signing key configured here (checked by the hub only).
    public var unverifiedRelays: UInt64 = 0
    /// Times an agency reopened its link to the hub because acts waited unacknowledged for
    /// `relinkSeconds` while the hub's heartbeats arrived (`DaemonCore+Redial`).
    public var relinks: UInt64 = 0
    public var rejected: [String: UInt64] = [:]
    public var rejectedTotal: UInt64 { rejected.values.reduce(0, +) }
    public init() {}

    /// A counter a daemon does not send (an older version, during an upgrade) reads as zero, so
    /// a newer console still shows its status.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> UInt64 { try c.decodeIfPresent(UInt64.self, forKey: key) ?? 0 }
        received = try count(.received); applied = try count(.applied); duplicates = try count(.duplicates); gaps = try count(.gaps)
        sent = try count(.sent); resent = try count(.resent); resendRequestsHeld = try count(.resendRequestsHeld)
        acksSent = try count(.acksSent); handedOver = try count(.handedOver); handoverAlreadyHeld = try count(.handoverAlreadyHeld)
        unverifiedRelays = try count(.unverifiedRelays); relinks = try count(.relinks)
        rejected = try c.decodeIfPresent([String: UInt64].self, forKey: .rejected) ?? [:]
    }
}

/// Wall-clock time in milliseconds since the Unix epoch: what the wire's `ts` fields carry.
public func wallClockMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}

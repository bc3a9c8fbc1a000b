public import PhoiHopProtocol

/// Why the bus refused an input, beyond the wire-level ``ProtocolError``s.
public enum Rejection: Error, Sendable, CustomStringConvertible {
    case malformed(ProtocolError)
    case unknownOrigin(AgencyID)
    /// An origin a reload removed from the allow-list, still sending on a connection it opened
    /// before: nothing of it is applied or acknowledged any more.
    case revoked(AgencyID)
    case impersonation(claimed: AgencyID, authenticated: String)
    case misrouted(to: AgencyID)
    case unauthorised(AuthorityRefusal)
    case invalidBody(ProtocolError)
    case inadmissible(String)
    case duplicateID(String)
    /// A message naming an author other than its origin from an agency: only the hub relays.
    case forgedRelay(origin: AgencyID, author: AgencyID)
    /// An act stamped (`ts`) further ahead of this daemon's clock than the tolerance: the
    /// recorder's clock is wrong. Held, not consumed, so a real act is not lost to a bad clock.
    case clockSkew(author: AgencyID, ts: Int64, aheadMilliseconds: Int64, toleranceSeconds: Int64)
    /// An act without a signature, or whose signature does not verify with the keys this daemon
    /// holds for its author (a forgery, or a key rotated and not yet configured here). Held, not
    /// consumed: the stream waits until the keys are updated, so a rotation never loses an act.
    case badSignature(author: AgencyID, detail: String)
    /// Authorised by role and district, but outside the origin's scope on the receiver's records
    /// (``MessageApplier/scopeRefusal(_:origin:role:body:)``). Consumed, like a role scope refusal.
    case outOfRecordedScope(String)

    public var reason: String {
        switch self {
        case let .malformed(error): error.reason
        case .unknownOrigin: "unknown-origin"
        case .revoked: "revoked"
        case .impersonation: "impersonation"
        case .misrouted: "misrouted"
        case .unauthorised(.outOfRole): "out-of-role"
        case .unauthorised(.outOfScope): "out-of-scope"
        case let .invalidBody(error): "body-\(error.reason)"
        case .inadmissible: "inadmissible"
        case .duplicateID: "duplicate-id"
        case .forgedRelay: "forged-relay"
        case .clockSkew: "clock-skew"
        case .badSignature: "bad-signature"
        case .outOfRecordedScope: "out-of-scope"
        }
    }

    /// Whether the input is held: rejected, never consumed, its stream waiting (docs/PROTOCOL.md §6.6).
    public var isHeld: Bool {
        switch self {
        case .inadmissible, .clockSkew, .badSignature: true
        default: false
        }
    }

    static func span(milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        if seconds >= 2 * 86400 { return "\(seconds / 86400) days" }
        if seconds >= 2 * 3600 { return "\(seconds / 3600) hours" }
        if seconds >= 120 { return "\(seconds / 60) minutes" }
        return "\(seconds) s"
    }

    public var description: String {
        switch self {
        case let .malformed(error): error.description
        case let .unknownOrigin(id): "origin '\(id)' is not on this bus's allow-list"
        case let .revoked(id): "'\(id)' was removed from the allow-list (revoked) by a reload; its messages are refused until it is listed again"
        case let .impersonation(claimed, authenticated):
            "message claims origin '\(claimed)' but the connection is authenticated as '\(authenticated)'"
        case let .misrouted(to): "message is addressed to '\(to)', not to this daemon"
        case let .unauthorised(refusal): refusal.description
        case let .invalidBody(error): "body: \(error.description)"
        case let .inadmissible(problem): problem
        case let .duplicateID(id): "message id \(id) was already applied under another seq"
        case let .forgedRelay(origin, author): "'\(origin)' sent an act authored by '\(author)'; only the hub relays acts"
        case let .clockSkew(author, ts, ahead, tolerance):
            "act stamped ts \(ts) is \(Rejection.span(milliseconds: ahead)) ahead of this daemon's clock (tolerance \(tolerance) s): "
                + "fix the clock of \(author), or this server's if it is the one behind (phoihop status shows each peer's skew); "
                + "the act is held, not dropped, and its stream waits until this daemon's clock "
                + "reaches the stamp less the tolerance, or bus.maxClockSkewSeconds is raised past the skew and this daemon restarted"
        case let .outOfRecordedScope(problem): problem
        case let .badSignature(author, detail):
            "\(detail); the stream waits. If '\(author)' rotated its signing key, add the new public key to its signingKeys here and reload"
        }
    }
}


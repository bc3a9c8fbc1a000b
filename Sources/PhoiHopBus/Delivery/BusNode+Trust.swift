public import PhoiHopProtocol
public import Sodium
import Logging
import ZeroMQ

/// What a reload changed in whom a node trusts (docs/SECURITY.md, "Reload").
public struct TrustUpdate: Sendable, Equatable {
    /// Peers newly admitted (at the hub: agencies added to the allow-list, or listed again).
    public var admitted: [AgencyID]
    /// Peers removed: from now on their messages are refused as `revoked`.
    public var revoked: [AgencyID]
    /// Authors whose listed signing keys changed.
    public var signersChanged: [AgencyID]
    /// Acts queued in handovers to agencies the hub had never served (``BusNode/handOverToNewcomers()``).
    public var handedOver: Int
}

/// Origins a reload removed from the peer directory, and when each was last logged.
struct Revocations {
    private var lastLogged: [AgencyID: ContinuousClock.Instant?] = [:]
    func contains(_ id: AgencyID) -> Bool { lastLogged[id] != nil }
    mutating func revoke(_ id: AgencyID) { lastLogged[id] = .some(nil) }
    mutating func readmit(_ id: AgencyID) { lastLogged[id] = nil }
    /// Whether a refusal of `id` is to be logged now: once per minute per origin, so a revoked
    /// agency that keeps sending does not fill the log.
    mutating func shouldLog(_ id: AgencyID) -> Bool {
        let now = ContinuousClock.now
        if case let .some(.some(last)) = lastLogged[id], now - last < .seconds(60) { return false }
        lastLogged[id] = .some(now)
        return true
    }
}

extension BusNode {
    /// Replaces whom this node exchanges streams with and the signing keys it checks, on the loop
    /// thread, between two drains of the subscriber: the next message is judged by the new lists.
    ///
    /// * A peer no longer listed is **revoked**: its messages (on connections it opened before,
    ///   which a ZAP change does not close) are refused as `revoked` — counted, logged once a
    ///   minute — and nothing more is sent on its stream. The stream stays in the outbox: if the
    ///   peer is listed again, what it had not acknowledged goes out again.
    /// * A peer newly listed gets a runtime entry, and (at the hub) a handover of what concerns it
    ///   if the hub never served it.
    /// * A held stream (a signature that did not verify with the old keys) flows at the sender's
    ///   next resend if the new keys verify it.
    @discardableResult
    public func updateTrust(peers newPeers: PeerDirectory, signers: [AgencyID: [SigningPublicKey]]) throws -> TrustUpdate {
        let old = Set(peers.ids), new = Set(newPeers.ids)
        let admitted = new.subtracting(old).sorted(), revoked = old.subtracting(new).sorted()
        let authors = Set(signers.keys).union(signing.signers.keys)
        let signersChanged = authors.filter { signers[$0] != signing.signers[$0] }.sorted()
        peers = newPeers
        signing = ActSigning(key: signing.key, signers: signers)
        for id in revoked { revocations.revoke(id) }
        for id in admitted {
            revocations.readmit(id)
            if runtime[id] == nil { runtime[id] = PeerRuntime() }
        }
        let before = counters.handedOver
        if !admitted.isEmpty { try handOverToNewcomers() }
        // What a re-admitted peer had not acknowledged goes out again once it is heard.
        for id in admitted where outbound[id] != nil { outbound[id]?.goBack(backoff: 1); sendPending(to: id) }
        return TrustUpdate(admitted: admitted, revoked: revoked, signersChanged: signersChanged,
                           handedOver: Int(counters.handedOver - before))
    }

    /// Refuses a message of a revoked origin: counted and persisted like any rejection, logged
    /// once a minute per origin.
    func rejectRevoked(_ origin: AgencyID, received: ReceivedMessage) {
        let rejection = Rejection.revoked(origin)
        noteRejection(reason: rejection.reason, detail: rejection.description, peer: received.peerAddress, origin: origin.rawValue)
        if revocations.shouldLog(origin) {
            logger.warning("rejected input from a revoked agency (logged once a minute)", metadata: [
                "reason": "\(rejection.reason)", "detail": "\(rejection.description)",
                "peer": "\(received.peerAddress ?? "?")", "origin": "\(origin)",
            ])
        }
    }

    /// The signing keys this node checks authors' signatures with.
    public var signers: [AgencyID: [SigningPublicKey]] { signing.signers }
    /// The peers this node exchanges streams with.
    public var peerDirectory: PeerDirectory { peers }
}

public import PhoiHopStore
import Foundation
import PhoiHopProtocol

/// Signed checkpoints of this daemon's hash-chained log (docs/AUDIT.md §3), signed with the
/// key it signs its acts with.
extension BusNode {
    /// Signs a checkpoint of the log as it is now when `force` or when one is due
    /// (``Checkpoints/due(_:now:everyEntries:everyMilliseconds:)``); nil when none was signed.
    public func signCheckpoint(force: Bool) throws -> Checkpoint? {
        let now = wallClockMilliseconds()
        if !force, try !database.read({ db in try Checkpoints.due(db, now: now) }) { return nil }
        return try database.write { db in try Checkpoints.sign(db, key: signing.key, signer: identity.rawValue, now: now) }
    }

    /// What the control command `checkpoint` answers: a checkpoint covering the log's last entry,
    /// signed now unless the latest one already covers it.
    public func checkpointNow() throws -> CheckpointReply {
        if let signed = try signCheckpoint(force: true) { return CheckpointReply(signedNow: true, checkpoint: .init(signed)) }
        return CheckpointReply(signedNow: false, checkpoint: try database.read { db in try Checkpoints.latest(db) }.map { .init($0) })
    }
}

import Foundation
import Logging
import PhoiHopBus
import PhoiHopStore

/// The log's signed checkpoints (docs/AUDIT.md §3): every ``Checkpoints/everyEntries`` entries
/// or ten minutes after an entry not yet covered, at a clean stop, and on the control command
/// `checkpoint` (`phoihop audit export --checkpoint-now`).
extension DaemonCore {
    static let checkpointCheckInterval: Duration = .seconds(5)

    /// A failure is logged, never fatal: the next look signs it.
    func signCheckpoint(force: Bool) {
        do {
            if let checkpoint = try node.signCheckpoint(force: force) {
                logger.info("log checkpoint signed", metadata: ["position": "\(checkpoint.position)", "entries": "\(checkpoint.entries)"])
            }
        } catch {
            // Tried every 5 s while the disk is full: logged at most once a minute.
            if checkpointWarnings.take() {
                logger.warning("could not sign a log checkpoint; the next one covers these entries", metadata: ["error": "\(error)"])
            }
        }
    }

    func checkpointCommand() throws -> [UInt8] {
        let reply = try node.checkpointNow()
        if reply.signedNow, let checkpoint = reply.checkpoint {
            logger.info("log checkpoint signed on request", metadata: ["position": "\(checkpoint.position)"])
        }
        return ControlServer.success(reply)
    }
}

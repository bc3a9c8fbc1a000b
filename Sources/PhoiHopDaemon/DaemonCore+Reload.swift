import Foundation
import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopSystemd
import ZeroMQ

/// Reload (SIGHUP, or the control command `reload`): the daemon reads its configuration file
/// again and applies, live, the parts that say whom it trusts (``DaemonConfig/applyingTrust(of:)``);
/// any other change is reported as needing a restart and not applied. An invalid file changes
/// nothing: the running configuration stays, and the error says what to fix.
extension DaemonCore {
    /// Runs a reload on the loop thread and logs its outcome.
    @discardableResult
    func reload(trigger: String) -> Result<ReloadResult, ReloadFailure> {
        notifySystemd(.reloading, .status("reloading \(config.file) (\(trigger))"))
        // Whatever the outcome, the daemon serves on: systemd hears READY again.
        defer { notifySystemd(.ready, .status(systemdStatus)) }
        let new: DaemonConfig
        do { new = try DaemonConfig.load(file: config.file) } catch {
            logger.error("reload refused: the configuration file is invalid; nothing was changed", metadata: [
                "trigger": "\(trigger)", "error": "\(error)",
            ])
            return .failure(ReloadFailure(description: "\(error); nothing was changed"))
        }
        if let refusal = config.reloadRefusal(new) {
            logger.error("reload refused; nothing was changed", metadata: ["trigger": "\(trigger)", "why": "\(refusal)"])
            return .failure(ReloadFailure(description: refusal))
        }
        let withdrawn = config.curveKeysWithdrawn(by: new)
        let rolesChanged = config.rolesChanged(by: new)
        let restart = config.restartRequired(comparedTo: new)
        let applied = config.applyingTrust(of: new)
        let levelChanged = config.logLevel != applied.logLevel
        // First, so the routing a newcomer's handover asks (forwardees) sees the new allow-list.
        config = applied
        if levelChanged, let level = Logger.Level(rawValue: applied.logLevel) { DaemonLogging.level.current = level }
        bus.gate?.update(applied.allowList)
        let update: TrustUpdate
        do {
            update = try node.updateTrust(peers: DaemonRole.peers(for: applied), signers: applied.signers)
        } catch {
            // Only the newcomers' handover writes; the lists are replaced before it.
            logger.error("reload: a handover to a newly admitted agency failed; it is retried at the hub's next start", metadata: [
                "error": "\(error)",
            ])
            return .failure(ReloadFailure(description: "the new lists are in force, but a handover failed: \(error)"))
        }
        var dropped = false
        if !withdrawn.isEmpty {
            // An established CURVE session survives a ZAP change: close them all, so every
            // agency's next handshake is judged by the new allow-list.
            do {
                try BusSockets.dropConnections(publisher: bus.publisher, subscriber: bus.subscriber, logger: logger)
                dropped = true
            } catch {
                logger.error("reload: could not drop the bus connections; a revoked key's open connection stays until it breaks, but its messages are refused", metadata: [
                    "error": "\(error)",
                ])
            }
        }
        let result = ReloadResult(
            agency: config.agency, admitted: update.admitted, revoked: update.revoked, keysWithdrawn: withdrawn,
            rolesChanged: rolesChanged, signersChanged: update.signersChanged, connectionsDropped: dropped,
            handedOver: update.handedOver, restartRequired: restart, logLevel: levelChanged ? applied.logLevel : nil)
        logger.notice("configuration reloaded", metadata: [
            "trigger": "\(trigger)", "admitted": "\(result.admitted.map(\.rawValue))", "revoked": "\(result.revoked.map(\.rawValue))",
            "curveKeysWithdrawn": "\(withdrawn.map(\.rawValue))", "rolesChanged": "\(rolesChanged.map(\.rawValue))",
            "signersChanged": "\(result.signersChanged.map(\.rawValue))", "connectionsDropped": "\(dropped)",
            "handedOver": "\(result.handedOver)", "logLevel": "\(config.logLevel)",
        ])
        if !restart.isEmpty {
            logger.warning("restart to apply: \(restart.joined(separator: ", ")) (a reload applies only the allow-list, signing keys, reports and log level)")
        }
        return .success(result)
    }

    func reloadReply(trigger: String) -> [UInt8] {
        switch reload(trigger: trigger) {
        case let .success(result): ControlServer.success(result)
        case let .failure(failure): ControlServer.error("reload: \(failure.description)")
        }
    }

    /// The bus counters, with the hub's refused handshakes under `refused-handshake`.
    var statusCounters: BusCounters {
        var counters = node.counters
        if let refused = bus.gate?.refused, refused > 0 { counters.rejected["refused-handshake"] = refused }
        return counters
    }
}

/// Why a reload changed nothing (or, for a failed handover, not everything).
struct ReloadFailure: Error, CustomStringConvertible {
    let description: String
}

/// A value confined to a socket loop's thread, carried across threads only to be used back on it.
///
/// @unchecked Sendable: ``value`` is read only through ``run(_:)``, which executes on the loop
/// thread, where the value was created and where every other use of it happens.
struct LoopConfined<Value>: @unchecked Sendable {
    private let value: Value
    let loop: SocketLoop
    init(_ value: Value, on loop: SocketLoop) {
        precondition(loop.inLoop)
        self.value = value; self.loop = loop
    }
    /// Runs `work` with the value on the loop thread, soon.
    func run(_ work: @escaping @Sendable (Value) -> Void) {
        let boxed = self
        loop.execute { work(boxed.value) }
    }
    /// Runs `work` with the value on the loop thread and returns its result.
    func submit<T: Sendable>(_ work: @escaping @Sendable (Value) throws -> T) async throws -> T {
        let boxed = self
        return try await loop.submit { try work(boxed.value) }
    }
}

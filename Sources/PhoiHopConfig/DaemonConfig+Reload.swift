public import PhoiHopProtocol
import Sodium
import ZeroMQ

/// What a reload (SIGHUP, or the control command `reload`) may change in a running daemon: the
/// parts of its configuration that say whom it trusts. Everything else is read at start only and
/// is reported as needing a restart (docs/SECURITY.md, "Reload").
///
/// * at the hub: the allow-list — agencies added or removed, their CURVE keys, roles and signing keys;
/// * at an agency: `bus.hubSigningKeys` and `signers`;
/// * at the hub, also `reports:` (issuer, numbering, schedule): read afresh by every report;
/// * everywhere, `logLevel`: the next log entry is filtered by the new level.
extension DaemonConfig {
    /// The settings that differ between this (running) configuration and `new` and that a reload
    /// does not apply, by their configuration key.
    public func restartRequired(comparedTo new: DaemonConfig) -> [String] {
        var keys: [String] = []
        func check(_ key: String, _ differs: Bool) { if differs { keys.append(key) } }
        check("stateDirectory", stateDirectory != new.stateDirectory)
        check("controlSocket", controlSocket != new.controlSocket)
        check("controlGroup", controlGroup != new.controlGroup)
        check("durability", durability != new.durability)
        check("bus.ingest", endpoints.ingest != new.endpoints.ingest)
        check("bus.publish", endpoints.publish != new.endpoints.publish)
        check("bus.secretKeyFile", keyPair.publicKey != new.keyPair.publicKey)
        check("bus.signingKeyFile", signingKey.publicKey != new.signingKey.publicKey)
        check("bus.hubPublicKey", hubPublicKey != new.hubPublicKey)
        check("bus.heartbeatMilliseconds", tuning.heartbeat != new.tuning.heartbeat)
        check("bus.resendMilliseconds", tuning.resendAfter != new.tuning.resendAfter)
        check("bus.window", tuning.window != new.tuning.window)
        check("bus.sendHighWaterMark", tuning.sendHighWaterMark != new.tuning.sendHighWaterMark)
        check("bus.receiveHighWaterMark", tuning.receiveHighWaterMark != new.tuning.receiveHighWaterMark)
        check("province/rules", rules != new.rules)
        check("PHOIHOP_TODAY", today != new.today)
        check("dashboard", dashboard != new.dashboard)
        return keys
    }

    /// Why `new` cannot be applied to this running daemon at all, or nil.
    public func reloadRefusal(_ new: DaemonConfig) -> String? {
        if new.agency != agency || new.role != role {
            return "the file now configures \(new.agency) (\(new.role.rawValue)), but this daemon is \(agency) (\(role.rawValue)); nothing was changed"
        }
        return nil
    }

    /// This configuration with the trust parts of `new` applied, the hub's `reports:` section
    /// (which trusts no one: it only says how reports are issued) and the log level, and nothing else.
    public func applyingTrust(of new: DaemonConfig) -> DaemonConfig {
        var result = self
        result.allowList = new.allowList
        result.hubSigningKeys = new.hubSigningKeys
        result.agencySigners = new.agencySigners
        result.reports = new.reports
        result.logLevel = new.logLevel
        return result
    }

    /// The agencies whose admitted CURVE key this reload removes (revoked, or rotated): their
    /// established connections must be dropped for the new allow-list to bind them.
    public func curveKeysWithdrawn(by new: DaemonConfig) -> [AgencyID] {
        let now = Dictionary(uniqueKeysWithValues: new.allowList.map { ($0.id, $0.curvePublicKey) })
        return allowList.filter { now[$0.id] != $0.curvePublicKey }.map(\.id)
    }

    /// Agencies whose role in the allow-list changes.
    public func rolesChanged(by new: DaemonConfig) -> [AgencyID] {
        let now = Dictionary(uniqueKeysWithValues: new.allowList.map { ($0.id, $0.role) })
        return allowList.filter { now[$0.id] != nil && now[$0.id] != $0.role }.map(\.id)
    }
}

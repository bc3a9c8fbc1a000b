import Foundation
import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopSystemd
import ZeroMQ

/// What the daemon tells systemd (docs/DEPLOYMENT.md, "What systemd sees"): `READY=1` once its
/// store is open and its sockets are bound (``DaemonService``), a one-line `STATUS=` every few
/// seconds, `RELOADING=1` … `READY=1` around a reload, `STOPPING=1` at shutdown, and
/// `WATCHDOG=1` from the socket loop itself, so a loop that is stuck — not only a process that is
/// gone — stops the pings and systemd restarts the daemon (`WatchdogSec=`).
///
/// Outside systemd none of this sends anything.
extension DaemonCore {
    static let systemdStatusInterval: Duration = .seconds(5)

    /// Schedules the pings and the status line on `loop` (from ``start(on:config:role:logger:)``,
    /// with the core's other timers).
    func scheduleSystemdDuties(on loop: SocketLoop) {
        precondition(loop.inLoop)
        guard systemd.isEnabled else { return }
        if let watchdog = SystemdWatchdog(environment: ProcessInfo.processInfo.environment) {
            logger.info("systemd watchdog: pinging from the socket loop", metadata: [
                "timeout": "\(watchdog.timeout)", "every": "\(watchdog.pingInterval)",
            ])
            loop.schedule(every: watchdog.pingInterval) { [self] in notifySystemd(.watchdog) }
        }
        loop.schedule(every: Self.systemdStatusInterval) { [self] in notifySystemd(.status(systemdStatus)) }
    }

    /// One line for `systemctl status`: who this is, its peers, what waits.
    var systemdStatus: String {
        let peers = node.peerStatuses()
        let online = peers.filter(\.online).count
        let waiting = peers.map(\.outboundPending).reduce(0, +)
        var line = "\(config.agency) (\(config.role.rawValue)): \(online) of \(peers.count) peers online, "
            + "\(waiting) acts awaiting acknowledgement, \(node.counters.applied) applied since start"
        if node.storeWriteFailure != nil { line += "; THE STORE REFUSES WRITES (see the journal)" }
        return line
    }

    /// Sends, logging a failure at most once a minute (systemd gone is not fatal to the daemon).
    func notifySystemd(_ states: SystemdNotifier.State...) {
        do { try systemd.notify(states) } catch {
            if systemdWarnings.take() {
                logger.warning("could not notify systemd", metadata: ["error": "\(error)"])
            }
        }
    }
}

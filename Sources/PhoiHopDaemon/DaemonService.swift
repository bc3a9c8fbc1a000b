public import Logging
public import PhoiHopConfig
public import ServiceLifecycle
import PhoiHopProtocol
import PhoiHopSystemd
import ZeroMQ
import UnixSignals

/// A daemon as a swift-service-lifecycle service: starts the socket loop and the core on it,
/// then runs until graceful shutdown stops the loop. Every act already acknowledged to an
/// officer is in the database, so stopping at any point loses nothing.
public struct DaemonService: Service {
    let config: DaemonConfig
    let role: DaemonRole
    let logger: Logger
    /// What companion services (the hub's dashboard) read the daemon through, once it is up.
    public let readings: DaemonReadings

    public init(config: DaemonConfig, role: DaemonRole, logger: Logger, readings: DaemonReadings = DaemonReadings()) {
        self.config = config; self.role = role; self.logger = logger; self.readings = readings
    }

    public func run() async throws {
        // SIGHUP is trapped before the control channel answers: a reload signal never kills the
        // daemon (its default action), and one sent before the core is up is not lost.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let loop = try SocketLoop(name: "phoihop-\(config.agency)")
        let (config, role, logger) = (self.config, self.role, self.logger)
        let core: LoopConfined<DaemonCore>
        do {
            core = try await loop.submit { LoopConfined(try DaemonCore.start(on: loop, config: config, role: role, logger: logger), on: loop) }
        } catch {
            loop.stop()
            await loop.waitUntilStopped()
            throw error
        }
        readings.attach(core)
        defer { readings.detach() }
        logger.info("ready", metadata: [
            "agency": "\(config.agency)", "role": "\(config.role.rawValue)", "control": "\(config.controlSocket)",
            "ingest": "\(config.endpoints.ingest)", "publish": "\(config.endpoints.publish)",
        ])
        // Store open, sockets bound, control channel answering: for Type=notify the unit is
        // active from here, not from the fork.
        core.run { $0.notifySystemd(.ready, .watchdog, .status($0.systemdStatus)) }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in hangups.cancelOnGracefulShutdown() {
                        core.run { $0.reload(trigger: "SIGHUP") }
                    }
                }
                await loop.waitUntilStopped()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            logger.info("graceful shutdown requested")
            loop.stop()
        }
        logger.info("stopped")
    }
}

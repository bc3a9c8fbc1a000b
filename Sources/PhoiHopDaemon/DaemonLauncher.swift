public import PhoiHopConfig
import Foundation
import Logging
import PhoiHopProtocol
import ServiceLifecycle
import UnixSignals

/// What the daemon executables share: load and check the configuration, set up logging, run
/// the service until SIGTERM or SIGINT (or, with `PHOIHOP_EXIT_WITH_PARENT=1`, until the process
/// that started it exits: ``ParentWatch``). Returns the process exit code.
public enum DaemonLauncher {
    /// - Parameters:
    ///   - checkOnly: validate the configuration, print a summary and exit (for `ExecStartPre=`).
    public static func run(configFile: String, checkOnly: Bool, expectHub: Bool,
                           role makeRole: (DaemonConfig) -> DaemonRole) async -> Int32 {
        // First, before anything can take time: the parent whose exit stops the daemon.
        let parent = getppid()
        let config: DaemonConfig
        do { config = try DaemonConfig.load(file: configFile) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 78 // EX_CONFIG
        }
        if expectHub != (config.role == .hub) {
            let wanted = expectHub ? "phoihop-agency" : "phoihop-hub"
            FileHandle.standardError.write(Data("error: configuration \(configFile) is for role '\(config.role.rawValue)'; start it with \(wanted)\n".utf8))
            return 78
        }
        if checkOnly {
            print("configuration \(configFile) is valid: \(config.agency) (\(config.role.rawValue)), \(config.rules.districts.count) districts, \(config.allowList.count) agencies allowed")
            return 0
        }
        do {
            // 0750: the database and its log are the daemon's; officers use the control channel.
            try FileManager.default.createDirectory(atPath: config.stateDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            FileHandle.standardError.write(Data("error: cannot create state directory \(config.stateDirectory): \(error.localizedDescription)\n".utf8))
            return 73 // EX_CANTCREAT
        }
        DaemonLogging.bootstrap(level: Logger.Level(rawValue: config.logLevel) ?? .info, identifier: expectHub ? "phoihop-hub" : "phoihop-agency")
        var logger = Logger(label: "phoihop.\(config.agency)")
        logger[metadataKey: "agency"] = "\(config.agency)"
        if let mode = (try? FileManager.default.attributesOfItem(atPath: config.stateDirectory))?[.posixPermissions] as? Int,
           mode & 0o007 != 0 {
            logger.warning("the state directory is open to every user of this machine; its database holds every record: run 'chmod 750 \(config.stateDirectory)' (docs/SECURITY.md)", metadata: [
                "mode": "\(String(mode, radix: 8))",
            ])
        }
        let role = makeRole(config)
        let service = DaemonService(config: config, role: role, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: service)]
        do {
            // After the daemon, so a graceful shutdown stops them first (the group stops in reverse).
            services += try role.companions(config, service.readings, logger).map { .init(service: $0) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 78
        }
        if config.exitWithParent {
            // Listed last, so a graceful shutdown stops it first; when it returns (the parent is
            // gone) the group shuts the daemon down gracefully, as on SIGTERM.
            services.append(.init(service: ParentWatch(parent: parent, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup))
            if parent == 1 {
                logger.warning("PHOIHOP_EXIT_WITH_PARENT=1, but this daemon's parent is already init (pid 1): it cannot tell when its starter exits and runs until SIGTERM")
            } else {
                logger.info("PHOIHOP_EXIT_WITH_PARENT=1: this daemon stops when the process that started it exits", metadata: ["parent": "\(parent)"])
            }
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
            return 0
        } catch {
            logger.critical("daemon failed", metadata: ["error": "\(error)"])
            return 1
        }
    }
}

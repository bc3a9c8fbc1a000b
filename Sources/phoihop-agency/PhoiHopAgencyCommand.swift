import ArgumentParser
import PhoiHopAgency
import PhoiHopDaemon
import PhoiHopMetrics

/// An agency daemon: Công an, Sở VH-TT-DL, Sở KH-ĐT or a district UBND, by its configuration.
@main
struct PhoiHopAgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phoihop-agency",
        abstract: "A PhoiHop agency daemon: keeps the agency's records and delivers its acts to the hub.",
        subcommands: [RebuildCommand.self])

    @Option(name: .shortAndLong, help: "The agency's configuration file, e.g. /etc/phoihop/agencies/district-ben-luc.yaml.")
    var config: String

    @Flag(help: "Check the configuration and exit.")
    var check = false

    func run() async throws {
        // Before anything is made that records: a metric made earlier stays swift-metrics' no-op.
        PhoiHopMetrics.bootstrap()
        let code = await DaemonLauncher.run(configFile: config, checkOnly: check, expectHub: false, role: DaemonRole.agency)
        if code != 0 { throw ExitCode(code) }
    }
}

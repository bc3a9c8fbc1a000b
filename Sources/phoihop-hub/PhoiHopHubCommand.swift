import ArgumentParser
import PhoiHopDaemon
import PhoiHopHub
import PhoiHopMetrics

/// The hub daemon of Sở TT&TT.
@main
struct PhoiHopHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phoihop-hub",
        abstract: "The PhoiHop hub daemon (Sở Thông tin và Truyền thông): receives every agency's acts, keeps the province's state, sends directives.",
        subcommands: [RebuildCommand.self])

    @Option(name: .shortAndLong, help: "The hub's configuration file.")
    var config = "/etc/phoihop/hub.yaml"

    @Flag(help: "Check the configuration and exit.")
    var check = false

    func run() async throws {
        // Before anything is made that records: a metric made earlier stays swift-metrics' no-op.
        PhoiHopMetrics.bootstrap()
        let code = await DaemonLauncher.run(configFile: config, checkOnly: check, expectHub: true, role: DaemonRole.hub)
        if code != 0 { throw ExitCode(code) }
    }
}

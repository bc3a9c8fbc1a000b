import ArgumentParser
import PhoiHopDaemon

/// `phoihop-hub rebuild`: replays the log into the aggregate tables of the stopped hub.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the hub's aggregate tables from its accepted-message log (the hub must be stopped).",
        usage: "phoihop-hub rebuild --config <config> [--verify]",
        discussion: "Takes the daemon's own --config (e.g. /etc/phoihop/hub.yaml). Exit 75 while the daemon runs; with --verify, exit 1 when the live tables differ from the rebuilt copy.")

    /// `--config` is the daemon's own option (it may follow `rebuild`): one configuration, one meaning.
    @ParentCommand var daemon: PhoiHopHubCommand

    @Flag(help: "Rebuild a copy and compare it with the live tables; change nothing. Exit 1 when they differ.")
    var verify = false

    func run() throws {
        let code = StoreMaintenance.rebuild(configFile: daemon.config, verify: verify, expectHub: true)
        if code != 0 { throw ExitCode(code) }
    }
}

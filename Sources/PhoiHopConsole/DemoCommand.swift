import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// `phoihop demo run`: drives a scripted month of a province's coordination through the real
/// daemons of a run directory made by `phoihop province init`, narrating each act, then waits
/// until the hub has applied every act and every directive is acknowledged.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Drive a scripted month of activity through a provisioned province.", subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a month of acts at every agency of DIR, then wait for the hub to hold them all.")
        @Option(help: "Run directory made by 'phoihop province init'.") var dir: String
        @Option(help: "Give up waiting for the hub after this many seconds.") var timeout = 120

        func run() throws {
            let scenario = try DemoScenario(directory: dir)
            try scenario.play()
            try scenario.awaitHub(timeout: TimeInterval(timeout))
            try scenario.awaitReminders(timeout: TimeInterval(timeout))
        }
    }
}

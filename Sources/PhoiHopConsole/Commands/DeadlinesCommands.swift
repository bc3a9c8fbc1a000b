import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadlines", abstract: "Các việc sắp đến hạn và quá hạn theo thời hạn luật định.", subcommands: [])
}

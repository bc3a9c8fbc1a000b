import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct ReportingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reporting", abstract: "Yêu cầu báo cáo và gửi báo cáo (Điều 3.5, 11.2).", subcommands: [])
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct GuidanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "guidance", abstract: "Văn bản hướng dẫn: ban hành, xác nhận đã nhận, theo dõi (Điều 7; Điều 2, 11.2).", subcommands: [])
}

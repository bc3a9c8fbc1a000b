import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct FireSafetyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fire-safety", abstract: "Phòng cháy, chữa cháy: hướng dẫn, kiểm tra (Công an, Điều 4.3).", subcommands: [])
}

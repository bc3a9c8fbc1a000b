import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct GameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "game", abstract: "Trò chơi trực tuyến có nội dung độc hại: phát hiện, kiến nghị liên ngành (Điều 5.2).", subcommands: [])
}

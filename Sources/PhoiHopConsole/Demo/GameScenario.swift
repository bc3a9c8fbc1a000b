import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Harmful online games: flag, joint proposal, concurrences, submission.
    func playGames() throws {

    }
}

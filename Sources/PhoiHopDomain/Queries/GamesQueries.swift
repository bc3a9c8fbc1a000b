import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let games: [ConsoleQuery] = []
}

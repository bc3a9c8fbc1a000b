import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let deadlines: [ConsoleQuery] = []
}

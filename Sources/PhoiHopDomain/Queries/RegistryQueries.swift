import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let registry: [ConsoleQuery] = []
}

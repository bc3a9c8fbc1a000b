import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let violations: [ConsoleQuery] = []
}

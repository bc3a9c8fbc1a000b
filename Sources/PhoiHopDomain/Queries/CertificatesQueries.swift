import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let certificates: [ConsoleQuery] = []
}

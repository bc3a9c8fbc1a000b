import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let reportRequests: [ConsoleQuery] = []
}

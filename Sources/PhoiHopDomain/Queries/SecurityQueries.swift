import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let security: [ConsoleQuery] = []
}

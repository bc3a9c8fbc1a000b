import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let outreach: [ConsoleQuery] = []
}

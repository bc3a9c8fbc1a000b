import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let guidance: [ConsoleQuery] = []
}

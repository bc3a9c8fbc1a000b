import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let complaints: [ConsoleQuery] = []
}

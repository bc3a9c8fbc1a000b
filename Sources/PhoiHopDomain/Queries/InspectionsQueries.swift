import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let inspections: [ConsoleQuery] = []
}

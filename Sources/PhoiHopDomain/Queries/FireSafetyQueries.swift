import PhoiHopConfig
import PhoiHopProtocol

extension ConsoleQueries {
    static let fireSafety: [ConsoleQuery] = []
}

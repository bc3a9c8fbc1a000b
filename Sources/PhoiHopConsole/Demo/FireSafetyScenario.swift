import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Fire prevention: Công an guidance and checks.
    func playFireSafety() throws {

    }
}

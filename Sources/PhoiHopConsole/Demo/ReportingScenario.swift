import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Report requests: the hub asks, the agencies answer from their own records.
    func playReporting() throws {

    }
}

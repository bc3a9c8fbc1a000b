import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Training, outreach, school programmes and funding.
    func playOutreach() throws {

    }
}

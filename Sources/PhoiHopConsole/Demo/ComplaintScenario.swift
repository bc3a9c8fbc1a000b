import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Complaints and denunciations through their deadlines.
    func playComplaints() throws {

    }
}

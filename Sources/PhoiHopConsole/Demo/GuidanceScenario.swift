import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Guidance: KH-ĐT and Sở TT&TT publish, the addressees acknowledge.
    func playGuidance() throws {

    }
}

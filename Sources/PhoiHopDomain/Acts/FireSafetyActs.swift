import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Fire prevention (Điều 4.3).

extension FireSafetyGuidance: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension FireSafetyChecked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

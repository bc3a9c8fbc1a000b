import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Guidance (Điều 7; Điều 2, 11.2).

extension GuidancePublished: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension GuidanceAcknowledged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

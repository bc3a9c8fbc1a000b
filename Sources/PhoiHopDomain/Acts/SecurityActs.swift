import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Information security (Điều 4.1–4.2).

extension IncidentReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension SecurityAdvisory: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

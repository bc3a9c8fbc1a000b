import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Report requests and answers (Điều 3.5, 11.2).

extension ReportRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ReportSubmitted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

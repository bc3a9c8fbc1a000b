import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Complaints and denunciations (Điều 3.6).

extension ComplaintReceived: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintAccepted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintRefused: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintAssigned: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintVerified: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintExtended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension ComplaintResolved: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension DeadlineReminded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

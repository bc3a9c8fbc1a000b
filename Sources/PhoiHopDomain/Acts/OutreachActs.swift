import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Training, outreach, schools, funding (Điều 3.4, 3.7, 6, 8, 9).

extension TrainingProposed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension OutreachReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension SchoolProgrammeReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension FundingRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension FundingAllocated: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

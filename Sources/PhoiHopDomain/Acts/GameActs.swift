import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Harmful online games (Điều 5.2).

extension GameFlagged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension GameProposalDrafted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension GameProposalConcurred: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension GameProposalSubmitted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

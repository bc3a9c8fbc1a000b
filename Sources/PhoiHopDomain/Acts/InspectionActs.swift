import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Inspections (Điều 3.3, 4.4, 5.1, 10.2): plan → confirm → findings per target → conclusion.

extension InspectionPlanned: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let known = Set(context.rules.agencies.map(\.id))
        let unknown = participants.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DomainError("participants not in the province file: \(unknown.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// An unannounced plan must reach only its participants: so must every plan.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [lead] + participants }
}

extension InspectionConfirmed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension InspectionRecorded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension InspectionConcluded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

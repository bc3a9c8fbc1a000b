import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Registry of businesses (Điều 10.1): a district registers, changes and closes the businesses of
// its territory; the registry is relayed to the provincial departments that inspect them.

extension BusinessRegistered: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) {
            throw DomainError("business \(businessID) is already registered (district \(existing))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension BusinessChanged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension BusinessClosed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {}
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

/// Who keeps a copy of the registry: the departments that inspect, sanction and guide.
enum RegistryRouting {
    static func departments(_ context: RoutingContext) -> [AgencyID] {
        context.agencies(of: .congAn, .vhttdl, .khdt)
    }
}

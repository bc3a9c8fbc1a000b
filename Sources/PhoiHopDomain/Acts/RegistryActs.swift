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
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard changedOn >= business.registeredOn else {
            throw DomainError("business \(businessID) was registered on \(business.registeredOn); a change on \(changedOn) comes before it")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension BusinessClosed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard closedOn >= business.registeredOn else {
            throw DomainError("business \(businessID) was registered on \(business.registeredOn); it cannot close on \(closedOn)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

/// Who keeps a copy of the registry: the departments that inspect, sanction and guide.
enum RegistryRouting {
    static func departments(_ context: RoutingContext) -> [AgencyID] {
        context.agencies(of: .congAn, .vhttdl, .khdt)
    }
}

/// The registry checks every act about a business of a district shares.
enum RegistryChecks {
    /// The business `id`, registered in `district` and not closed; else the refusal that says so.
    static func openBusiness(_ context: ActContext, _ id: String, of district: AgencyID) throws -> BusinessRecord {
        guard let business = try BusinessRecord.fetch(context.db, id: id) else {
            throw DomainError("business \(id) is not in \(context.agency)'s registry; register it first (phoihop business register)")
        }
        guard business.district == district.rawValue else {
            throw DomainError("business \(id) is registered in \(business.district), not \(district)")
        }
        if let closedOn = business.closedOn {
            throw DomainError("business \(id) was closed on \(closedOn) (\(business.closedReason ?? "")); a closed business takes no further acts")
        }
        return business
    }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Fire prevention (Điều 4.3): Công an guides the businesses through the districts and checks them.

extension FireSafetyGuidance: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let by = try String.fetchOne(context.db, sql: "SELECT issued_by FROM fire_safety_guidance WHERE guidance_id = ?",
                                        arguments: [guidanceID]) {
            throw DomainError("fire-safety guidance \(guidanceID) is already issued (by \(by)); choose another id")
        }
    }

    /// Every district passes it on to the businesses of its territory.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { context.rules.districts.map(\.id) }
}

extension FireSafetyChecked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let by = try String.fetchOne(context.db, sql: "SELECT checked_by FROM fire_safety_checks WHERE check_id = ?",
                                        arguments: [checkID]) {
            throw DomainError("fire-safety check \(checkID) is already recorded (by \(by)); choose another id")
        }
        guard let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) else {
            throw DomainError("business \(businessID) is not in \(context.agency)'s registry; check the id (the districts' registry reaches Công an through the hub)")
        }
        guard registered == district else {
            throw DomainError("business \(businessID) is registered in \(registered), not \(district)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [district] }
}

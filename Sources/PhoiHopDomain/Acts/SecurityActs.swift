import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Information security (Điều 4.1–4.2).

extension IncidentReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard occurredOn <= context.today else {
            throw DomainError("incident \(incidentID) cannot have occurred on \(occurredOn), after today (\(context.today))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT occurred_on, reported_by FROM incidents WHERE incident_id = ?",
                                           arguments: [incidentID]) {
            throw DomainError("incident \(incidentID) is already reported (occurred \(previous["occurred_on"] as String), reported by \(previous["reported_by"] as String)); use a new id")
        }
        // The affected business must be one the recorder knows: Công an holds the registry the hub relays to it.
        if let affectedBusinessID {
            guard let row = try Row.fetchOne(context.db, sql: "SELECT district FROM businesses WHERE business_id = ?", arguments: [affectedBusinessID]) else {
                throw DomainError("business \(affectedBusinessID) is not in the registry of \(context.agency); check the id (phoihop business list)")
            }
            let businessDistrict: String = row["district"]
            if let district, district.rawValue != businessDistrict {
                throw DomainError("business \(affectedBusinessID) is registered in \(businessDistrict), not in \(district)")
            }
        }
    }

    /// The district the incident happened in learns of it (Điều 4.4: Công an directs the district level).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        district.map { [$0] } ?? []
    }
}

extension SecurityAdvisory: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard issuedOn <= context.today else {
            throw DomainError("advisory \(advisoryID) cannot be issued on \(issuedOn), after today (\(context.today))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT issued_on, issued_by FROM advisories WHERE advisory_id = ?",
                                           arguments: [advisoryID]) {
            throw DomainError("advisory \(advisoryID) is already issued (\(previous["issued_on"] as String) by \(previous["issued_by"] as String)); use a new id")
        }
    }

    /// Every agency of the province file (Điều 4.1: solutions for information security concern all).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        context.rules.agencies.map(\.id)
    }
}

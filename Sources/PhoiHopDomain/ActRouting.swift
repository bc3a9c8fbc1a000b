public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol

/// What the hub knows when it decides whom an accepted act concerns.
public struct RoutingContext {
    public let db: Database
    /// The agency that recorded the act (the hub itself for its own acts).
    public let author: AgencyID
    public let rules: ProvinceRules

    public init(db: Database, author: AgencyID, rules: ProvinceRules) {
        self.db = db; self.author = author; self.rules = rules
    }

    /// The agencies of `roles` in the province file.
    public func agencies(of roles: Role...) -> [AgencyID] { roles.flatMap { rules.agencies(of: $0) } }
}

/// A body the hub passes on: its directives go to their addressees, and acts of one agency that
/// another must know of (a violation in a district, a plan's findings to its lead) are relayed.
/// Conformances live in `Acts/`, next to the type's checks; the projection has already applied
/// the act when this is asked, so the tables include it.
public protocol RoutedAct: CatalogBody {
    func recipients(_ context: RoutingContext) throws -> [AgencyID]
}

/// The hub's routing: whom an act recorded or accepted at the hub goes to.
public enum ActRouting {
    /// The recipients of `body`: never its author, never the hub, each at most once, in order.
    public static func recipients(_ context: RoutingContext, body: MessageBody) throws -> [AgencyID] {
        guard let act = body.value as? any RoutedAct else { return [] }
        var seen: Set<AgencyID> = [context.author, .hub]
        return try act.recipients(context).filter { seen.insert($0).inserted }
    }
}

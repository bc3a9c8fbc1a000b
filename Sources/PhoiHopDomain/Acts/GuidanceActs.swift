import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Guidance (Điều 7: KH-ĐT guides the districts on certificates; Điều 4.1: Công an on security;
// Điều 2, 11.2: Sở TT&TT on implementing the regulation). The hub relays a guidance to its
// addressees and each acknowledgement back to the publisher.

extension GuidancePublished: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let unknown = addressees.filter { context.rules.agency($0) == nil }
        guard unknown.isEmpty else {
            throw DomainError("addressees \(unknown.map(\.rawValue).joined(separator: ", ")) are not agencies of \(context.rules.province); see the province file")
        }
        guard !addressees.contains(context.agency) else {
            throw DomainError("\(context.agency) publishes guidance \(guidanceID) and cannot also be its addressee; remove it from the addressees")
        }
        if let existing = try GuidanceRecord.fetch(context.db, id: guidanceID) {
            throw DomainError("guidance id \(guidanceID) is already used (\(existing.documentRef), published by \(existing.publishedBy) on \(existing.issuedOn)); use a new id")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { addressees }
}

extension GuidanceAcknowledged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let guidance = try GuidanceRecord.fetch(context.db, id: guidanceID) else {
            throw DomainError(rule: context.rule(Self.messageType), "guidance \(guidanceID) has not reached \(context.agency); only an addressee that received it may acknowledge it")
        }
        guard let own = guidance.addressees.first(where: { $0.agency == context.agency.rawValue }) else {
            throw DomainError(rule: context.rule(Self.messageType), "\(context.agency) is not an addressee of guidance \(guidanceID) (\(guidance.documentRef)); its addressees are \(guidance.addressees.map(\.agency).joined(separator: ", "))")
        }
        if let acknowledged = own.acknowledgedOn {
            throw DomainError("\(context.agency) already acknowledged guidance \(guidanceID) on \(acknowledged)")
        }
        guard acknowledgedOn >= guidance.issuedOn else {
            throw DomainError("guidance \(guidanceID) was issued on \(guidance.issuedOn); it cannot be acknowledged on \(acknowledgedOn)")
        }
    }

    /// Back to the publisher (the hub already holds it).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try String.fetchOne(context.db, sql: "SELECT published_by FROM guidance WHERE guidance_id = ?", arguments: [guidanceID])
            .flatMap(AgencyID.init(rawValue:)).map { [$0] } ?? []
    }
}

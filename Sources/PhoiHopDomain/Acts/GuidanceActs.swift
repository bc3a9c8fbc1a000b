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
            throw DomainError("đơn vị nhận \(unknown.map(\.rawValue).joined(separator: ", ")) không phải cơ quan, đơn vị của tỉnh \(context.rules.province); xem tệp danh mục tỉnh (province file)")
        }
        guard !addressees.contains(context.agency) else {
            throw DomainError("\(context.agency) ban hành văn bản hướng dẫn \(guidanceID) nên không thể đồng thời là đơn vị nhận; hãy bỏ \(context.agency) khỏi danh sách đơn vị nhận")
        }
        if let existing = try GuidanceRecord.fetch(context.db, id: guidanceID) {
            throw DomainError("mã văn bản hướng dẫn \(guidanceID) đã được dùng (\(existing.documentRef), do \(existing.publishedBy) ban hành ngày \(existing.issuedOn.vietnameseText)); hãy dùng mã khác")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { addressees }
}

extension GuidanceAcknowledged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let guidance = try GuidanceRecord.fetch(context.db, id: guidanceID) else {
            throw DomainError(rule: context.rule(Self.messageType), "văn bản hướng dẫn \(guidanceID) chưa được chuyển tới \(context.agency); chỉ đơn vị nhận đã nhận được văn bản mới xác nhận đã nhận")
        }
        guard let own = guidance.addressees.first(where: { $0.agency == context.agency.rawValue }) else {
            throw DomainError(rule: context.rule(Self.messageType), "\(context.agency) không phải đơn vị nhận văn bản hướng dẫn \(guidanceID) (\(guidance.documentRef)); đơn vị nhận: \(guidance.addressees.map(\.agency).joined(separator: ", "))")
        }
        if let acknowledged = own.acknowledgedOn {
            throw DomainError("\(context.agency) đã xác nhận đã nhận văn bản hướng dẫn \(guidanceID) ngày \(acknowledged.vietnameseText)")
        }
        guard acknowledgedOn >= guidance.issuedOn else {
            throw DomainError("văn bản hướng dẫn \(guidanceID) ban hành ngày \(guidance.issuedOn.vietnameseText); không thể xác nhận đã nhận ngày \(acknowledgedOn.vietnameseText), trước ngày ban hành")
        }
    }

    /// Back to the publisher (the hub already holds it).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try String.fetchOne(context.db, sql: "SELECT published_by FROM guidance WHERE guidance_id = ?", arguments: [guidanceID])
            .flatMap(AgencyID.init(rawValue:)).map { [$0] } ?? []
    }
}

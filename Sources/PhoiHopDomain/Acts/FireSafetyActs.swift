import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Fire prevention (Điều 4.3): Công an guides the businesses through the districts and checks them.

extension FireSafetyGuidance: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let by = try String.fetchOne(context.db, sql: "SELECT issued_by FROM fire_safety_guidance WHERE guidance_id = ?",
                                        arguments: [guidanceID]) {
            throw DomainError("hướng dẫn PCCC \(guidanceID) đã được ban hành (bởi \(by)); hãy chọn mã khác")
        }
    }

    /// Every district passes it on to the businesses of its territory.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { context.rules.districts.map(\.id) }
}

extension FireSafetyChecked: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let by = try String.fetchOne(context.db, sql: "SELECT checked_by FROM fire_safety_checks WHERE check_id = ?",
                                        arguments: [checkID]) {
            throw DomainError("lượt kiểm tra PCCC \(checkID) đã được ghi (bởi \(by)); hãy chọn mã khác")
        }
        guard let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) else {
            throw DomainError("điểm kinh doanh \(businessID) không có trong sổ đăng ký của \(context.agency); kiểm tra lại mã (sổ đăng ký của các huyện đến Công an qua Sở TT&TT)")
        }
        guard registered == district else {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký tại \(registered), không phải \(district)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [district] }
}

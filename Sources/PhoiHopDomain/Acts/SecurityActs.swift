import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Information security (Điều 4.1–4.2).

extension IncidentReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard occurredOn <= context.today else {
            throw DomainError("sự cố \(incidentID) không thể xảy ra ngày \(occurredOn.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT occurred_on, reported_by FROM incidents WHERE incident_id = ?",
                                           arguments: [incidentID]) {
            throw DomainError("sự cố \(incidentID) đã được báo cáo (xảy ra ngày \(VietnameseFormat.day(previous["occurred_on"])), do \(previous["reported_by"] as String) báo cáo); hãy dùng mã sự cố khác")
        }
        // The affected business must be one the recorder knows: Công an holds the registry the hub relays to it.
        if let affectedBusinessID {
            guard let row = try Row.fetchOne(context.db, sql: "SELECT district FROM businesses WHERE business_id = ?", arguments: [affectedBusinessID]) else {
                throw DomainError("điểm kinh doanh \(affectedBusinessID) không có trong sổ đăng ký của \(context.agency); kiểm tra lại mã (phoihop business list)")
            }
            let businessDistrict: String = row["district"]
            if let district, district.rawValue != businessDistrict {
                throw DomainError("điểm kinh doanh \(affectedBusinessID) đăng ký trên địa bàn \(businessDistrict), không phải \(district)")
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
            throw DomainError("cảnh báo \(advisoryID) không thể phát hành ngày \(issuedOn.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT issued_on, issued_by FROM advisories WHERE advisory_id = ?",
                                           arguments: [advisoryID]) {
            throw DomainError("cảnh báo \(advisoryID) đã được phát hành (ngày \(VietnameseFormat.day(previous["issued_on"])), bởi \(previous["issued_by"] as String)); hãy dùng mã cảnh báo khác")
        }
    }

    /// Every agency of the province file (Điều 4.1: solutions for information security concern all).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        context.rules.agencies.map(\.id)
    }
}

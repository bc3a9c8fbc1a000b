import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Registry of businesses (Điều 10.1): a district registers, changes and closes the businesses of
// its territory; the registry is relayed to the provincial departments that inspect them.

extension BusinessRegistered: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) {
            throw DomainError("điểm kinh doanh \(businessID) đã có trong sổ quản lý (địa bàn \(existing)); hãy dùng mã khác")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension BusinessChanged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard changedOn >= business.registeredOn else {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký ngày \(business.registeredOn.vietnameseText); không thể ghi nhận thay đổi ngày \(changedOn.vietnameseText), trước ngày đăng ký")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { RegistryRouting.departments(context) }
}

extension BusinessClosed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let business = try RegistryChecks.openBusiness(context, businessID, of: district)
        guard closedOn >= business.registeredOn else {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký ngày \(business.registeredOn.vietnameseText); không thể chấm dứt hoạt động ngày \(closedOn.vietnameseText), trước ngày đăng ký")
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
            throw DomainError("điểm kinh doanh \(id) không có trong sổ quản lý của \(context.agency); hãy đăng ký trước (phoihop business register)")
        }
        guard business.district == district.rawValue else {
            throw DomainError("điểm kinh doanh \(id) đăng ký tại địa bàn \(business.district), không phải \(district)")
        }
        if let closedOn = business.closedOn {
            let reason = business.closedReason.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            throw DomainError("điểm kinh doanh \(id) đã chấm dứt hoạt động ngày \(closedOn.vietnameseText)\(reason); không ghi nhận thêm việc gì cho điểm đã chấm dứt")
        }
        return business
    }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Inspections (Điều 3.3, 4.4, 5.1, 10.2): plan → confirm → findings per target → conclusion.
//
// A plan travels only to its lead and participants (an unannounced plan must not warn anyone),
// so every later check runs against what the checking daemon holds of that plan.

extension InspectionPlanned: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let known = Set(context.rules.agencies.map(\.id))
        let unknown = participants.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DomainError("đơn vị tham gia không có trong danh mục tỉnh (province file): \(unknown.map(\.rawValue).joined(separator: ", "))")
        }
        if let existing = try InspectionRecords.plan(context.db, planID) {
            throw DomainError("kế hoạch kiểm tra \(planID) đã có (do \(existing.plannedBy ?? "?") lập); hãy chọn mã kế hoạch khác")
        }
        if context.role == .district, lead != context.agency {
            throw DomainError(rule: context.rule(Self.messageType),
                              "huyện chỉ lập kế hoạch kiểm tra do chính mình chủ trì; đặt đơn vị chủ trì là \(context.agency) (--lead), không phải \(lead)")
        }
        // Every daemon that may plan holds a registry: a district its own, Đội 814 the relayed one, the hub all.
        var unregistered: [String] = []
        var foreign: [String] = []
        for target in targets {
            guard let district = try ProvinceQueries.businessDistrict(context.db, businessID: target) else {
                unregistered.append(target); continue
            }
            if context.role == .district, district != context.agency { foreign.append("\(target) (\(district))") }
        }
        guard unregistered.isEmpty else {
            throw DomainError("điểm kinh doanh không có trong sổ đăng ký của \(context.agency): \(unregistered.joined(separator: ", ")); "
                + "điểm được kiểm tra phải là điểm kinh doanh đã được huyện sở tại đăng ký")
        }
        guard foreign.isEmpty else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "huyện chỉ kiểm tra điểm kinh doanh trên địa bàn của mình; không được kiểm tra \(foreign.joined(separator: ", "))")
        }
    }

    /// An unannounced plan must reach only its participants: so must every plan.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [lead] + participants }
}

extension InspectionConfirmed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let plan = try InspectionRecords.requirePlan(context, planID)
        guard plan.participants.contains(context.agency) else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "\(context.agency) không tham gia kế hoạch \(planID) (đơn vị tham gia: \(plan.participants.map(\.rawValue).joined(separator: ", ")))")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("kế hoạch \(planID) đã có kết luận kiểm tra ngày \(VietnameseFormat.day(concluded)); không thể xác nhận tham gia nữa")
        }
        if let confirmed = try String.fetchOne(
            context.db, sql: "SELECT confirmed_on FROM inspection_confirmations WHERE plan_id = ? AND agency = ?",
            arguments: [planID, context.agency.rawValue]) {
            throw DomainError("\(context.agency) đã xác nhận tham gia kế hoạch \(planID) ngày \(VietnameseFormat.day(confirmed))")
        }
    }

    /// The lead organises the team, so it learns who confirmed (the hub sees everything anyway).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try InspectionRecords.plan(context.db, planID).map { [$0.lead] } ?? []
    }
}

extension InspectionRecorded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try String.fetchOne(
            context.db, sql: "SELECT recorded_by FROM inspections WHERE inspection_id = ?", arguments: [inspectionID]) {
            throw DomainError("lượt kiểm tra \(inspectionID) đã được ghi (bởi \(existing)); hãy chọn mã khác")
        }
        if let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID), registered != district {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký tại \(registered), không phải \(district)")
        }
        guard let planID else {
            // An independent inspection: the recorder must know the business (every head holds a registry).
            guard try ProvinceQueries.businessDistrict(context.db, businessID: businessID) != nil else {
                throw DomainError("điểm kinh doanh \(businessID) không có trong sổ đăng ký của \(context.agency); kiểm tra lại mã")
            }
            return
        }
        let plan = try InspectionRecords.requirePlan(context, planID)
        guard plan.participants.contains(context.agency) else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "\(context.agency) không tham gia kế hoạch \(planID); chỉ đơn vị tham gia mới ghi kết quả kiểm tra của kế hoạch")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("kế hoạch \(planID) đã có kết luận kiểm tra ngày \(VietnameseFormat.day(concluded)); không ghi thêm kết quả kiểm tra")
        }
        guard plan.targets.contains(businessID) else {
            throw DomainError("điểm kinh doanh \(businessID) không thuộc kế hoạch \(planID) (các điểm: \(plan.targets.joined(separator: ", "))); "
                + "hãy ghi như một lượt kiểm tra độc lập, không có --plan")
        }
        guard plan.startsOn <= conductedOn.description, conductedOn.description <= plan.endsOn else {
            throw DomainError("kế hoạch \(planID) thực hiện từ \(VietnameseFormat.day(plan.startsOn)) đến \(VietnameseFormat.day(plan.endsOn)); ngày \(conductedOn.vietnameseText) nằm ngoài thời gian này")
        }
        guard kind.rawValue == plan.kind else {
            let planned = InspectionKind(rawValue: plan.kind)?.vietnameseName.lowercased() ?? plan.kind
            throw DomainError("kế hoạch \(planID) là kiểm tra \(planned); ghi lượt kiểm tra với --kind \(plan.kind), không phải \(kind.rawValue)")
        }
        if let earlier = try String.fetchOne(
            context.db, sql: "SELECT inspection_id FROM inspections WHERE plan_id = ? AND business_id = ? AND recorded_by = ?",
            arguments: [planID, businessID, context.agency.rawValue]) {
            throw DomainError("\(context.agency) đã ghi kết quả kiểm tra \(businessID) theo kế hoạch \(planID) (lượt kiểm tra \(earlier))")
        }
    }

    /// A plan's findings go to its lead, who concludes; an independent inspection to the district of the business.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        guard let planID else { return [district] }
        return try InspectionRecords.plan(context.db, planID).map { [$0.lead] } ?? []
    }
}

extension InspectionConcluded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let plan = try InspectionRecords.requirePlan(context, planID)
        guard plan.lead == context.agency else {
            throw DomainError(rule: context.rule(Self.messageType), "kế hoạch \(planID) do \(plan.lead) chủ trì; chỉ đơn vị chủ trì mới ra kết luận kiểm tra")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("kế hoạch \(planID) đã có kết luận kiểm tra ngày \(VietnameseFormat.day(concluded))")
        }
        guard concludedOn.description >= plan.startsOn else {
            throw DomainError("kế hoạch \(planID) bắt đầu ngày \(VietnameseFormat.day(plan.startsOn)); không thể kết luận ngày \(concludedOn.vietnameseText)")
        }
        let missing = try InspectionRecords.targetsWithoutFinding(context.db, planID)
        if !missing.isEmpty, concludedOn.description <= plan.endsOn {
            throw DomainError("kế hoạch \(planID) chưa có kết quả kiểm tra tại \(missing.joined(separator: ", ")); "
                + "hãy ghi kết quả, hoặc kết luận sau ngày kết thúc kế hoạch (\(VietnameseFormat.day(plan.endsOn))) — các điểm còn thiếu sẽ được ghi lại")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try InspectionRecords.plan(context.db, planID).map { $0.participants } ?? []
    }
}

/// An inspection plan as a daemon holds it.
struct StoredPlan {
    var planID: String
    var kind: String
    var title: String
    var lead: AgencyID
    var participants: [AgencyID]
    var targets: [String]
    var startsOn: String
    var endsOn: String
    var plannedBy: String?
    var concludedOn: String?
    var conclusion: String?
}

enum InspectionRecords {
    static func plan(_ db: Database, _ planID: String) throws -> StoredPlan? {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM inspection_plans WHERE plan_id = ?", arguments: [planID]) else {
            return nil
        }
        return StoredPlan(row)
    }

    static func requirePlan(_ context: ActContext, _ planID: String) throws -> StoredPlan {
        guard let plan = try plan(context.db, planID) else {
            throw DomainError("kế hoạch kiểm tra \(planID) không có trong hồ sơ của \(context.agency); "
                + "kế hoạch chỉ gửi tới đơn vị chủ trì và đơn vị tham gia (kiểm tra lại mã, hoặc chờ Sở TT&TT chuyển tới)")
        }
        return plan
    }

    /// The plan's targets no participant has recorded a finding on, in the plan's order.
    static func targetsWithoutFinding(_ db: Database, _ planID: String) throws -> [String] {
        guard let plan = try plan(db, planID) else { return [] }
        let inspected = Set(try String.fetchAll(db, cached: "SELECT DISTINCT business_id FROM inspections WHERE plan_id = ?",
                                                arguments: [planID]))
        return plan.targets.filter { !inspected.contains($0) }
    }
}

extension StoredPlan {
    init(_ row: Row) {
        planID = row["plan_id"]; kind = row["kind"]; title = row["title"]
        lead = AgencyID(rawValue: row["lead"]) ?? .hub
        participants = (row["participants"] as String).splitColumnList.compactMap(AgencyID.init(rawValue:))
        targets = (row["targets"] as String).splitColumnList
        startsOn = row["starts_on"]; endsOn = row["ends_on"]; plannedBy = row["planned_by"]
        concludedOn = row["concluded_on"]; conclusion = row["conclusion"]
    }
}

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
            throw DomainError("participants not in the province file: \(unknown.map(\.rawValue).joined(separator: ", "))")
        }
        if let existing = try InspectionRecords.plan(context.db, planID) {
            throw DomainError("inspection plan \(planID) already exists (planned by \(existing.plannedBy ?? "?")); choose another plan id")
        }
        if context.role == .district, lead != context.agency {
            throw DomainError(rule: context.rule(Self.messageType),
                              "a district plans only inspections it leads itself; set lead to \(context.agency), not \(lead)")
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
            throw DomainError("targets not in \(context.agency)'s registry: \(unregistered.joined(separator: ", ")); "
                + "a target must be a business its district has registered")
        }
        guard foreign.isEmpty else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "a district inspects only businesses of its own territory; not \(foreign.joined(separator: ", "))")
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
                              "\(context.agency) is not a participant of plan \(planID) (participants: \(plan.participants.map(\.rawValue).joined(separator: ", ")))")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("plan \(planID) was concluded on \(concluded); nothing more can be confirmed")
        }
        if let confirmed = try String.fetchOne(
            context.db, sql: "SELECT confirmed_on FROM inspection_confirmations WHERE plan_id = ? AND agency = ?",
            arguments: [planID, context.agency.rawValue]) {
            throw DomainError("\(context.agency) already confirmed plan \(planID) on \(confirmed)")
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
            throw DomainError("inspection \(inspectionID) is already recorded (by \(existing)); choose another id")
        }
        if let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID), registered != district {
            throw DomainError("business \(businessID) is registered in \(registered), not \(district)")
        }
        guard let planID else {
            // An independent inspection: the recorder must know the business (every head holds a registry).
            guard try ProvinceQueries.businessDistrict(context.db, businessID: businessID) != nil else {
                throw DomainError("business \(businessID) is not in \(context.agency)'s registry; check the id")
            }
            return
        }
        let plan = try InspectionRecords.requirePlan(context, planID)
        guard plan.participants.contains(context.agency) else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "\(context.agency) is not a participant of plan \(planID); only participants record its findings")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("plan \(planID) was concluded on \(concluded); its findings are closed")
        }
        guard plan.targets.contains(businessID) else {
            throw DomainError("business \(businessID) is not a target of plan \(planID) (targets: \(plan.targets.joined(separator: ", "))); "
                + "record it as an independent inspection without a plan id")
        }
        guard plan.startsOn <= conductedOn.description, conductedOn.description <= plan.endsOn else {
            throw DomainError("plan \(planID) runs \(plan.startsOn) to \(plan.endsOn); \(conductedOn) is outside it")
        }
        guard kind.rawValue == plan.kind else {
            throw DomainError("plan \(planID) is \(plan.kind); record the inspection with that kind, not \(kind.rawValue)")
        }
        if let earlier = try String.fetchOne(
            context.db, sql: "SELECT inspection_id FROM inspections WHERE plan_id = ? AND business_id = ? AND recorded_by = ?",
            arguments: [planID, businessID, context.agency.rawValue]) {
            throw DomainError("\(context.agency) already recorded its finding on \(businessID) for plan \(planID) (inspection \(earlier))")
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
            throw DomainError(rule: context.rule(Self.messageType), "plan \(planID) is led by \(plan.lead); only its lead concludes it")
        }
        if let concluded = plan.concludedOn {
            throw DomainError("plan \(planID) was already concluded on \(concluded)")
        }
        guard concludedOn.description >= plan.startsOn else {
            throw DomainError("plan \(planID) starts on \(plan.startsOn); it cannot be concluded on \(concludedOn)")
        }
        let missing = try InspectionRecords.targetsWithoutFinding(context.db, planID)
        if !missing.isEmpty, concludedOn.description <= plan.endsOn {
            throw DomainError("plan \(planID) has no finding yet for \(missing.joined(separator: ", ")); "
                + "record them, or conclude after the plan's end (\(plan.endsOn)) and the gaps stay listed")
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
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM inspection_plans WHERE plan_id = ?", arguments: [planID]) else {
            return nil
        }
        return StoredPlan(row)
    }

    static func requirePlan(_ context: ActContext, _ planID: String) throws -> StoredPlan {
        guard let plan = try plan(context.db, planID) else {
            throw DomainError("inspection plan \(planID) is not in \(context.agency)'s records; "
                + "only its lead and participants receive a plan (check the id, or wait for the hub's relay)")
        }
        return plan
    }

    /// The plan's targets no participant has recorded a finding on, in the plan's order.
    static func targetsWithoutFinding(_ db: Database, _ planID: String) throws -> [String] {
        guard let plan = try plan(db, planID) else { return [] }
        let inspected = Set(try String.fetchAll(db, sql: "SELECT DISTINCT business_id FROM inspections WHERE plan_id = ?",
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

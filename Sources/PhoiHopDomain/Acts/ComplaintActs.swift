import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Complaints and denunciations (Điều 3.6): any agency receives and forwards a case to the hub;
// the hub accepts or refuses it, assigns its verification, extends (denunciations) and resolves
// it. Each case act goes to every agency holding a copy of the case — who received it, the
// district it concerns, its assignee — so their copies follow the hub's.

extension ComplaintReceived: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try CaseRecord.fetch(context.db, caseID) {
            throw DomainError("case \(caseID) is already recorded (received \(existing.receivedOn) by \(existing.receivedBy)); use another case id")
        }
        guard receivedOn <= context.today else {
            throw DomainError("case \(caseID): receivedOn \(receivedOn) is after today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintAccepted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.awaitingAcceptance(context, caseID, verb: "accept")
        guard acceptedOn >= record.receivedOn, acceptedOn <= context.today else {
            throw DomainError("case \(caseID): acceptedOn \(acceptedOn) must be between its receipt (\(record.receivedOn)) and today (\(context.today))")
        }
        guard complexity != .especiallyComplex || record.kind == .denunciation else {
            throw DomainError("case \(caseID) is a complaint: 'especially-complex' applies to denunciations only (Luật Tố cáo 2018, Điều 30); rate it complex")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintRefused: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.awaitingAcceptance(context, caseID, verb: "refuse")
        guard refusedOn >= record.receivedOn, refusedOn <= context.today else {
            throw DomainError("case \(caseID): refusedOn \(refusedOn) must be between its receipt (\(record.receivedOn)) and today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintAssigned: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "assign")
        guard context.rules.agency(assignee) != nil else {
            throw DomainError("'\(assignee)' is not an agency of \(context.rules.province); assign the case to a department or district of the province file")
        }
        if let acceptedOn = record.acceptedOn, assignedOn < acceptedOn {
            throw DomainError("case \(caseID): assignedOn \(assignedOn) is before its acceptance (\(acceptedOn))")
        }
        if let received, received.kind != record.kind || received.receivedOn != record.receivedOn {
            throw DomainError("case \(caseID): the particulars carried do not match the case as received \(record.receivedOn)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        [assignee] + (try ComplaintRouting.parties(context.db, caseID))
    }
}

extension ComplaintVerified: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let record = try CaseRecord.fetch(context.db, caseID), record.assignee == context.agency else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "case \(caseID) is not assigned to \(context.agency) in its records; only the assignee reports the verification")
        }
        guard record.status == .accepted else { throw DomainError("case \(caseID) is \(record.stateText); there is nothing left to verify") }
        if let verifiedOn = record.verifiedOn {
            throw DomainError("case \(caseID): the verification was already reported on \(verifiedOn)")
        }
        if let assignedOn = record.assignedOn, verifiedOn < assignedOn || verifiedOn > context.today {
            throw DomainError("case \(caseID): verifiedOn \(verifiedOn) must be between the assignment (\(assignedOn)) and today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintExtended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "extend")
        guard record.kind == .denunciation else {
            throw DomainError("case \(caseID) is a complaint: a complaint's limit is not extended; it is set at acceptance by complexity and remote area (Luật Khiếu nại 2011, Điều 28, 37)")
        }
        let rule = context.rules.deadlines.rule("denunciation-extension")
        let complexity = record.complexity ?? .normal
        let allowed = CaseDeadlines.extensionsAllowed(kind: record.kind, complexity: complexity, rules: context.rules.deadlines)
        let previous = try CaseRecord.extensions(context.db, caseID)
        guard previous.count < allowed else {
            let done = previous.map { "\($0.decisionRef) of \($0.extendedOn)" }.joined(separator: ", ")
            throw DomainError("case \(caseID) (\(complexity.rawValue)) may be extended \(allowed) time(s) (\(rule.source)); already extended: \(done.isEmpty ? "none" : done)")
        }
        guard days <= rule.days("normal") else {
            throw DomainError("case \(caseID): an extension is at most \(rule.days("normal")) days (\(rule.source)); asked \(days)")
        }
        guard !previous.contains(where: { $0.decisionRef == decisionRef }) else {
            throw DomainError("case \(caseID) was already extended by decision \(decisionRef)")
        }
        if let acceptedOn = record.acceptedOn, extendedOn < acceptedOn || extendedOn > context.today {
            throw DomainError("case \(caseID): extendedOn \(extendedOn) must be between its acceptance (\(acceptedOn)) and today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintResolved: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "resolve")
        if let acceptedOn = record.acceptedOn, resolvedOn < acceptedOn || resolvedOn > context.today {
            throw DomainError("case \(caseID): resolvedOn \(resolvedOn) must be between its acceptance (\(acceptedOn)) and today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension DeadlineReminded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if try DeadlineBoard.wasReminded(context.db, subject, subjectID, state, dueOn: dueOn) {
            throw DomainError("\(subject.rawValue) \(subjectID) was already reminded as \(state.rawValue) for its deadline \(dueOn)")
        }
        guard context.rules.agency(responsible) != nil else {
            throw DomainError("'\(responsible)' is not an agency of \(context.rules.province)")
        }
    }

    /// The agency responsible; the hub keeps its own reminders (the board shows they were pushed).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [responsible] }
}

/// Who holds a copy of a case: who received it, the district it concerns, its assignee.
enum ComplaintRouting {
    static func parties(_ db: Database, _ caseID: String) throws -> [AgencyID] {
        guard let record = try CaseRecord.fetch(db, caseID) else { return [] }
        return [record.receivedBy, record.district, record.assignee].compactMap { $0 }
    }
}

/// The transitions of a case, with refusals that say where it stands.
enum ComplaintRules {
    static func find(_ context: ActContext, _ caseID: String) throws -> CaseRecord {
        guard let record = try CaseRecord.fetch(context.db, caseID) else {
            throw DomainError("case \(caseID) is not in the records of \(context.agency); record its receipt (complaint receive) first")
        }
        return record
    }

    /// A case the hub has received and neither accepted nor refused.
    static func awaitingAcceptance(_ context: ActContext, _ caseID: String, verb: String) throws -> CaseRecord {
        let record = try find(context, caseID)
        guard record.status == .received else {
            throw DomainError("cannot \(verb) case \(caseID): it is already \(record.stateText)")
        }
        return record
    }

    /// An accepted case not yet resolved.
    static func open(_ context: ActContext, _ caseID: String, verb: String) throws -> CaseRecord {
        let record = try find(context, caseID)
        switch record.status {
        case .accepted: return record
        case .received: throw DomainError("cannot \(verb) case \(caseID): it is not accepted yet (received \(record.receivedOn)); accept it first")
        case .refused, .resolved: throw DomainError("cannot \(verb) case \(caseID): it is \(record.stateText)")
        }
    }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Harmful online games (Điều 5.2): Sở VH-TT-DL leads, with Sở TT&TT and Công an tỉnh. Flags go
// to the three parties; the draft to its cosigners; each concurrence to the drafter; the
// submission to the cosigners — so each party's daemon holds what its next check needs.

/// A game proposal as the recording daemon holds it.
struct GameProposalRecord {
    var draftedBy: AgencyID
    var draftedOn: CivilDate
    var cosigners: [AgencyID]
    var submittedOn: String?
    var documentRef: String?

    static func fetch(_ db: Database, _ proposalID: String) throws -> GameProposalRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM game_proposals WHERE proposal_id = ?", arguments: [proposalID]) else {
            return nil
        }
        return GameProposalRecord(
            draftedBy: AgencyID(rawValue: row["drafted_by"])!, draftedOn: try CivilDate(parsing: row["drafted_on"] as String),
            cosigners: (row["cosigners"] as String).splitColumnList.compactMap(AgencyID.init(rawValue:)),
            submittedOn: row["submitted_on"], documentRef: row["document_ref"])
    }
}

extension GameFlagged: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard flaggedOn <= context.today else {
            throw DomainError("game \(gameID) cannot be flagged on \(flaggedOn), after today (\(context.today))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT flagged_on, flagged_by FROM games WHERE game_id = ?", arguments: [gameID]) {
            throw DomainError("game \(gameID) is already flagged (\(previous["flagged_on"] as String) by \(previous["flagged_by"] as String))")
        }
    }

    /// The other parties of Điều 5.2: VH-TT-DL and Công an (the hub holds it already).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        context.agencies(of: .vhttdl, .congAn)
    }
}

extension GameProposalDrafted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard draftedOn <= context.today else {
            throw DomainError("proposal \(proposalID) cannot be drafted on \(draftedOn), after today (\(context.today))")
        }
        if try GameProposalRecord.fetch(context.db, proposalID) != nil {
            throw DomainError("game proposal \(proposalID) is already drafted; use a new id")
        }
        let known = try Set(String.fetchAll(context.db, sql: "SELECT game_id FROM games"))
        let unknown = gameIDs.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DomainError("games \(unknown.joined(separator: ", ")) are not flagged in the records of \(context.agency); flag them first (phoihop game flag)")
        }
        // Điều 5.2 names the parties: Sở TT&TT and Công an tỉnh must both cosign, and only they can concur (P33).
        let congAn = Set(context.rules.agencies(of: .congAn))
        let strangers = cosigners.filter { $0 != .hub && !congAn.contains($0) }
        guard strangers.isEmpty else {
            throw DomainError("cosigners \(strangers.map(\.rawValue).joined(separator: ", ")) are not parties of Điều 5.2; only \(AgencyID.hub) and Công an (\(congAn.map(\.rawValue).sorted().joined(separator: ", "))) cosign")
        }
        guard cosigners.contains(.hub) else {
            throw DomainError("the cosigners must include Sở TT&TT (\(AgencyID.hub)) (Điều 5.2)")
        }
        guard cosigners.contains(where: congAn.contains) else {
            throw DomainError("the cosigners must include Công an tỉnh (\(congAn.map(\.rawValue).sorted().joined(separator: ", "))) (Điều 5.2)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { cosigners }
}

extension GameProposalConcurred: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let proposal = try GameProposalRecord.fetch(context.db, proposalID) else {
            throw DomainError(rule: rule, "game proposal \(proposalID) is not in the records of \(context.agency); only its cosigners receive the draft")
        }
        guard proposal.cosigners.contains(context.agency) else {
            throw DomainError(rule: rule, "\(context.agency) is not a cosigner of game proposal \(proposalID) (cosigners: \(proposal.cosigners.map(\.rawValue).joined(separator: ", ")))")
        }
        if let submitted = proposal.submittedOn {
            throw DomainError("game proposal \(proposalID) was already submitted on \(submitted)")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT concurred_on, agrees FROM game_concurrences WHERE proposal_id = ? AND agency = ?",
                                           arguments: [proposalID, context.agency.rawValue]) {
            let position = (previous["agrees"] as Bool) ? "agreed" : "disagreed"
            throw DomainError("\(context.agency) already concurred with game proposal \(proposalID) (\(position) on \(previous["concurred_on"] as String))")
        }
        guard concurredOn >= proposal.draftedOn, concurredOn <= context.today else {
            throw DomainError("concurrence date \(concurredOn) must lie between the draft (\(proposal.draftedOn)) and today (\(context.today))")
        }
    }

    /// The drafter collects the concurrences before it submits.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try GameProposalRecord.fetch(context.db, proposalID).map { [$0.draftedBy] } ?? []
    }
}

extension GameProposalSubmitted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let proposal = try GameProposalRecord.fetch(context.db, proposalID) else {
            throw DomainError(rule: rule, "game proposal \(proposalID) is not in the records of \(context.agency)")
        }
        guard proposal.draftedBy == context.agency else {
            throw DomainError(rule: rule, "game proposal \(proposalID) was drafted by \(proposal.draftedBy); only the drafter submits it")
        }
        if let submitted = proposal.submittedOn {
            throw DomainError("game proposal \(proposalID) is already submitted (\(submitted), \(proposal.documentRef ?? ""))")
        }
        let rows = try Row.fetchAll(context.db, sql: "SELECT agency, agrees FROM game_concurrences WHERE proposal_id = ?", arguments: [proposalID])
        let positions = Dictionary(uniqueKeysWithValues: rows.map { ($0["agency"] as String, $0["agrees"] as Bool) })
        let pending = proposal.cosigners.filter { positions[$0.rawValue] == nil }.map(\.rawValue)
        let disagreeing = proposal.cosigners.filter { positions[$0.rawValue] == false }.map(\.rawValue)
        var problems: [String] = []
        if !pending.isEmpty { problems.append("not yet concurred: \(pending.joined(separator: ", "))") }
        if !disagreeing.isEmpty { problems.append("disagreed: \(disagreeing.joined(separator: ", "))") }
        guard problems.isEmpty else {
            throw DomainError("game proposal \(proposalID) cannot be submitted until every cosigner agrees — \(problems.joined(separator: "; "))")
        }
        guard submittedOn >= proposal.draftedOn, submittedOn <= context.today else {
            throw DomainError("submission date \(submittedOn) must lie between the draft (\(proposal.draftedOn)) and today (\(context.today))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try GameProposalRecord.fetch(context.db, proposalID)?.cosigners ?? []
    }
}

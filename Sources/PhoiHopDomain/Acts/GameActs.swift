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
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM game_proposals WHERE proposal_id = ?", arguments: [proposalID]) else {
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
            throw DomainError("trò chơi \(gameID) không thể được ghi nhận ngày \(flaggedOn.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT flagged_on, flagged_by FROM games WHERE game_id = ?", arguments: [gameID]) {
            throw DomainError("trò chơi \(gameID) đã được ghi nhận (ngày \(VietnameseFormat.day(previous["flagged_on"])), bởi \(previous["flagged_by"] as String))")
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
            throw DomainError("kiến nghị \(proposalID) không thể dự thảo ngày \(draftedOn.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))")
        }
        if try GameProposalRecord.fetch(context.db, proposalID) != nil {
            throw DomainError("kiến nghị \(proposalID) đã được dự thảo; hãy dùng mã kiến nghị khác")
        }
        let known = try Set(String.fetchAll(context.db, sql: "SELECT game_id FROM games"))
        let unknown = gameIDs.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DomainError("trò chơi \(unknown.joined(separator: ", ")) chưa được ghi nhận trong dữ liệu của \(context.agency); hãy ghi nhận trước (phoihop game flag)")
        }
        // Điều 5.2 names the parties: Sở TT&TT and Công an tỉnh must both cosign, and only they can concur (P33).
        let congAn = Set(context.rules.agencies(of: .congAn))
        let strangers = cosigners.filter { $0 != .hub && !congAn.contains($0) }
        guard strangers.isEmpty else {
            throw DomainError("\(strangers.map(\.rawValue).joined(separator: ", ")) không phải cơ quan phối hợp theo Điều 5.2; chỉ \(AgencyID.hub) và Công an tỉnh (\(congAn.map(\.rawValue).sorted().joined(separator: ", "))) là cơ quan cùng ký")
        }
        guard cosigners.contains(.hub) else {
            throw DomainError("cơ quan cùng ký phải có Sở TT&TT (\(AgencyID.hub)) (Điều 5.2)")
        }
        guard cosigners.contains(where: congAn.contains) else {
            throw DomainError("cơ quan cùng ký phải có Công an tỉnh (\(congAn.map(\.rawValue).sorted().joined(separator: ", "))) (Điều 5.2)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { cosigners }
}

extension GameProposalConcurred: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let proposal = try GameProposalRecord.fetch(context.db, proposalID) else {
            throw DomainError(rule: rule, "kiến nghị \(proposalID) không có trong dữ liệu của \(context.agency); chỉ cơ quan cùng ký nhận được dự thảo")
        }
        guard proposal.cosigners.contains(context.agency) else {
            throw DomainError(rule: rule, "\(context.agency) không phải cơ quan cùng ký kiến nghị \(proposalID) (cơ quan cùng ký: \(proposal.cosigners.map(\.rawValue).joined(separator: ", ")))")
        }
        if let submitted = proposal.submittedOn {
            throw DomainError("kiến nghị \(proposalID) đã được gửi Bộ ngày \(VietnameseFormat.day(submitted)); không thể cho ý kiến nữa")
        }
        if let previous = try Row.fetchOne(context.db, sql: "SELECT concurred_on, agrees FROM game_concurrences WHERE proposal_id = ? AND agency = ?",
                                           arguments: [proposalID, context.agency.rawValue]) {
            let position = (previous["agrees"] as Bool) ? "đồng ý" : "không đồng ý"
            throw DomainError("\(context.agency) đã cho ý kiến về kiến nghị \(proposalID) (\(position), ngày \(VietnameseFormat.day(previous["concurred_on"])))")
        }
        guard concurredOn >= proposal.draftedOn, concurredOn <= context.today else {
            throw DomainError("ngày cho ý kiến \(concurredOn.vietnameseText) phải từ ngày dự thảo (\(proposal.draftedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
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
            throw DomainError(rule: rule, "kiến nghị \(proposalID) không có trong dữ liệu của \(context.agency)")
        }
        guard proposal.draftedBy == context.agency else {
            throw DomainError(rule: rule, "kiến nghị \(proposalID) do \(proposal.draftedBy) dự thảo; chỉ cơ quan dự thảo được gửi")
        }
        if let submitted = proposal.submittedOn {
            throw DomainError("kiến nghị \(proposalID) đã được gửi (ngày \(VietnameseFormat.day(submitted)), \(proposal.documentRef ?? ""))")
        }
        let rows = try Row.fetchAll(context.db, sql: "SELECT agency, agrees FROM game_concurrences WHERE proposal_id = ?", arguments: [proposalID])
        let positions = Dictionary(uniqueKeysWithValues: rows.map { ($0["agency"] as String, $0["agrees"] as Bool) })
        let pending = proposal.cosigners.filter { positions[$0.rawValue] == nil }.map(\.rawValue)
        let disagreeing = proposal.cosigners.filter { positions[$0.rawValue] == false }.map(\.rawValue)
        var problems: [String] = []
        if !pending.isEmpty { problems.append("chưa có ý kiến: \(pending.joined(separator: ", "))") }
        if !disagreeing.isEmpty { problems.append("không đồng ý: \(disagreeing.joined(separator: ", "))") }
        guard problems.isEmpty else {
            throw DomainError("chưa thể gửi kiến nghị \(proposalID) khi chưa đủ ý kiến đồng ý của mọi cơ quan cùng ký — \(problems.joined(separator: "; "))")
        }
        guard submittedOn >= proposal.draftedOn, submittedOn <= context.today else {
            throw DomainError("ngày gửi \(submittedOn.vietnameseText) phải từ ngày dự thảo (\(proposal.draftedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        try GameProposalRecord.fetch(context.db, proposalID)?.cosigners ?? []
    }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// One online game flagged as harmful (Điều 5.2).
public struct GameRow: Codable, Sendable, Equatable {
    public var gameID: String
    public var name: String
    public var publisher: String?
    public var reasons: [String]
    public var reasonNames: [String]
    public var flaggedOn: String
    public var flaggedBy: String
    public var evidence: String
    /// The proposals naming this game.
    public var proposals: [String]
}

/// Where one cosigner stands on a proposal.
public struct CosignerPosition: Codable, Sendable, Equatable {
    public var agency: String
    /// "pending", "agrees" or "disagrees".
    public var position: String
    public var concurredOn: String?
    public var comment: String?
}

/// A joint proposal on harmful games with each cosigner's position.
public struct GameProposalRow: Codable, Sendable, Equatable {
    public var proposalID: String
    public var gameIDs: [String]
    public var draftedOn: String
    public var draftedBy: String
    public var measures: String
    public var cosigners: [CosignerPosition]
    /// "awaiting-concurrence", "disputed" (a cosigner disagreed), "ready" (all agree), "submitted".
    public var status: String
    public var submittedOn: String?
    public var documentRef: String?
}

extension ConsoleQueries {
    static let games: [ConsoleQuery] = [
        ConsoleQuery("game.list", "Trò chơi trực tuyến có nội dung độc hại đã phát hiện (--reason)") { context in
            let proposals = try GamesQueries.proposals(context.db)
            var rows = try Row.fetchAll(context.db, sql: "SELECT * FROM games ORDER BY flagged_on DESC, game_id").map { row in
                let reasons = (row["reasons"] as String).splitColumnList
                let id: String = row["game_id"]
                return GameRow(
                    gameID: id, name: row["name"], publisher: row["publisher"], reasons: reasons,
                    reasonNames: reasons.map { HarmfulReason(rawValue: $0)?.vietnameseName ?? $0 }, flaggedOn: row["flagged_on"],
                    flaggedBy: row["flagged_by"], evidence: row["evidence"],
                    proposals: proposals.filter { $0.gameIDs.contains(id) }.map(\.proposalID))
            }
            if let reason = context.parameters["reason"] { rows = rows.filter { $0.reasons.contains(reason) } }
            return rows
        },
        ConsoleQuery("game.proposals", "Kiến nghị liên ngành về trò chơi độc hại, ý kiến từng cơ quan (--status)") { context in
            let rows = try GamesQueries.proposals(context.db)
            guard let status = context.parameters["status"] else { return rows }
            return rows.filter { $0.status == status }
        },
        ConsoleQuery("game.proposal", "Một kiến nghị với ý kiến từng cơ quan (--proposal)") { context in
            let id = try context.required("proposal")
            guard let row = try GamesQueries.proposals(context.db).first(where: { $0.proposalID == id }) else {
                throw DomainError("kiến nghị \(id) không có trong dữ liệu của \(context.agency); xem danh sách: phoihop game proposals")
            }
            return row
        },
    ]
}

enum GamesQueries {
    static func proposals(_ db: Database) throws -> [GameProposalRow] {
        var positions: [String: [String: CosignerPosition]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM game_concurrences") {
            let agency: String = row["agency"]
            positions[row["proposal_id"], default: [:]][agency] = CosignerPosition(
                agency: agency, position: (row["agrees"] as Bool) ? "agrees" : "disagrees", concurredOn: row["concurred_on"],
                comment: row["comment"])
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM game_proposals ORDER BY drafted_on DESC, proposal_id").map { row in
            let id: String = row["proposal_id"]
            let cosigners = (row["cosigners"] as String).splitColumnList.map {
                positions[id]?[$0] ?? CosignerPosition(agency: $0, position: "pending", concurredOn: nil, comment: nil)
            }
            let submittedOn: String? = row["submitted_on"]
            let status = submittedOn != nil ? "submitted"
                : cosigners.contains { $0.position == "disagrees" } ? "disputed"
                : cosigners.allSatisfy { $0.position == "agrees" } ? "ready" : "awaiting-concurrence"
            return GameProposalRow(
                proposalID: id, gameIDs: (row["game_ids"] as String).splitColumnList, draftedOn: row["drafted_on"],
                draftedBy: row["drafted_by"], measures: row["measures"], cosigners: cosigners, status: status,
                submittedOn: submittedOn, documentRef: row["document_ref"])
        }
    }
}

public import GRDB
public import PhoiHopProtocol

// Harmful online games (Điều 5.2): flagged games, and the joint proposal VH-TT-DL drafts, its
// cosigners concur with and VH-TT-DL submits.

extension GameFlagged: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO games (game_id, name, publisher, reasons, flagged_on, evidence, flagged_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            binding: gameID, name, publisher, reasons.map(\.rawValue).joinedForColumn, flaggedOn.description, evidence, author.rawValue)
        try Projection.expectChange(db, position, "game \(gameID) was already flagged; the second flag by \(author) is not applied")
    }
}

extension GameProposalDrafted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO game_proposals (proposal_id, game_ids, drafted_on, measures, cosigners, drafted_by)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            binding: proposalID, gameIDs.joinedForColumn, draftedOn.description, measures,
                        cosigners.map(\.rawValue).joinedForColumn, author.rawValue)
        try Projection.expectChange(db, position, "game proposal \(proposalID) was already drafted; the second draft by \(author) is not applied")
        let known = try Set(String.fetchAll(db, cached: "SELECT game_id FROM games"))
        let unknown = gameIDs.filter { !known.contains($0) }
        if !unknown.isEmpty {
            try Projection.anomaly(db, position, "game proposal \(proposalID) names games never flagged here: \(unknown.joined(separator: ", "))")
        }
    }
}

extension GameProposalConcurred: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        guard let cosigners = try String.fetchOne(db, cached: "SELECT cosigners FROM game_proposals WHERE proposal_id = ?", binding: proposalID)
        else {
            return try Projection.anomaly(db, position, "concurrence of \(author) with unknown game proposal \(proposalID)")
        }
        guard cosigners.splitColumnList.contains(author.rawValue) else {
            return try Projection.anomaly(db, position, "\(author) concurred with game proposal \(proposalID) but is not one of its cosigners (\(cosigners))")
        }
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO game_concurrences (proposal_id, agency, concurred_on, agrees, comment)
                VALUES (?, ?, ?, ?, ?)
                """,
            binding: proposalID, author.rawValue, concurredOn.description, agrees, comment)
        try Projection.expectChange(db, position, "\(author) already concurred with game proposal \(proposalID); the second concurrence is not applied")
    }
}

extension GameProposalSubmitted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                UPDATE game_proposals SET submitted_on = ?, document_ref = ?
                WHERE proposal_id = ? AND submitted_on IS NULL
                """,
            binding: submittedOn.description, documentRef, proposalID)
        try Projection.expectChange(db, position, "submission of game proposal \(proposalID) by \(author): the proposal is unknown or already submitted")
    }
}

public import GRDB
import PhoiHopProtocol

/// The outreach and training figures of a window (Điều 3.4, 3.7, 8, 9): campaigns that ended in
/// the window (by `outreach.reported`'s last day) with the people they reached, by channel, and
/// training proposed in the window with its participants. Exact to the unit; both ends included.
public struct OutreachFigures: Sendable, Codable, Equatable {
    /// Campaigns by channel (``OutreachChannel`` raw values); only channels with a campaign.
    public var campaigns: [String: Int] = [:]
    /// People reached by those campaigns, by channel.
    public var reach: [String: Int] = [:]
    public var trainingProposals = 0
    /// Participants planned by those training proposals.
    public var trainingParticipants = 0

    public init(campaigns: [String: Int] = [:], reach: [String: Int] = [:], trainingProposals: Int = 0, trainingParticipants: Int = 0) {
        self.campaigns = campaigns; self.reach = reach; self.trainingProposals = trainingProposals; self.trainingParticipants = trainingParticipants
    }

    /// Every campaign, all channels together.
    public var totalCampaigns: Int { campaigns.values.reduce(0, +) }
    /// Everyone reached, all channels together.
    public var totalReach: Int { reach.values.reduce(0, +) }

    /// - Parameter scope: a district keeps the campaigns held in it and the training it proposed;
    ///   outreach concerns no business, so a kind leaves it alone.
    public static func compute(_ db: Database, window: ReportWindow, scope: ReportScope = .province) throws -> OutreachFigures {
        let w: StatementArguments = [window.from.description, window.to.description]
        var f = OutreachFigures()
        for row in try Row.fetchAll(db, sql: """
            SELECT channel, count(*) AS n, coalesce(sum(reach), 0) AS reach FROM outreach_campaigns
            WHERE to_on BETWEEN ?1 AND ?2 AND \(scope.condition(district: "district", business: nil)) GROUP BY channel
            """, arguments: w) {
            f.campaigns[row["channel"]] = row["n"]
            f.reach[row["channel"]] = row["reach"]
        }
        let training = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(participants), 0) AS participants FROM training_proposals
            WHERE proposed_on BETWEEN ?1 AND ?2 AND \(scope.condition(district: "proposed_by", business: nil))
            """, arguments: w)
        f.trainingProposals = training?["n"] ?? 0
        f.trainingParticipants = training?["participants"] ?? 0
        return f
    }
}

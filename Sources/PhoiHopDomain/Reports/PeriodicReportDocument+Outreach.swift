import PhoiHopProtocol
import PhoiHopReports

extension PeriodicReportDocument {
    /// The outreach and training section (Điều 3.4, 3.7, 8, 9): campaigns ended in the window and
    /// the people reached, by channel (the channels with a campaign in any of the three periods,
    /// in the catalog's order), and training proposed, each beside the period before and the same
    /// period last year. `periods` are this, before and last year's figures.
    static func outreachSection(_ periods: [ActivityFigures], caption: String) -> DocumentSection {
        let channels = OutreachChannel.allCases.filter { channel in periods.contains { $0.outreach.campaigns[channel.rawValue] != nil } }
        let lines: [(String, (ActivityFigures) -> Int)] =
            [("Đợt tuyên truyền, phổ biến kết thúc trong kỳ", { $0.outreach.totalCampaigns })]
            + channels.map { channel in ("Số lượt người được tiếp cận — \(channel.vietnameseName)", { $0.outreach.reach[channel.rawValue] ?? 0 }) }
            + [
                ("Tổng số lượt người được tiếp cận", { $0.outreach.totalReach }),
                ("Đề xuất đào tạo, bồi dưỡng", { $0.outreach.trainingProposals }),
                ("Số người dự kiến tham gia đào tạo, bồi dưỡng", { $0.outreach.trainingParticipants }),
            ]
        return DocumentSection(title: "Tuyên truyền, phổ biến, đào tạo, bồi dưỡng", blocks: [
            .table(comparison(caption, periods, lines)),
        ])
    }
}

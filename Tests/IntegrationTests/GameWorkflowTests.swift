import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// The joint proposal on harmful games (Điều 5.2) through real daemons: VH-TT-DL drafts, the hub
/// and Công an concur, VH-TT-DL submits.
@Suite(.serialized)
struct GameWorkflowTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func proposal(at agency: AgencyID, in province: Province) -> GameProposalRow? {
        try? province.query(agency, "game.proposal", ["proposal": "KN-1"], as: GameProposalRow.self)
    }

    @Test func vhttdlSubmitsTheProposalOnceTheHubAndCongAnConcur() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.vhttdl)
        try province.start(Self.congAn)

        try province.record(Self.vhttdl, MessageBody(GameFlagged(
            gameID: "G-1", name: "Chiến Loạn", publisher: "Công ty ABC", reasons: [.distortingHistory, .violence],
            flaggedOn: Self.date("2026-11-10"), evidence: "Nội dung xuyên tạc lịch sử")))
        try province.waitUntil("Công an holds the flagged game", timeout: 20) {
            try province.query(Self.congAn, "game.list", as: [GameRow].self).count == 1
        }
        let draft = try province.record(Self.vhttdl, MessageBody(GameProposalDrafted(
            proposalID: "KN-1", gameIDs: ["G-1"], draftedOn: Self.date("2026-11-12"), measures: "Đề nghị Bộ yêu cầu gỡ bỏ",
            cosigners: [.hub, Self.congAn])))
        #expect(draft.recipients == [.hub])

        // Not yet: no cosigner has concurred.
        do {
            try province.record(Self.vhttdl, MessageBody(GameProposalSubmitted(
                proposalID: "KN-1", submittedOn: Self.date("2026-11-13"), documentRef: "88/SVHTTDL-TTr")))
            Issue.record("submitted before any concurrence")
        } catch let error as ControlError {
            #expect(error.description.contains("chưa có ý kiến: so-tttt, cong-an"))
        }

        try province.waitUntil("the cosigners hold the draft", timeout: 20) {
            Self.proposal(at: Self.congAn, in: province) != nil && Self.proposal(at: .hub, in: province) != nil
        }
        try province.record(.hub, MessageBody(GameProposalConcurred(proposalID: "KN-1", concurredOn: Self.date("2026-11-14"), agrees: true)))
        try province.record(Self.congAn, MessageBody(GameProposalConcurred(
            proposalID: "KN-1", concurredOn: Self.date("2026-11-15"), agrees: true, comment: "Thống nhất")))
        try province.waitUntil("VH-TT-DL holds both concurrences", timeout: 20) {
            Self.proposal(at: Self.vhttdl, in: province)?.status == "ready"
        }
        try province.record(Self.vhttdl, MessageBody(GameProposalSubmitted(
            proposalID: "KN-1", submittedOn: Self.date("2026-11-18"), documentRef: "88/SVHTTDL-TTr")))
        try province.waitUntil("the hub and Công an see the proposal submitted", timeout: 20) {
            Self.proposal(at: .hub, in: province)?.status == "submitted" && Self.proposal(at: Self.congAn, in: province)?.status == "submitted"
        }
        let atHub = try #require(Self.proposal(at: .hub, in: province))
        #expect(atHub.documentRef == "88/SVHTTDL-TTr")
        #expect(atHub.cosigners.map { "\($0.agency) \($0.position)" } == ["so-tttt agrees", "cong-an agrees"])
    }
}

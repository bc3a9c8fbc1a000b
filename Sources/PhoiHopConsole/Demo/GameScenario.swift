import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

extension DemoScenario {
    /// Days 21–25, harmful online games (Điều 5.2): flag, joint proposal, concurrences, submission.
    func playGames() throws {
        print("Ngày 21: Sở VH-TT-DL và Công an tỉnh phát hiện trò chơi trực tuyến có nội dung độc hại")
        try record(Self.vhttdl, MessageBody(GameFlagged(
            gameID: "TC-2026-01", name: "Chiến Loạn Tam Quốc", publisher: "Công ty Trò chơi Ánh Sao", reasons: [.distortingHistory, .violence],
            flaggedOn: day(21), evidence: "Cốt truyện xuyên tạc lịch sử dân tộc; cảnh bạo lực chi tiết")), "ghi nhận trò chơi TC-2026-01")
        try record(Self.congAn, MessageBody(GameFlagged(
            gameID: "TC-2026-02", name: "Vương Quốc Đỏ Đen", reasons: [.gambling],
            flaggedOn: day(21), evidence: "Quy đổi vật phẩm ra tiền, tổ chức cá cược")), "ghi nhận trò chơi TC-2026-02")
        try awaitAgency(Self.vhttdl, "trò chơi do Công an tỉnh ghi nhận") {
            try queryAgency(Self.vhttdl, "game.list", as: [GameRow].self).count == 2
        }

        print("Ngày 22: Sở VH-TT-DL dự thảo kiến nghị gửi Bộ VH-TT-DL, lấy ý kiến Sở TT&TT và Công an")
        try record(Self.vhttdl, MessageBody(GameProposalDrafted(
            proposalID: "KN-2026-01", gameIDs: ["TC-2026-01", "TC-2026-02"], draftedOn: day(22),
            measures: "Đề nghị Bộ VH-TT-DL yêu cầu doanh nghiệp ngừng phát hành, chặn truy cập hai trò chơi",
            cosigners: [.hub, Self.congAn])), "dự thảo kiến nghị KN-2026-01")
        for cosigner in [AgencyID.hub, Self.congAn] {
            try awaitAgency(cosigner, "dự thảo kiến nghị KN-2026-01") {
                (try? queryAgency(cosigner, "game.proposal", ["proposal": "KN-2026-01"], as: GameProposalRow.self)) != nil
            }
        }
        print("Ngày 23–24: Sở TT&TT và Công an tỉnh cho ý kiến")
        try record(.hub, MessageBody(GameProposalConcurred(proposalID: "KN-2026-01", concurredOn: day(23), agrees: true,
                                                           comment: "Thống nhất nội dung kiến nghị")), "Sở TT&TT đồng ý")
        try record(Self.congAn, MessageBody(GameProposalConcurred(proposalID: "KN-2026-01", concurredOn: day(24), agrees: true,
                                                                 comment: "Đề nghị bổ sung biện pháp xử lý đại lý cho chơi")), "Công an đồng ý")
        try awaitAgency(Self.vhttdl, "ý kiến của hai cơ quan cùng ký") {
            try queryAgency(Self.vhttdl, "game.proposal", ["proposal": "KN-2026-01"], as: GameProposalRow.self).status == "ready"
        }
        print("Ngày 25: Sở VH-TT-DL gửi kiến nghị tới Bộ VH-TT-DL")
        try record(Self.vhttdl, MessageBody(GameProposalSubmitted(proposalID: "KN-2026-01", submittedOn: day(25), documentRef: "88/SVHTTDL-TTr")),
                   "gửi kiến nghị KN-2026-01 (88/SVHTTDL-TTr)")
    }
}

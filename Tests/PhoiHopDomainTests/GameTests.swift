import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// Harmful online games (Điều 5.2): VH-TT-DL leads, Sở TT&TT and Công an cosign.
struct GameTests {
    static let congAn = agency("cong-an")
    static let vhttdl = agency("vhttdl")

    static let flag = GameFlagged(gameID: "G-1", name: "Chiến Loạn", publisher: "ABC", reasons: [.violence, .distortingHistory],
                                  flaggedOn: date("2026-11-10"), evidence: "Cảnh bạo lực")
    static func draft(_ games: [String] = ["G-1"], cosigners: [AgencyID] = [.hub, congAn]) -> GameProposalDrafted {
        GameProposalDrafted(proposalID: "KN-1", gameIDs: games, draftedOn: date("2026-11-12"), measures: "Đề nghị chặn", cosigners: cosigners)
    }
    static func concur(_ agrees: Bool = true) -> GameProposalConcurred {
        GameProposalConcurred(proposalID: "KN-1", concurredOn: date("2026-11-14"), agrees: agrees, comment: agrees ? nil : "Chưa đủ chứng cứ")
    }
    static let submit = GameProposalSubmitted(proposalID: "KN-1", submittedOn: date("2026-11-18"), documentRef: "88/SVHTTDL-TTr")

    /// VH-TT-DL's daemon with the game flagged and the proposal drafted.
    static func drafted() throws -> DomainFixture {
        let vh = try DomainFixture("vhttdl", role: .vhttdl)
        try vh.record(flag)
        try vh.record(draft())
        return vh
    }

    @Test func aFlaggedGameGoesToTheOtherPartiesOfArticle5() throws {
        let vh = try DomainFixture("vhttdl", role: .vhttdl)
        #expect(try vh.record(Self.flag) == [Self.congAn])
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(try congAn.record(Self.flag) == [Self.vhttdl])
        let row = try vh.query("game.list", as: [GameRow].self)
        #expect(row.first?.reasons == ["violence", "distorting-history"])
    }

    @Test func aGameIsFlaggedOnce() throws {
        let vh = try DomainFixture("vhttdl", role: .vhttdl)
        try vh.record(Self.flag)
        #expect(throws: DomainError.self) { try vh.record(Self.flag) }
    }

    @Test func aDraftMayNameOnlyGamesInTheDraftersRecords() throws {
        let vh = try DomainFixture("vhttdl", role: .vhttdl)
        try vh.record(Self.flag)
        do {
            try vh.record(Self.draft(["G-1", "G-9"]))
            Issue.record("drafted a proposal on an unflagged game")
        } catch let error as DomainError {
            #expect(error.message.contains("G-9") && error.message.contains("chưa được ghi nhận"))
        }
    }

    @Test func theCosignersMustIncludeTheHubAndCongAnAndNoOneElse() throws {
        let vh = try DomainFixture("vhttdl", role: .vhttdl)
        try vh.record(Self.flag)
        #expect(throws: DomainError.self) { try vh.record(Self.draft(cosigners: [Self.congAn])) }
        #expect(throws: DomainError.self) { try vh.record(Self.draft(cosigners: [.hub])) }
        #expect(throws: DomainError.self) { try vh.record(Self.draft(cosigners: [.hub, Self.congAn, agency("khdt")])) }
        #expect(try vh.record(Self.draft()) == [Self.congAn])   // the hub holds every act already
    }

    @Test func aCosignerConcursOnceAndItsPositionGoesToTheDrafter() throws {
        let congAn = try DomainFixture("cong-an", role: .congAn)
        #expect(throws: DomainError.self) { try congAn.record(Self.concur()) }   // no draft in its records
        try congAn.receive(Self.flag, from: "vhttdl")
        try congAn.receive(Self.draft(), from: "vhttdl")
        #expect(try congAn.record(Self.concur()) == [Self.vhttdl])
        #expect(throws: DomainError.self) { try congAn.record(Self.concur(false)) }
    }

    @Test func anAgencyThatIsNotACosignerMayNotConcur() throws {
        let other = try DomainFixture("cong-an", role: .congAn)
        try other.receive(Self.draft(cosigners: [.hub]), from: "vhttdl")
        do {
            try other.record(Self.concur())
            Issue.record("a non-cosigner concurred")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P33"))
        }
    }

    @Test func submissionIsRefusedWhileACosignerHasNotConcurred() throws {
        let vh = try Self.drafted()
        try vh.receive(Self.concur(), from: "so-tttt")
        do {
            try vh.record(Self.submit)
            Issue.record("submitted without Công an's concurrence")
        } catch let error as DomainError {
            #expect(error.message.contains("chưa có ý kiến: cong-an") && error.message.contains("KN-1"))
        }
    }

    @Test func submissionIsRefusedWhenACosignerDisagreed() throws {
        let vh = try Self.drafted()
        try vh.receive(Self.concur(), from: "so-tttt")
        try vh.receive(Self.concur(false), from: "cong-an")
        do {
            try vh.record(Self.submit)
            Issue.record("submitted over a disagreement")
        } catch let error as DomainError {
            #expect(error.message.contains("không đồng ý: cong-an") && error.message.contains("KN-1"))
        }
        #expect(try vh.query("game.proposals", as: [GameProposalRow].self).first?.status == "disputed")
    }

    @Test func whenEveryCosignerAgreesTheDrafterSubmitsOnceAndTheCosignersLearnOfIt() throws {
        let vh = try Self.drafted()
        #expect(try vh.query("game.proposal", ["proposal": "KN-1"], as: GameProposalRow.self).status == "awaiting-concurrence")
        try vh.receive(Self.concur(), from: "so-tttt")
        try vh.receive(Self.concur(), from: "cong-an")
        #expect(try vh.query("game.proposal", ["proposal": "KN-1"], as: GameProposalRow.self).status == "ready")
        #expect(try vh.record(Self.submit) == [Self.congAn])
        #expect(throws: DomainError.self) { try vh.record(Self.submit) }
        let row = try vh.query("game.proposal", ["proposal": "KN-1"], as: GameProposalRow.self)
        #expect(row.status == "submitted" && row.documentRef == "88/SVHTTDL-TTr")
        #expect(row.cosigners.map(\.position) == ["agrees", "agrees"])
        #expect(try vh.query("game.list", as: [GameRow].self).first?.proposals == ["KN-1"])
    }

    @Test func onlyTheDrafterSubmits() throws {
        let other = try DomainFixture("vhttdl-2", role: .vhttdl)
        try other.receive(Self.draft(), from: "vhttdl")
        do {
            try other.record(Self.submit)
            Issue.record("a non-drafter submitted")
        } catch let error as DomainError {
            #expect(error.message.hasPrefix("quy tắc P34"))
        }
    }

    @Test func unplaceableTransitionsAreAnomaliesAtTheHub() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.concur(), from: "cong-an")            // unknown proposal
        try hub.receive(Self.draft(), from: "vhttdl")              // G-1 never flagged at the hub
        try hub.receive(Self.concur(), from: "khdt")               // not a cosigner
        try hub.receive(Self.submit, from: "vhttdl")
        try hub.receive(Self.submit, from: "vhttdl")               // already submitted
        #expect(try hub.anomalies().count == 4)
    }
}

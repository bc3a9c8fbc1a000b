import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct GameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "game", abstract: "Trò chơi trực tuyến có nội dung độc hại: phát hiện, kiến nghị liên ngành (Điều 5.2).",
        subcommands: [Flag.self, Draft.self, Concur.self, Submit.self, List.self, Proposals.self])

    static let positionNames = ["pending": "Chưa có ý kiến", "agrees": "Đồng ý", "disagrees": "Không đồng ý"]
    static let statusNames = [
        "awaiting-concurrence": "Chờ ý kiến", "disputed": "Có cơ quan không đồng ý", "ready": "Đủ ý kiến đồng ý", "submitted": "Đã gửi Bộ",
    ]

    struct Flag: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi nhận một trò chơi trực tuyến có nội dung độc hại.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã trò chơi.") var id: String
        @Option(help: "Tên trò chơi.") var name: String
        @Option(help: "Nhà phát hành.") var publisher: String?
        @Option(help: "Lý do (lặp lại được): distorting-history, anti-state, violence, obscenity, gambling, other.") var reason: [String] = []
        @Option(help: "Chứng cứ, mô tả nội dung độc hại.") var evidence: String
        @Option(help: "Ngày phát hiện YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            let reasons = try reason.map { text in
                guard let value = HarmfulReason(rawValue: text) else {
                    throw ValidationError("--reason: '\(text)' không phải một trong các lý do \(HarmfulReason.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            guard !reasons.isEmpty else { throw ValidationError("--reason: cần nêu ít nhất một lý do") }
            try recordAct(options, MessageBody(GameFlagged(
                gameID: id, name: name, publisher: publisher, reasons: reasons, flaggedOn: try dateOrDaemonToday(on, "--on", options),
                evidence: evidence)))
        }
    }

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sở VH-TT-DL dự thảo kiến nghị gửi Bộ VH-TT-DL, lấy ý kiến Sở TT&TT và Công an.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kiến nghị.") var proposal: String
        @Option(help: "Mã trò chơi (lặp lại được; phải đã được ghi nhận).") var game: [String] = []
        @Option(help: "Biện pháp kiến nghị.") var measures: String
        @Option(help: "Cơ quan cùng ký (lặp lại được; mặc định so-tttt và cong-an).") var cosigner: [String] = ["so-tttt", "cong-an"]
        @Option(help: "Ngày dự thảo YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(GameProposalDrafted(
                proposalID: proposal, gameIDs: game, draftedOn: try dateOrDaemonToday(on, "--on", options), measures: measures,
                cosigners: try cosigner.map { try agencyID($0, "--cosigner") })))
        }
    }

    struct Concur: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cho ý kiến (đồng ý hoặc không) về dự thảo kiến nghị.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kiến nghị.") var proposal: String
        @ArgumentParser.Flag(inversion: .prefixedNo, help: "--agree: đồng ý; --no-agree: không đồng ý (phải nêu lý do ở --comment).") var agree: Bool
        @Option(help: "Ý kiến.") var comment: String?
        @Option(help: "Ngày cho ý kiến YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(GameProposalConcurred(
                proposalID: proposal, concurredOn: try dateOrDaemonToday(on, "--on", options), agrees: agree, comment: comment)))
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Gửi kiến nghị tới Bộ VH-TT-DL khi mọi cơ quan cùng ký đã đồng ý.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kiến nghị.") var proposal: String
        @Option(help: "Số, ký hiệu công văn, ví dụ 88/SVHTTDL-TTr.") var document: String
        @Option(help: "Ngày gửi YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(GameProposalSubmitted(
                proposalID: proposal, submittedOn: try dateOrDaemonToday(on, "--on", options), documentRef: document)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các trò chơi độc hại đã ghi nhận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ lý do này.") var reason: String?

        func run() throws {
            let rows = try queryDaemon(options, "game.list", reason.map { ["reason": $0] } ?? [:], as: [GameRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có trò chơi nào được ghi nhận.") }
                var table = Table(["Mã", "Tên", "Nhà phát hành", "Lý do", "Ngày", "Ghi nhận bởi", "Kiến nghị"])
                for g in rows {
                    table.add([g.gameID, g.name, g.publisher ?? "—", g.reasonNames.joined(separator: ", "), g.flaggedOn, g.flaggedBy,
                               g.proposals.joined(separator: ", ")])
                }
                print(table.render())
            }
        }
    }

    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các kiến nghị và ý kiến của từng cơ quan cùng ký.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ trạng thái: awaiting-concurrence, disputed, ready, submitted.") var status: String?

        func run() throws {
            let rows = try queryDaemon(options, "game.proposals", status.map { ["status": $0] } ?? [:], as: [GameProposalRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có kiến nghị nào.") }
                for p in rows {
                    let sent = p.submittedOn.map { ", gửi ngày \($0) (\(p.documentRef ?? ""))" } ?? ""
                    print("Kiến nghị \(p.proposalID) — \(GameCommand.statusNames[p.status] ?? p.status)\(sent)")
                    print("  Dự thảo \(p.draftedOn) bởi \(p.draftedBy); trò chơi: \(p.gameIDs.joined(separator: ", "))")
                    print("  Biện pháp: \(p.measures)")
                    var table = Table(["Cơ quan cùng ký", "Ý kiến", "Ngày", "Ghi chú"])
                    for c in p.cosigners {
                        table.add([c.agency, GameCommand.positionNames[c.position] ?? c.position, c.concurredOn ?? "—", c.comment ?? ""])
                    }
                    print(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                }
            }
        }
    }
}

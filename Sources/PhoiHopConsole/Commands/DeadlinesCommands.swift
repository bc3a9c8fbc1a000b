import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

/// `phoihop deadlines`: the open items with a legal deadline and the reminders pushed.
struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "Các việc sắp đến hạn và quá hạn theo thời hạn luật định.",
        discussion: "Tại Sở TT&TT: toàn tỉnh (hoặc một cơ quan với --agency); tại cơ quan khác: các việc cơ quan mình phải làm và các lần được nhắc.")
    @OptionGroup var options: ControlOptions
    @Option(help: "Chỉ các việc của cơ quan này (chỉ tại Sở TT&TT).") var agency: String?
    @Option(help: "Chỉ tình trạng: on-time, due-soon, overdue.") var state: String?
    @Option(help: "Chỉ loại việc: case-acceptance, case-resolution, case-verification, certificate-application, report-request, guidance-acknowledgement.")
    var subject: String?

    func run() throws {
        var parameters: [String: String] = [:]
        if let agency { parameters["agency"] = try agencyID(agency, "--agency").rawValue }
        if let state { parameters["state"] = try choice(state, "--state", as: DeadlineStanding.self).rawValue }
        if let subject { parameters["subject"] = try choice(subject, "--subject", as: DeadlineSubject.self).rawValue }
        let board = try queryDaemon(options, "deadlines.board", parameters, as: DeadlineBoardView.self)
        options.emit(board) { print(DeadlineCommand.render(board)) }
    }

    /// The board as the officer reads it: the open items, then the reminders pushed.
    static func render(_ board: DeadlineBoardView, in language: ConsoleLanguage = .current) -> String {
        var lines = ["Theo dõi thời hạn ngày \(board.today.vietnameseText) — sắp đến hạn: trong \(board.dueSoonWorkingDays) ngày làm việc"]
        if board.items.isEmpty {
            lines.append("Không có việc nào đang chờ xử lý.")
        } else {
            var table = Table(["Việc", "Mã", "Nội dung", "Cơ quan", "Hạn", "Còn (ngày LV)", "Tình trạng", "Đã nhắc"], rightAligned: [5])
            for item in board.items {
                let reminded = item.lastReminder.map { "\($0.remindedOn.vietnameseText) (\(localized($0.state.vietnameseName, in: language).lowercased()))" } ?? ""
                table.add([item.subject.vietnameseName, item.subjectID, String(item.summary.prefix(40)), item.responsible.rawValue,
                           item.dueOn.vietnameseText + (item.calendarCovered ? "" : " *"), "\(item.daysLeft)",
                           item.standing.vietnameseName, reminded])
            }
            lines.append(table.render(in: language))
            if board.items.contains(where: { !$0.calendarCovered }) {
                lines.append("* lịch nghỉ chưa cập nhật (bảng ngày nghỉ chỉ có các năm \(board.coveredYears.lowerBound)–\(board.coveredYears.upperBound)): thời hạn có thể chưa tính ngày lễ.")
            }
        }
        guard !board.reminders.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("\nCác lần nhắc hạn (\(board.reminders.count))")
        var reminders = Table(["Ngày nhắc", "Việc", "Mã", "Cơ quan", "Hạn", "Tình trạng"])
        for r in board.reminders {
            reminders.add([r.remindedOn.vietnameseText, r.subject.vietnameseName, r.subjectID, r.responsible.rawValue,
                           r.dueOn.vietnameseText, r.state.vietnameseName])
        }
        lines.append(reminders.render(in: language))
        return lines.joined(separator: "\n")
    }
}

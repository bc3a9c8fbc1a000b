import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct ReportingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reporting", abstract: "Yêu cầu báo cáo và gửi báo cáo (Điều 3.5, 11.2).",
        subcommands: [Request.self, Draft.self, Answer.self, List.self, Status.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sở TT&TT yêu cầu các đơn vị báo cáo.",
            discussion: """
                Báo cáo định kỳ: --period monthly|quarterly|six-month|nine-month|annual --month YYYY-MM (tháng cuối kỳ); \
                kỳ số liệu và hạn nộp tính theo config/rules/report-periods.yaml. Báo cáo chuyên đề, đột xuất: --from, --to, --due.
                """)
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã yêu cầu.") var id: String
        @Option(help: "Loại: periodic, thematic, ad-hoc.") var kind = "periodic"
        @Option(help: "Kỳ báo cáo định kỳ: monthly, quarterly, six-month, nine-month, annual.") var period: String?
        @Option(help: "Tháng cuối kỳ YYYY-MM (báo cáo định kỳ).") var month: String?
        @Option(help: "Nội dung yêu cầu báo cáo.") var subject: String
        @Option(help: "Từ ngày YYYY-MM-DD (chuyên đề, đột xuất).") var from: String?
        @Option(help: "Đến ngày YYYY-MM-DD (chuyên đề, đột xuất).") var to: String?
        @Option(help: "Hạn nộp YYYY-MM-DD (định kỳ: mặc định theo quy định).") var due: String?
        @Option(help: "Đơn vị phải báo cáo (lặp lại được, hoặc cách nhau bằng dấu phẩy).") var addressee: [String] = []
        @Option(help: "Ngày yêu cầu YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let kind = ReportKind(rawValue: kind) else {
                throw ValidationError("--kind: '\(kind)' không phải một trong các loại \(ReportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let addressees = try addressee.flatMap { $0.split(separator: ",") }.map { try agencyID(String($0), "--addressee") }
            guard !addressees.isEmpty else { throw ValidationError("--addressee: cần nêu ít nhất một đơn vị phải báo cáo") }
            var periodFrom: CivilDate, periodTo: CivilDate, dueOn: CivilDate
            if kind == .periodic {
                guard let period, let month else { throw ValidationError("báo cáo định kỳ cần có --period và --month") }
                let computed = try queryDaemon(options, "reporting.period", ["kind": period, "month": month], as: ReportPeriodAnswer.self)
                periodFrom = computed.periodFrom; periodTo = computed.periodTo
                dueOn = due == nil ? computed.dueOn : try parseDate(due, "--due")
            } else {
                guard from != nil, to != nil, due != nil else { throw ValidationError("báo cáo \(kind.vietnameseName.lowercased()) (\(kind.rawValue)) cần có --from, --to và --due") }
                periodFrom = try parseDate(from, "--from"); periodTo = try parseDate(to, "--to"); dueOn = try parseDate(due, "--due")
            }
            if !options.json { print("Kỳ số liệu \(periodFrom.vietnameseText) – \(periodTo.vietnameseText), hạn nộp \(dueOn.vietnameseText)") }
            try recordAct(options, MessageBody(ReportRequested(
                requestID: id, kind: kind, subject: subject, periodFrom: periodFrom, periodTo: periodTo,
                requestedOn: try dateOrDaemonToday(on, "--on", options), dueOn: dueOn, addressees: addressees)))
        }
    }

    static func printFigures(_ figures: [ReportFigure]) {
        var table = Table(["Chỉ tiêu", "Số liệu", "Mã"], rightAligned: [1])
        for f in figures { table.add([f.label, "\(f.value)", f.key]) }
        print(table.render())
    }

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xem số liệu đơn vị tự tổng hợp cho một yêu cầu báo cáo (chưa gửi).",
            discussion: "Với --format, in báo cáo của đơn vị theo mẫu văn bản hành chính (Nghị định 30/2020/NĐ-CP); đã gửi thì in đúng số liệu đã gửi.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã yêu cầu báo cáo.") var request: String
        @Option(help: "In thành văn bản báo cáo: html, md, json, csv.") var format: String?
        @Option(help: "Ghi văn bản ra tệp (với csv: thư mục, mỗi bảng một tệp).") var out: String?
        @Option(help: "Ghi chú, kiến nghị đưa vào văn bản (khi chưa gửi).") var note: String?

        func validate() throws {
            if let format { try ReportOutput.validate(format: format, out: out) }
            else if out != nil || note != nil { throw ValidationError("--out và --note dùng cùng --format html|md|json|csv") }
        }

        func run() throws {
            if let format {
                let section = try queryDaemon(options, "reporting.section", ["request": request].merging(note.map { ["note": $0] } ?? [:]) { $1 },
                                              as: AgencyReportSection.self)
                return try ReportOutput.write(section, format: format, out: out)
            }
            let draft = try queryDaemon(options, "reporting.draft", ["request": request], as: ReportDraft.self)
            options.emit(draft) {
                let r = draft.request
                print("Báo cáo \(r.requestID): \(r.subject) — kỳ \(r.periodFrom.vietnameseText) – \(r.periodTo.vietnameseText), hạn nộp \(r.dueOn.vietnameseText)")
                if let submitted = draft.submittedOn { print("Đơn vị đã gửi báo cáo này ngày \(submitted.vietnameseText).") }
                ReportingCommand.printFigures(draft.figures)
            }
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tổng hợp số liệu từ dữ liệu của đơn vị và gửi báo cáo về Sở TT&TT.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã yêu cầu báo cáo.") var request: String
        @Option(help: "Ghi chú, giải trình kèm báo cáo.") var note: String?
        @Option(help: "Ngày gửi YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            let draft = try queryDaemon(options, "reporting.draft", ["request": request], as: ReportDraft.self)
            let submittedOn = try dateOrDaemonToday(on, "--on", options)
            if !options.json {
                print("Báo cáo \(draft.request.requestID): \(draft.request.subject) — kỳ \(draft.request.periodFrom.vietnameseText) – \(draft.request.periodTo.vietnameseText)")
                ReportingCommand.printFigures(draft.figures)
                if submittedOn > draft.request.dueOn {
                    print("Lưu ý: gửi muộn — hạn nộp là \(draft.request.dueOn.vietnameseText), gửi ngày \(submittedOn.vietnameseText).")
                }
            }
            try recordAct(options, MessageBody(ReportSubmitted(
                requestID: request, submittedOn: submittedOn, figures: draft.figures, note: note)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các yêu cầu báo cáo: đã nộp / tổng số, nộp muộn, quá hạn (tính đến hôm nay).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ loại: periodic, thematic, ad-hoc.") var kind: String?

        func run() throws {
            let rows = try queryDaemon(options, "reporting.list", kind.map { ["kind": $0] } ?? [:], as: [ReportRequestSummary].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có yêu cầu báo cáo nào.") }
                var table = Table(["Mã", "Loại", "Nội dung", "Kỳ số liệu", "Hạn nộp", "Đã nộp", "Nộp muộn", "Quá hạn"], rightAligned: [5, 6, 7])
                for s in rows {
                    let r = s.request
                    table.add([r.requestID, ReportKind(rawValue: r.kind)?.vietnameseName ?? r.kind, r.subject, "\(r.periodFrom.vietnameseText) – \(r.periodTo.vietnameseText)",
                               r.dueOn.vietnameseText, "\(s.answered)/\(s.total)", "\(s.answeredLate)", "\(s.overdue)"])
                }
                print(table.render())
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tình hình nộp một báo cáo: đơn vị nào đã nộp, khi nào, ai chậm.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã yêu cầu báo cáo.") var request: String
        @ArgumentParser.Flag(help: "In cả số liệu của từng đơn vị.") var figures = false

        func run() throws {
            let status = try queryDaemon(options, "reporting.status", ["request": request], as: ReportRequestStatus.self)
            options.emit(status) {
                let r = status.summary.request
                print("Báo cáo \(r.requestID): \(r.subject) — kỳ \(r.periodFrom.vietnameseText) – \(r.periodTo.vietnameseText), hạn nộp \(r.dueOn.vietnameseText)")
                print("Đã nộp \(status.summary.answered)/\(status.summary.total); nộp muộn \(status.summary.answeredLate); quá hạn chưa nộp \(status.summary.overdue)")
                var table = Table(["Đơn vị", "Tên", "Ngày nộp", "Tình trạng", "Số chỉ tiêu"], rightAligned: [4])
                for a in status.answers {
                    let state = a.submittedOn == nil ? (a.late ? "Quá hạn \(a.daysLate) ngày" : "Chưa nộp")
                        : (a.late ? "Nộp muộn \(a.daysLate) ngày" : "Đúng hạn")
                    table.add([a.agency, a.agencyName, a.submittedOn?.vietnameseText ?? "—", state, "\(a.figures.count)"])
                }
                print(table.render())
                if figures {
                    for a in status.answers where a.submittedOn != nil {
                        print("\n\(a.agencyName) (\(a.agency))\(a.note.map { " — \($0)" } ?? "")")
                        ReportingCommand.printFigures(a.figures)
                    }
                }
            }
        }
    }
}

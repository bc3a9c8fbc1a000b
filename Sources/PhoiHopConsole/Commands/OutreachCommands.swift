import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol


struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "Đề xuất đào tạo, bồi dưỡng (Điều 3.4).", subcommands: [Propose.self, List.self])

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đề xuất một khóa đào tạo, bồi dưỡng kỹ năng sử dụng Internet.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã đề xuất.") var id: String
        @Option(help: "Tên khóa đào tạo.") var title: String
        @Option(help: "Đối tượng.") var audience: String
        @Option(help: "Số học viên.") var participants: Int
        @Option(help: "Kinh phí dự kiến (đồng).") var cost: Int64?
        @Option(help: "Ngày đề xuất YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(TrainingProposed(
                proposalID: id, title: title, audience: audience, participants: participants,
                proposedOn: try dateOrDaemonToday(on, "--on", options), estimatedCostVND: cost)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các đề xuất đào tạo, bồi dưỡng.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ đề xuất của cơ quan này.") var by: String?

        func run() throws {
            let rows = try queryDaemon(options, "training.list", by.map { ["by": $0] } ?? [:], as: [TrainingRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có đề xuất đào tạo nào.") }
                var table = Table(["Mã", "Khóa đào tạo", "Đối tượng", "Học viên", "Kinh phí dự kiến", "Ngày", "Đề xuất bởi"], rightAligned: [3, 4])
                for t in rows {
                    table.add([t.proposalID, t.title, t.audience, "\(t.participants)", t.estimatedCostVND.map(VietnameseFormat.amount) ?? "—", t.proposedOn, t.proposedBy])
                }
                print(table.render())
            }
        }
    }
}

struct OutreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach", abstract: "Tuyên truyền, phổ biến kiến thức về Internet (Điều 3.7, 8, 9).", subcommands: [Report.self, List.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo một đợt tuyên truyền và số người được tiếp cận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã đợt tuyên truyền.") var id: String
        @Option(help: "Tên đợt tuyên truyền.") var title: String
        @Option(help: "Hình thức: meetings, media, online, schools, youth-union, other.") var channel: String
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String
        @Option(help: "Số lượt người được tiếp cận.") var reach: Int
        @Option(help: "Địa bàn (district id), nếu có; huyện chỉ báo cáo địa bàn mình.") var district: String?

        func run() throws {
            guard let channel = OutreachChannel(rawValue: channel) else {
                throw ValidationError("--channel: '\(channel)' không phải một trong các hình thức \(OutreachChannel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try recordAct(options, MessageBody(OutreachReported(
                campaignID: id, title: title, channel: channel, from: try parseDate(from, "--from"), to: try parseDate(to, "--to"),
                reach: reach, district: try district.map { try agencyID($0, "--district") })))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các đợt tuyên truyền; số người được tiếp cận theo hình thức và địa bàn.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ hình thức này.") var channel: String?
        @Option(help: "Chỉ địa bàn này.") var district: String?
        @Option(help: "Chỉ đợt do cơ quan này báo cáo.") var by: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let channel { parameters["channel"] = channel }
            if let district { parameters["district"] = district }
            if let by { parameters["by"] = by }
            let summary = try queryDaemon(options, "outreach.list", parameters, as: OutreachSummary.self)
            options.emit(summary) {
                guard !summary.campaigns.isEmpty else { return print("Chưa có đợt tuyên truyền nào.") }
                var table = Table(["Mã", "Tên", "Hình thức", "Từ", "Đến", "Số người", "Địa bàn", "Báo cáo bởi"], rightAligned: [5])
                for c in summary.campaigns {
                    table.add([c.campaignID, c.title, c.channelName, c.from, c.to, "\(c.reach)", c.district ?? "toàn tỉnh", c.reportedBy])
                }
                print(table.render())
                for (title, totals) in [("Theo hình thức", summary.byChannel), ("Theo địa bàn", summary.byDistrict)] {
                    print("\n\(title)")
                    var t = Table(["", "Số đợt", "Số người"], rightAligned: [1, 2])
                    for r in totals { t.add([r.name, "\(r.campaigns)", "\(r.reach)"]) }
                    print(t.render())
                }
                print("\nTổng số người được tiếp cận: \(summary.totalReach)")
            }
        }
    }
}

struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school", abstract: "Chương trình Internet trong trường học (Sở GD-ĐT, Điều 8).", subcommands: [Report.self, List.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo một chương trình, dự án đưa Internet đến học sinh, sinh viên.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã chương trình.") var id: String
        @Option(help: "Tên chương trình.") var title: String
        @Option(help: "Năm học, ví dụ 2026-2027.") var schoolYear: String
        @Option(help: "Số trường tham gia.") var schools: Int
        @Option(help: "Trong đó số trường vùng nông thôn, vùng sâu, vùng xa, biên giới.") var ruralSchools: Int
        @Option(help: "Số học sinh, sinh viên.") var students: Int
        @Option(help: "Địa bàn (district id), nếu có.") var district: String?

        func run() throws {
            try recordAct(options, MessageBody(SchoolProgrammeReported(
                programmeID: id, title: title, schoolYear: schoolYear, schools: schools, ruralSchools: ruralSchools, students: students,
                district: try district.map { try agencyID($0, "--district") })))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các chương trình Internet trong trường học.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ năm học này.") var schoolYear: String?
        @Option(help: "Chỉ địa bàn này.") var district: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let schoolYear { parameters["school-year"] = schoolYear }
            if let district { parameters["district"] = district }
            let summary = try queryDaemon(options, "school.list", parameters, as: SchoolProgrammeSummary.self)
            options.emit(summary) {
                guard !summary.programmes.isEmpty else { return print("Chưa có chương trình nào.") }
                var table = Table(["Mã", "Tên", "Năm học", "Số trường", "Nông thôn", "Học sinh", "Địa bàn"], rightAligned: [3, 4, 5])
                for p in summary.programmes {
                    table.add([p.programmeID, p.title, p.schoolYear, "\(p.schools)", "\(p.ruralSchools)", "\(p.students)", p.district ?? "toàn tỉnh"])
                }
                print(table.render())
                print("\nTổng: \(summary.schools) trường (\(summary.ruralSchools) vùng nông thôn), \(summary.students) học sinh")
            }
        }
    }
}

struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding", abstract: "Kinh phí: đề nghị, phân bổ (Sở Tài chính, Điều 6).", subcommands: [Request.self, Allocate.self, List.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đề nghị Sở Tài chính bố trí kinh phí.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã đề nghị.") var id: String
        @Option(help: "Mục đích: outreach, inspection, training, other.") var purpose: String
        @Option(help: "Số tiền đề nghị (đồng).") var amount: Int64
        @Option(help: "Năm ngân sách.") var fiscalYear: Int
        @Option(help: "Thuyết minh.") var justification: String
        @Option(help: "Ngày đề nghị YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let purpose = FundingPurpose(rawValue: purpose) else {
                throw ValidationError("--purpose: '\(purpose)' không phải một trong các mục đích \(FundingPurpose.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try recordAct(options, MessageBody(FundingRequested(
                requestID: id, purpose: purpose, amountVND: amount, fiscalYear: fiscalYear,
                requestedOn: try dateOrDaemonToday(on, "--on", options), justification: justification)))
        }
    }

    struct Allocate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sở Tài chính phân bổ kinh phí cho một đề nghị.",
            discussion: "Phân bổ nhiều hơn số đề nghị chỉ được khi có --note giải trình.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã đề nghị.") var request: String
        @Option(help: "Số tiền phân bổ (đồng).") var amount: Int64
        @Option(help: "Số quyết định phân bổ.") var decision: String
        @Option(help: "Giải trình (bắt buộc khi phân bổ nhiều hơn đề nghị).") var note: String?
        @Option(help: "Ngày quyết định YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            let funding = try queryDaemon(options, "funding.show", ["request": request], as: FundingRow.self)
            try recordAct(options, MessageBody(FundingAllocated(
                requestID: request, requester: try agencyID(funding.requestedBy, "requester"), allocatedVND: amount,
                allocatedOn: try dateOrDaemonToday(on, "--on", options), decisionRef: decision, note: note)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các đề nghị kinh phí, tình trạng phân bổ và tổng theo mục đích.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ tình trạng: pending, allocated.") var status: String?
        @Option(help: "Chỉ mục đích này.") var purpose: String?
        @Option(help: "Chỉ đề nghị của cơ quan này.") var by: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let status { parameters["status"] = status }
            if let purpose { parameters["purpose"] = purpose }
            if let by { parameters["by"] = by }
            let summary = try queryDaemon(options, "funding.list", parameters, as: FundingSummary.self)
            options.emit(summary) {
                guard !summary.requests.isEmpty else { return print("Chưa có đề nghị kinh phí nào.") }
                var table = Table(["Mã", "Mục đích", "Đề nghị (đ)", "Năm NS", "Ngày", "Đơn vị", "Tình trạng", "Phân bổ (đ)", "Quyết định"],
                                  rightAligned: [2, 7])
                for f in summary.requests {
                    table.add([f.requestID, f.purposeName, VietnameseFormat.amount(f.amountVND), "\(f.fiscalYear)", f.requestedOn, f.requestedBy,
                               f.status == "allocated" ? "Đã phân bổ \(f.allocatedOn ?? "")" : "Chờ phân bổ",
                               f.allocatedVND.map(VietnameseFormat.amount) ?? "—", f.decisionRef ?? ""])
                }
                print(table.render())
                print("\nTheo mục đích")
                var totals = Table(["Mục đích", "Số đề nghị", "Chờ", "Đề nghị (đ)", "Phân bổ (đ)"], rightAligned: [1, 2, 3, 4])
                for t in summary.byPurpose {
                    totals.add([t.purposeName, "\(t.requests)", "\(t.pending)", VietnameseFormat.amount(t.requestedVND), VietnameseFormat.amount(t.allocatedVND)])
                }
                totals.add(["Tổng", "\(summary.requests.count)", "", VietnameseFormat.amount(summary.requestedVND), VietnameseFormat.amount(summary.allocatedVND)])
                print(totals.render())
            }
        }
    }
}

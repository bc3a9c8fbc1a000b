import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complaint", abstract: "Đơn thư khiếu nại, tố cáo: tiếp nhận, thụ lý, giao xác minh, gia hạn, giải quyết (Điều 3.6).",
        subcommands: [ComplaintReceive.self, ComplaintAccept.self, ComplaintRefuse.self, ComplaintAssign.self, ComplaintVerify.self,
                      ComplaintExtend.self, ComplaintResolve.self, ComplaintList.self, ComplaintShow.self, ComplaintStats.self])
}

/// `--x value` as one of an enumeration's raw values, or a usage error listing them.
func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String, as _: T.Type) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: text) else {
        throw ValidationError("\(option): '\(text)' không phải một trong các giá trị: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}

struct ComplaintReceive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Tiếp nhận đơn (tại Sở hoặc tại cơ quan khác rồi chuyển về Sở TT&TT).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn, ví dụ KN-2026-001.") var caseID: String
    @Option(help: "Loại đơn: complaint (khiếu nại) hoặc denunciation (tố cáo).") var kind = "complaint"
    @Option(help: "Lần khiếu nại: 1 hoặc 2 (tố cáo: 1).") var round = 1
    @Option(help: "Ngày nhận đơn (YYYY-MM-DD, mặc định hôm nay).") var on: String?
    @Option(help: "Người khiếu nại, tố cáo.") var complainant: String
    @Option(help: "Nội dung đơn.") var subject: String
    @Option(help: "Mã điểm kinh doanh bị khiếu nại, tố cáo.") var business: String?
    @Option(help: "Huyện, thị xã, thành phố nơi xảy ra sự việc.") var district: String?
    @Flag(inversion: .prefixedNo, help: "Vùng sâu, vùng xa (mặc định theo địa bàn trong tệp tỉnh).") var remote: Bool?
    @Option(help: "Ngày xảy ra hành vi bị khiếu nại (thời hiệu tính từ ngày này).") var actOn: String?

    func run() throws {
        let district = try district.map { try agencyID($0, "--district") }
        var remoteArea = remote ?? false
        if remote == nil, let district {
            let units = try queryDaemon(options, "complaint.districts", as: [DistrictFlag].self)
            remoteArea = units.first { $0.id == district }?.remoteArea ?? false
        }
        try recordAct(options, MessageBody(ComplaintReceived(
            caseID: caseID, kind: try choice(kind, "--kind", as: ComplaintKind.self), round: round, receivedOn: try parseDate(on, "--on"),
            complainant: complainant, subject: subject, businessID: business, district: district, remoteArea: remoteArea,
            actOn: try actOn.map { try parseDate($0, "--act-on") })))
    }
}

struct ComplaintAccept: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Thụ lý đơn và đánh giá mức độ phức tạp (Sở TT&TT).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Ngày thụ lý (mặc định hôm nay).") var on: String?
    @Option(help: "Mức độ: normal, complex, especially-complex (chỉ tố cáo).") var complexity = "normal"

    func run() throws {
        try recordAct(options, MessageBody(ComplaintAccepted(
            caseID: caseID, acceptedOn: try parseDate(on, "--on"), complexity: try choice(complexity, "--complexity", as: CaseComplexity.self))))
    }
}

struct ComplaintRefuse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refuse", abstract: "Không thụ lý đơn, nêu rõ lý do (Sở TT&TT).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Ngày ra thông báo (mặc định hôm nay).") var on: String?
    @Option(help: "Lý do không thụ lý, ví dụ: quá thời hiệu, không thuộc thẩm quyền.") var ground: String

    func run() throws {
        try recordAct(options, MessageBody(ComplaintRefused(caseID: caseID, refusedOn: try parseDate(on, "--on"), ground: ground)))
    }
}

struct ComplaintAssign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Giao một cơ quan xác minh đơn, có hạn báo cáo (Sở TT&TT).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Cơ quan được giao xác minh, ví dụ cong-an, district-ben-luc.") var to: String
    @Option(help: "Ngày giao (mặc định hôm nay).") var on: String?
    @Option(help: "Hạn báo cáo kết quả xác minh (YYYY-MM-DD).") var due: String
    @Option(help: "Nội dung giao xác minh.") var instructions: String

    func run() throws {
        // The assignee may never have seen the case: the assignment carries it as received.
        let detail = try queryDaemon(options, "complaint.show", ["case": caseID], as: CaseDetail.self)
        let r = detail.record
        let received = ComplaintReceived(caseID: r.caseID, kind: r.kind, round: r.round, receivedOn: r.receivedOn, complainant: r.complainant,
                                         subject: r.subject, businessID: r.businessID, district: r.district, remoteArea: r.remoteArea,
                                         actOn: r.actOn)
        try recordAct(options, MessageBody(ComplaintAssigned(
            caseID: caseID, assignee: try agencyID(to, "--to"), assignedOn: try parseDate(on, "--on"), dueOn: try parseDate(due, "--due"),
            instructions: instructions, received: received, receivedBy: r.receivedBy)))
    }
}

struct ComplaintVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Báo cáo kết quả xác minh đơn được giao.")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Ngày báo cáo (mặc định hôm nay).") var on: String?
    @Option(help: "Kết quả xác minh.") var findings: String

    func run() throws {
        try recordAct(options, MessageBody(ComplaintVerified(caseID: caseID, verifiedOn: try parseDate(on, "--on"), findings: findings)))
    }
}

struct ComplaintExtend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend", abstract: "Gia hạn giải quyết tố cáo bằng văn bản (phức tạp: 1 lần; đặc biệt phức tạp: 2 lần).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Ngày gia hạn (mặc định hôm nay).") var on: String?
    @Option(help: "Số ngày gia hạn (tối đa theo quy định).") var days: Int
    @Option(help: "Lý do gia hạn.") var ground: String
    @Option(help: "Số văn bản gia hạn, ví dụ 05/QĐ-STTTT.") var decision: String

    func run() throws {
        try recordAct(options, MessageBody(ComplaintExtended(
            caseID: caseID, extendedOn: try parseDate(on, "--on"), days: days, ground: ground, decisionRef: decision)))
    }
}

struct ComplaintResolve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Ban hành quyết định giải quyết đơn (Sở TT&TT).")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String
    @Option(help: "Ngày giải quyết (mặc định hôm nay).") var on: String?
    @Option(help: "Kết quả: upheld, partly-upheld, rejected, withdrawn.") var outcome: String
    @Option(help: "Số quyết định giải quyết.") var decision: String
    @Option(help: "Tóm tắt nội dung giải quyết.") var summary: String

    func run() throws {
        try recordAct(options, MessageBody(ComplaintResolved(
            caseID: caseID, resolvedOn: try parseDate(on, "--on"), outcome: try choice(outcome, "--outcome", as: CaseOutcome.self),
            decisionRef: decision, summary: summary)))
    }
}

struct ComplaintList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Danh sách đơn và thời hạn của bước đang giải quyết.")
    @OptionGroup var options: ControlOptions
    @Option(help: "Trạng thái: received, accepted, refused, resolved.") var status: String?
    @Option(help: "Loại: complaint, denunciation.") var kind: String?
    @Option(help: "Địa bàn.") var district: String?
    @Option(help: "Cơ quan được giao xác minh.") var assignee: String?
    @Option(help: "Tình trạng thời hạn: on-time, due-soon, overdue.") var state: String?

    func run() throws {
        var parameters: [String: String] = [:]
        if let status { parameters["status"] = try choice(status, "--status", as: CaseStatus.self).rawValue }
        if let kind { parameters["kind"] = try choice(kind, "--kind", as: ComplaintKind.self).rawValue }
        if let state { parameters["state"] = try choice(state, "--state", as: DeadlineStanding.self).rawValue }
        if let district { parameters["district"] = district }
        if let assignee { parameters["assignee"] = assignee }
        let cases = try queryDaemon(options, "complaint.list", parameters, as: [CaseSummary].self)
        options.emit(cases) {
            guard !cases.isEmpty else { return print("Không có đơn nào.") }
            var table = Table(["Mã đơn", "Loại", "Lần", "Ngày nhận", "Địa bàn", "Trạng thái", "Giao xác minh", "Hạn", "Còn (ngày LV)", "Tình trạng"],
                              rightAligned: [2, 8])
            for c in cases {
                table.add([c.caseID, c.kind.vietnameseName, "\(c.round)", c.receivedOn.vietnameseText,
                           (c.district?.rawValue ?? "—") + (c.remoteArea ? " (vùng sâu)" : ""), c.status.vietnameseName,
                           c.assignee?.rawValue ?? "", c.nextDueOn.map(\.vietnameseText) ?? "", c.daysLeft.map(String.init) ?? "",
                           c.standing?.vietnameseName ?? ""])
            }
            print(table.render())
        }
    }
}

struct ComplaintShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Toàn bộ quá trình giải quyết một đơn và các thời hạn.")
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("case"), help: "Mã đơn.") var caseID: String

    func run() throws {
        let detail = try queryDaemon(options, "complaint.show", ["case": caseID], as: CaseDetail.self)
        options.emit(detail) {
            let r = detail.record, d = detail.deadlines
            func late(_ flag: Bool?) -> String { flag == true ? " (trễ hạn)" : flag == false ? " (đúng hạn)" : "" }
            print("Đơn \(r.caseID) — \(r.kind.vietnameseName) lần \(r.round): \(r.subject)")
            print("Người gửi: \(r.complainant); địa bàn: \(r.district?.rawValue ?? "—")\(r.remoteArea ? " (vùng sâu, vùng xa)" : "")")
            print("Tiếp nhận: \(r.receivedOn.vietnameseText) tại \(r.receivedBy); trạng thái: \(r.status.vietnameseName)")
            if let limit = d.lodgingLimit {
                print("Thời hiệu khiếu nại đến: \(limit.vietnameseText)\(d.lodgedLate ? " — đơn gửi quá thời hiệu (xem xét lý do chính đáng)" : "")")
            }
            print("Hạn thụ lý: \(d.acceptanceDue.vietnameseText) [\(d.acceptanceRule)]")
            if let on = r.acceptedOn { print("Thụ lý: \(on.vietnameseText)\(late(d.acceptedLate)); mức độ: \(r.complexity?.vietnameseName ?? "")") }
            if let on = r.refusedOn { print("Không thụ lý: \(on.vietnameseText) — \(r.refusalGround ?? "")") }
            if let assignee = r.assignee {
                print("Giao xác minh: \(assignee) ngày \(r.assignedOn.map(\.vietnameseText) ?? ""), hạn \(r.verificationDueOn.map(\.vietnameseText) ?? "")")
            }
            if let on = r.verifiedOn { print("Kết quả xác minh (\(on.vietnameseText)): \(r.findings ?? "")") }
            for e in detail.extensions { print("Gia hạn \(e.days) ngày theo \(e.decisionRef) ngày \(e.extendedOn.vietnameseText): \(e.ground)") }
            if let due = d.resolutionDue {
                print("Hạn giải quyết: \(due.vietnameseText) [\(d.resolutionRule ?? "")]; đã gia hạn \(d.extensionsUsed)/\(d.extensionsAllowed) lần")
            }
            if let on = r.resolvedOn {
                print("Giải quyết: \(on.vietnameseText)\(late(d.resolvedLate)) — \(r.outcome?.vietnameseName ?? ""), \(r.decisionRef ?? "")")
            }
            for reminder in detail.reminders {
                print("Đã nhắc \(reminder.subject.vietnameseName.lowercased()) (\(reminder.state.vietnameseName.lowercased())) ngày \(reminder.remindedOn.vietnameseText) tới \(reminder.responsible)")
            }
            if !d.calendarCovered { print("Lưu ý: lịch nghỉ chưa cập nhật cho năm của thời hạn — thời hạn có thể chưa tính ngày lễ.") }
        }
    }
}

struct ComplaintStats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Thống kê đơn theo loại: đang giải quyết, quá hạn, đúng hạn, trễ hạn.")
    @OptionGroup var options: ControlOptions

    func run() throws {
        let stats = try queryDaemon(options, "complaint.stats", as: [CaseStatistics].self)
        options.emit(stats) {
            var table = Table(["Loại", "Tiếp nhận", "Chờ thụ lý", "Không thụ lý", "Đang giải quyết", "Quá hạn", "Thụ lý trễ",
                               "Giải quyết đúng hạn", "Giải quyết trễ hạn"], rightAligned: Set(1...8))
            for s in stats {
                table.add([s.kind.vietnameseName, "\(s.received)", "\(s.awaitingAcceptance)", "\(s.refused)", "\(s.open)", "\(s.overdue)",
                           "\(s.acceptedLate)", "\(s.resolvedOnTime)", "\(s.resolvedLate)"])
            }
            print(table.render())
        }
    }
}

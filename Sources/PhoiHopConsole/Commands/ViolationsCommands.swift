import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation", abstract: "Vi phạm và xử phạt: ghi nhận, quyết định xử phạt, kiểm tra khắc phục, kết thúc hồ sơ.",
        subcommands: [Record.self, Sanction.self, Pay.self, FollowUp.self, Close.self, List.self, Show.self, Stats.self])

    static func stageName(_ stage: String) -> String {
        switch stage {
        case "recorded": "Đã ghi nhận"
        case "sanctioned": "Đã xử phạt"
        case "followed-up": "Đã kiểm tra khắc phục"
        case "closed": "Đã kết thúc"
        default: stage
        }
    }

    /// The district as the officer reads it: its name from the province file, else its id.
    static func districtText(_ id: String, _ name: String?) -> String { name ?? id }

    static func money(_ vnd: Int64?) -> String { vnd.map(VietnameseFormat.amount) ?? "" }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi nhận một hành vi vi phạm (danh mục: config/rules/violation-categories.yaml).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var id: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "Mã danh mục vi phạm.") var category: String
        @Option(help: "Số biên bản / chứng cứ.") var evidence: String
        @Option(help: "Mã lượt kiểm tra (nếu có).") var inspection: String?
        @Option(help: "Mô tả.") var description: String
        @Option(help: "Ngày phát hiện YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(ViolationRecorded(
                violationID: id, businessID: business, district: try agencyID(district, "--district"), category: category,
                observedOn: try parseDate(on, "--on"), evidenceRef: evidence, inspectionID: inspection, description: description)))
        }
    }

    struct Sanction: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quyết định xử phạt: cảnh cáo hoặc phạt tiền trong khung của danh mục; có thể đình chỉ hoặc thu hồi giấy chứng nhận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã quyết định xử phạt.") var id: String
        @Option(help: "Mã vi phạm.") var violation: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "Số, ký hiệu quyết định, ví dụ 12/QĐ-XPVPHC.") var decision: String
        @Option(help: "warning (cảnh cáo) hoặc fine (phạt tiền).") var penalty = "fine"
        @Option(help: "Số tiền phạt (đồng).") var fine: Int64?
        @Option(help: "Đình chỉ giấy chứng nhận (số tháng).") var suspendMonths: Int?
        @Flag(help: "Thu hồi giấy chứng nhận.") var revoke = false
        @Option(help: "Số giấy chứng nhận bị đình chỉ / thu hồi.") var certificate: String?
        @Option(help: "Ngày quyết định YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let penalty = SanctionPenalty(rawValue: penalty) else { throw ValidationError("--penalty: '\(penalty)' không hợp lệ; chọn warning (cảnh cáo) hoặc fine (phạt tiền)") }
            try recordAct(options, MessageBody(SanctionDecided(
                sanctionID: id, violationID: violation, businessID: business, district: try agencyID(district, "--district"),
                decisionNo: decision, decidedOn: try parseDate(on, "--on"), penalty: penalty, fineVND: fine,
                suspensionMonths: suspendMonths, revokeCertificate: revoke, certificateNo: certificate)))
        }
    }

    struct FollowUp: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "follow-up", abstract: "Ghi kết quả kiểm tra việc khắc phục vi phạm.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var violation: String
        @Flag(help: "Đã khắc phục.") var remedied = false
        @Option(help: "Ghi chú.") var note: String
        @Option(help: "Ngày kiểm tra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(ViolationFollowedUp(violationID: violation, checkedOn: try parseDate(on, "--on"),
                                                                  remedied: remedied, note: note)))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kết thúc hồ sơ vi phạm (cần đã có quyết định xử phạt hoặc kiểm tra khắc phục).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var violation: String
        @Option(help: "Kết quả (đã chấp hành, đã khắc phục…).") var outcome: String
        @Option(help: "Ngày kết thúc YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(ViolationClosed(violationID: violation, closedOn: try parseDate(on, "--on"), outcome: outcome)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách vi phạm với giai đoạn xử lý.")
        @OptionGroup var options: ControlOptions
        @Option(help: "open (chưa kết thúc), closed hoặc all.") var status = "all"
        @Option(help: "Lọc theo huyện.") var district: String?
        @Option(help: "Lọc theo danh mục.") var category: String?
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String?
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String?

        func run() throws {
            var parameters = ["status": status]
            for (key, value) in [("district", district), ("category", category), ("from", from), ("to", to)] {
                if let value { parameters[key] = value }
            }
            let rows = try queryDaemon(options, "violation.list", parameters, as: [ViolationRow].self)
            options.emit(rows) {
                var table = Table(["Mã", "Điểm", "Huyện", "Danh mục", "Ngày", "Ghi nhận bởi", "Giai đoạn", "Tiền phạt (đ)"], rightAligned: [7])
                for row in rows {
                    table.add([row.violationID, row.businessID, ViolationCommand.districtText(row.district, row.districtName), row.category, row.observedOn, row.recordedBy,
                               ViolationCommand.stageName(row.stage), ViolationCommand.money(row.fineVND)])
                }
                print(table.render())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Toàn bộ hồ sơ một vi phạm.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var violation: String

        func run() throws {
            let d = try queryDaemon(options, "violation.show", ["violation": violation], as: ViolationDetail.self)
            options.emit(d) {
                let v = d.violation
                print("Vi phạm \(v.violationID) tại \(v.businessID) (\(ViolationCommand.districtText(v.district, v.districtName))), ngày \(vnDate(v.observedOn)), ghi nhận bởi \(v.recordedBy)")
                print("Danh mục \(v.category): \(d.categoryTitle ?? "—") [\(d.categorySource ?? "—")]")
                print("Biên bản: \(d.evidenceRef)\(v.inspectionID.map { "; lượt kiểm tra \($0)" } ?? ""). \(d.description)")
                print("Giai đoạn: \(ViolationCommand.stageName(v.stage))")
                if let s = d.sanction {
                    var measure = ""
                    if let months = s.suspensionMonths { measure = "; đình chỉ \(s.certificateNo ?? "") \(months) tháng" }
                    if s.revokeCertificate { measure = "; thu hồi \(s.certificateNo ?? "")" }
                    let amount = s.fineVND.map { " \(ViolationCommand.money($0)) đồng" } ?? ""
                    print("Xử phạt: quyết định \(s.decisionNo) ngày \(vnDate(s.decidedOn)) (\(s.decidedBy)): "
                        + "\(SanctionPenalty(rawValue: s.penalty)?.vietnameseName ?? s.penalty)\(amount)\(measure)")
                } else {
                    print("Xử phạt: chưa có quyết định")
                }
                ViolationCommand.printFine(d.fine)
                for f in d.followUps {
                    print("Kiểm tra khắc phục ngày \(vnDate(f.checkedOn)) (\(f.checkedBy)): \(f.remedied ? "đã khắc phục" : "chưa khắc phục") — \(f.note)")
                }
                if let closed = v.closedOn { print("Kết thúc hồ sơ ngày \(vnDate(closed)): \(d.closedOutcome ?? "")") }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thống kê vi phạm theo huyện và danh mục trong một kỳ, với tổng tiền phạt.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String?
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String?
        @Option(help: "Lọc theo huyện.") var district: String?
        @Option(help: "Lọc theo danh mục.") var category: String?

        func run() throws {
            var parameters: [String: String] = [:]
            for (key, value) in [("district", district), ("category", category), ("from", from), ("to", to)] {
                if let value { parameters[key] = value }
            }
            let rows = try queryDaemon(options, "violation.stats", parameters, as: [ViolationStatsRow].self)
            options.emit(rows) {
                var table = Table(["Huyện", "Danh mục", "Số vi phạm", "Đã xử phạt", "Đã kết thúc", "Tổng tiền phạt (đ)"], rightAligned: [2, 3, 4, 5])
                for row in rows {
                    table.add([ViolationCommand.districtText(row.district, row.districtName), row.category, "\(row.violations)", "\(row.sanctioned)", "\(row.closed)",
                               ViolationCommand.money(row.finesVND)])
                }
                let total = rows.reduce(Int64(0)) { $0 + $1.finesVND }
                table.add(["Tổng", "", "\(rows.reduce(0) { $0 + $1.violations })", "\(rows.reduce(0) { $0 + $1.sanctioned })",
                           "\(rows.reduce(0) { $0 + $1.closed })", ViolationCommand.money(total)])
                print(table.render())
            }
        }
    }
}

/// A `YYYY-MM-DD` from a daemon's answer as Vietnamese documents write it (22/11/2026).
private func vnDate(_ iso: String) -> String { (try? CivilDate(parsing: iso))?.vietnameseText ?? iso }

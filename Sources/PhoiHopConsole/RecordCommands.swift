import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// Sends one act to the officer's own daemon and prints the receipt once it is durable.
func recordAct(_ options: ControlOptions, _ body: MessageBody) throws {
    let receipt = try callDaemon(options, ControlCommand(command: "record", type: body.type.rawValue), body: body.encoded(),
                                 as: RecordReceipt.self)
    options.emit(receipt) {
        let to = receipt.recipients.isEmpty ? "lưu tại đơn vị" : "sẽ gửi tới: \(receipt.recipients.map(\.rawValue).joined(separator: ", "))"
        print("Đã ghi nhận \(body.type.vietnameseName) — mã \(receipt.id), số thứ tự \(receipt.seq), \(to)")
    }
}

func parseDate(_ text: String?, _ option: String) throws -> CivilDate {
    guard let text else { return today() }
    do { return try CivilDate(parsing: text, field: option) } catch { throw ValidationError("\(error)") }
}

/// Today in Vietnam (UTC+7).
func today() -> CivilDate {
    CivilDate(dayNumber: Int((Int64(Date().timeIntervalSince1970) + 7 * 3600) / 86400))
}

/// The id of the daemon the console talks to: the default district of a district officer's acts.
func ownAgency(_ options: ControlOptions) throws -> AgencyID {
    try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self).agency
}

func agencyID(_ text: String, _ option: String) throws -> AgencyID {
    guard let id = AgencyID(rawValue: text) else { throw ValidationError("\(option): '\(text)' is not an agency id") }
    return id
}

struct BusinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "business", abstract: "Doanh nghiệp, điểm kinh doanh dịch vụ Internet.", subcommands: [Register.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đăng ký một điểm kinh doanh vào sổ quản lý của huyện (district officers).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã doanh nghiệp/điểm, e.g. BL-0001.") var id: String
        @Option(help: "Tên.") var name: String
        @Option(help: "Loại: isp, internet-agent, public-access-point, game-point.") var kind: String
        @Option(help: "Địa chỉ.") var address: String
        @Option(help: "Chủ sở hữu.") var owner: String
        @Option(help: "Số máy.") var machines = 0
        @Option(help: "Số hợp đồng đại lý với ISP.") var ispContract: String?
        @Option(help: "Ngày đăng ký YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let kind = BusinessKind(rawValue: kind) else {
                throw ValidationError("--kind: '\(kind)' is not one of \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try recordAct(options, .businessRegistered(BusinessRegistered(
                businessID: id, name: name, kind: kind, district: try ownAgency(options), address: address, owner: owner,
                machines: machines, ispContract: ispContract, registeredOn: try parseDate(on, "--on"))))
        }
    }
}

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Giấy chứng nhận: cấp, thu hồi (district officers).", subcommands: [Issue.self, Revoke.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cấp giấy chứng nhận cho một điểm kinh doanh của huyện; hiệu lực 3 năm.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận, e.g. GCN-BL-2026-0001.") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Loại: business-registration, game-point-eligibility.") var kind = "business-registration"
        @Option(help: "Ngày cấp YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let kind = CertificateKind(rawValue: kind) else { throw ValidationError("--kind: '\(kind)' is not a certificate kind") }
            let issued = try parseDate(on, "--on")
            try recordAct(options, .certificateIssued(CertificateIssued(
                certificateNo: number, businessID: business, district: try ownAgency(options), kind: kind,
                issuedOn: issued, validUntil: issued.adding(years: 3).adding(days: -1))))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thu hồi giấy chứng nhận, nêu căn cứ.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận.") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Căn cứ thu hồi.") var ground: String
        @Option(help: "Ngày thu hồi YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, .certificateRevoked(CertificateRevoked(
                certificateNo: number, businessID: business, district: try ownAgency(options),
                revokedOn: try parseDate(on, "--on"), ground: ground)))
        }
    }
}

struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection", abstract: "Kiểm tra: lập kế hoạch (hub), ghi kết quả.", subcommands: [Plan.self, Record.self])

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập kế hoạch kiểm tra và gửi tới các đơn vị tham gia (hub operator).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã kế hoạch.") var id: String
        @Option(help: "Tiêu đề.") var title: String
        @Option(help: "periodic hoặc unannounced.") var kind = "periodic"
        @Option(help: "Đơn vị chủ trì.") var lead = "so-tttt"
        @Option(parsing: .upToNextOption, help: "Các đơn vị tham gia.") var participants: [String]
        @Option(parsing: .upToNextOption, help: "Các điểm kinh doanh được kiểm tra.") var targets: [String]
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String
        @Option(help: "Đến ngày YYYY-MM-DD.") var to: String

        func run() throws {
            guard let kind = InspectionKind(rawValue: kind) else { throw ValidationError("--kind: use periodic or unannounced") }
            try recordAct(options, .inspectionPlanned(InspectionPlanned(
                planID: id, kind: kind, title: title, lead: try agencyID(lead, "--lead"),
                participants: try participants.map { try agencyID($0, "--participants") }, targets: targets,
                startsOn: try parseDate(from, "--from"), endsOn: try parseDate(to, "--to"))))
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi kết quả kiểm tra một điểm kinh doanh.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã lượt kiểm tra.") var id: String
        @Option(help: "Mã kế hoạch (nếu có).") var plan: String?
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Địa bàn (district id).") var district: String
        @Option(help: "periodic hoặc unannounced.") var kind = "periodic"
        @Option(help: "compliant hoặc violations-found.") var outcome = "compliant"
        @Option(help: "Nội dung biên bản.") var findings: String
        @Option(help: "Ngày kiểm tra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let kind = InspectionKind(rawValue: kind) else { throw ValidationError("--kind: use periodic or unannounced") }
            guard let outcome = InspectionOutcome(rawValue: outcome) else { throw ValidationError("--outcome: use compliant or violations-found") }
            try recordAct(options, .inspectionRecorded(InspectionRecorded(
                inspectionID: id, planID: plan, businessID: business, district: try agencyID(district, "--district"), kind: kind,
                conductedOn: try parseDate(on, "--on"), outcome: outcome, findings: findings)))
        }
    }
}

struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "violation", abstract: "Vi phạm.", subcommands: [Record.self])

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
            try recordAct(options, .violationRecorded(ViolationRecorded(
                violationID: id, businessID: business, district: try agencyID(district, "--district"), category: category,
                observedOn: try parseDate(on, "--on"), evidenceRef: evidence, inspectionID: inspection, description: description)))
        }
    }
}

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incident", abstract: "Sự cố an ninh thông tin (Công an).", subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo một sự cố an ninh thông tin.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã sự cố.") var id: String
        @Option(help: "Địa bàn (district id), nếu có.") var district: String?
        @Option(help: "Mức độ: low, medium, high, critical.") var severity = "medium"
        @Option(help: "Tóm tắt.") var summary: String
        @Option(help: "Ngày xảy ra YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let severity = IncidentSeverity(rawValue: severity) else { throw ValidationError("--severity: use low, medium, high or critical") }
            try recordAct(options, .incidentReported(IncidentReported(
                incidentID: id, district: try district.map { try agencyID($0, "--district") }, occurredOn: try parseDate(on, "--on"),
                severity: severity, summary: summary)))
        }
    }
}

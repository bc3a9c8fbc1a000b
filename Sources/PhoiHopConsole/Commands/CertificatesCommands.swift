import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Giấy chứng nhận: tiếp nhận hồ sơ, cấp, gia hạn, đình chỉ, thu hồi (Điều 10.3; Điều 7).",
        subcommands: [Apply.self, Issue.self, Extend.self, Suspend.self, Revoke.self, List.self, Show.self, Applications.self])

    static func kind(_ text: String) throws -> CertificateKind {
        guard let kind = CertificateKind(rawValue: text) else {
            throw ValidationError("--kind: '\(text)' không hợp lệ; chọn một trong: \(CertificateKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tiếp nhận hồ sơ đầy đủ đề nghị cấp mới, sửa đổi, gia hạn, cấp lại; hạn giải quyết tính từ ngày hôm sau.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã hồ sơ, e.g. HS-BL-0001.") var id: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Loại: business-registration, game-point-eligibility.") var kind = "business-registration"
        @Option(help: "Yêu cầu: new (cấp mới), amend (sửa đổi), extend (gia hạn), reissue (cấp lại).") var request = "new"
        @Option(help: "Số giấy chứng nhận liên quan (bắt buộc trừ khi cấp mới).") var number: String?
        @Option(help: "Ngày nhận hồ sơ YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let request = CertificateRequest(rawValue: request) else {
                throw ValidationError("--request: '\(request)' không hợp lệ; chọn một trong: \(CertificateRequest.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try recordAct(options, MessageBody(CertificateApplied(
                applicationID: id, businessID: business, district: try ownAgency(options), kind: try CertificateCommand.kind(kind),
                request: request, receivedOn: try parseDate(on, "--on"), certificateNo: number)))
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cấp giấy chứng nhận cho một điểm kinh doanh của huyện; thời hạn tính theo quy định (certificates.yaml).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận, e.g. GCN-BL-2026-0001 (không dùng lại).") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Loại: business-registration, game-point-eligibility.") var kind = "business-registration"
        @Option(help: "Mã hồ sơ được giải quyết.") var application: String?
        @Option(help: "Ngày cấp YYYY-MM-DD (mặc định hôm nay).") var on: String?
        @Option(help: "Hiệu lực đến YYYY-MM-DD (chỉ khi loại giấy không có thời hạn theo quy định).") var validUntil: String?

        func run() throws {
            let kind = try CertificateCommand.kind(kind)
            let issued = try parseDate(on, "--on")
            let rules = try queryDaemon(options, "certificate.rules", ["issued-on": issued.description], as: [CertificateRuleRow].self)
            let validity: CivilDate
            if let ruled = rules.first(where: { $0.kind == kind })?.validUntil {
                validity = ruled
            } else if let validUntil {
                validity = try parseDate(validUntil, "--valid-until")
            } else {
                throw ValidationError("--valid-until: quy định không nêu thời hạn hiệu lực của giấy chứng nhận loại \(kind.rawValue); hãy nêu ngày cuối cùng còn hiệu lực")
            }
            try recordAct(options, MessageBody(CertificateIssued(
                certificateNo: number, businessID: business, district: try ownAgency(options), kind: kind,
                issuedOn: issued, validUntil: validity, applicationID: application)))
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Gia hạn giấy chứng nhận (một lần, tối đa 6 tháng theo quy định).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận.") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Hiệu lực mới đến YYYY-MM-DD.") var until: String
        @Option(help: "Mã hồ sơ gia hạn được giải quyết.") var application: String?
        @Option(help: "Ngày gia hạn YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(CertificateExtended(
                certificateNo: number, businessID: business, district: try ownAgency(options), extendedOn: try parseDate(on, "--on"),
                newValidUntil: try parseDate(until, "--until"), applicationID: application)))
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đình chỉ giấy chứng nhận trong một thời hạn (cả hai ngày đầu, cuối).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận.") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Từ ngày YYYY-MM-DD.") var from: String
        @Option(help: "Đến ngày YYYY-MM-DD.") var until: String
        @Option(help: "Căn cứ đình chỉ.") var ground: String
        @Option(help: "Mã quyết định xử phạt (nếu có).") var sanction: String?

        func run() throws {
            try recordAct(options, MessageBody(CertificateSuspended(
                certificateNo: number, businessID: business, district: try ownAgency(options), from: try parseDate(from, "--from"),
                until: try parseDate(until, "--until"), ground: ground, sanctionID: sanction)))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thu hồi giấy chứng nhận, nêu căn cứ.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận.") var number: String
        @Option(help: "Mã điểm kinh doanh.") var business: String
        @Option(help: "Căn cứ thu hồi.") var ground: String
        @Option(help: "Mã quyết định xử phạt (nếu có).") var sanction: String?
        @Option(help: "Ngày thu hồi YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(CertificateRevoked(
                certificateNo: number, businessID: business, district: try ownAgency(options),
                revokedOn: try parseDate(on, "--on"), ground: ground, sanctionID: sanction)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách giấy chứng nhận với tình trạng hôm nay.")
        @OptionGroup var options: ControlOptions
        @Option(help: "valid (còn hiệu lực), suspended (đình chỉ), expired (hết hạn), revoked (thu hồi).") var status: String?
        @Option(help: "Chỉ địa bàn này.") var district: String?
        @Option(help: "Chỉ loại này.") var kind: String?
        @Option(help: "Chỉ điểm kinh doanh này.") var business: String?
        @Option(help: "Chỉ giấy còn dùng được và hết hạn trong N ngày tới.") var expiringWithin: Int?

        func run() throws {
            var parameters: [String: String] = [:]
            if let status {
                guard CertificateStatus(rawValue: status) != nil else {
                    throw ValidationError("--status: '\(status)' không hợp lệ; chọn một trong: \(CertificateStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                parameters["status"] = status
            }
            if let district { parameters["district"] = district }
            if let kind { parameters["kind"] = try CertificateCommand.kind(kind).rawValue }
            if let business { parameters["business"] = business }
            if let expiringWithin { parameters["expiring-within"] = "\(expiringWithin)" }
            let rows = try queryDaemon(options, "certificate.list", parameters, as: [CertificateRow].self)
            options.emit(rows) {
                print(rows.isEmpty ? "Không có giấy chứng nhận nào." : CertificateCommand.table(rows))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Một giấy chứng nhận: hiệu lực, gia hạn, đình chỉ, thu hồi, hồ sơ.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Số giấy chứng nhận.") var number: String

        func run() throws {
            let detail = try queryDaemon(options, "certificate.show", ["number": number], as: CertificateDetail.self)
            options.emit(detail) {
                let c = detail.row.certificate
                print("\(c.certificateNo) — \(c.kind.vietnameseName)")
                print("  Điểm kinh doanh: \(c.businessID) \(detail.business?.name ?? "")"
                      + (detail.business?.closedOn.map { " (đã chấm dứt hoạt động \($0.vietnameseText))" } ?? ""))
                print("  Cấp ngày \(c.issuedOn.vietnameseText) bởi \(c.issuedBy ?? c.district)" + (c.applicationID.map { ", theo hồ sơ \($0)" } ?? ""))
                print("  Hiệu lực đến \(c.validUntil.vietnameseText)" + (c.originalValidUntil.flatMap { $0 == c.validUntil ? nil : " (ban đầu \($0.vietnameseText))" } ?? ""))
                print("  Tình trạng hôm nay: \(detail.row.status.vietnameseName)")
                if let extended = c.extendedOn {
                    print("  Gia hạn \(c.extensions) lần, lần cuối ngày \(extended.vietnameseText); còn được gia hạn: \(detail.extensionsLeft ?? 0) lần")
                }
                if let from = c.suspendedFrom, let until = c.suspendedUntil {
                    print("  Đình chỉ từ \(from.vietnameseText) đến \(until.vietnameseText): \(c.suspensionGround ?? "")")
                }
                if c.revoked { print("  Thu hồi ngày \(c.revokedOn?.vietnameseText ?? "?") bởi \(c.revokedBy ?? "?"): \(c.revocationGround ?? "")") }
                if let sanction = c.sanctionID { print("  Quyết định xử phạt: \(sanction)") }
                if !detail.applications.isEmpty {
                    print("")
                    print(CertificateCommand.applicationTable(detail.applications))
                }
            }
        }
    }

    struct Applications: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hồ sơ đang giải quyết với hạn giải quyết; quá hạn được đánh dấu.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ địa bàn này.") var district: String?
        @Flag(help: "Cả hồ sơ đã giải quyết (đúng hạn hay trễ hạn).") var all = false
        @Flag(help: "Chỉ hồ sơ quá hạn.") var overdue = false

        func run() throws {
            var parameters: [String: String] = [:]
            if let district { parameters["district"] = district }
            if all { parameters["all"] = "true" }
            if overdue { parameters["overdue"] = "true" }
            let rows = try queryDaemon(options, "certificate.applications", parameters, as: [ApplicationRow].self)
            options.emit(rows) {
                print(rows.isEmpty ? "Không có hồ sơ nào." : CertificateCommand.applicationTable(rows))
            }
        }
    }

    static func table(_ rows: [CertificateRow]) -> String {
        var table = Table(["Số GCN", "Điểm KD", "Loại", "Địa bàn", "Ngày cấp", "Hiệu lực đến", "Tình trạng", "Ghi chú"])
        for row in rows {
            let c = row.certificate
            var notes: [String] = []
            if c.extensions > 0 { notes.append("gia hạn \(c.extensions) lần") }
            if let from = c.suspendedFrom, let until = c.suspendedUntil { notes.append("đình chỉ \(from.vietnameseText)→\(until.vietnameseText)") }
            if c.revoked { notes.append("thu hồi \(c.revokedOn?.vietnameseText ?? "")") }
            if let sanction = c.sanctionID { notes.append("QĐ \(sanction)") }
            table.add([c.certificateNo, c.businessID, c.kind == .gamePointEligibility ? "Đủ điều kiện điểm TCĐT" : "Đăng ký kinh doanh",
                       c.district, c.issuedOn.vietnameseText, c.validUntil.vietnameseText, row.status.vietnameseName, notes.joined(separator: "; ")])
        }
        return table.render()
    }

    static func applicationTable(_ rows: [ApplicationRow]) -> String {
        var table = Table(["Mã hồ sơ", "Điểm KD", "Yêu cầu", "Địa bàn", "Ngày nhận", "Hạn giải quyết", "Kết quả"])
        for row in rows {
            let a = row.application
            let result: String
            if let decided = a.decidedOn {
                result = "Đã giải quyết \(decided.vietnameseText) (\(a.decidedByCertificate ?? "")) — " + (row.onTime == false ? "trễ hạn" : "đúng hạn")
            } else {
                result = row.overdue ? "QUÁ HẠN" : "Đang giải quyết"
            }
            let days = row.processingDays.map { " (\($0) ngày\(row.counting == "working" ? " làm việc" : ""))" } ?? ""
            table.add([a.applicationID, a.businessID, a.request.vietnameseName, a.district, a.receivedOn.vietnameseText,
                       (row.dueOn?.vietnameseText ?? "—") + days, result])
        }
        return table.render()
    }
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct BusinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "business", abstract: "Sổ quản lý điểm kinh doanh dịch vụ Internet (Điều 10.1).",
        subcommands: [Register.self, Change.self, Close.self, List.self, Show.self, Summary.self])

    static func kind(_ text: String) throws -> BusinessKind {
        guard let kind = BusinessKind(rawValue: text) else {
            throw ValidationError("--kind: '\(text)' không hợp lệ; chọn một trong: \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đăng ký một điểm kinh doanh vào sổ quản lý của huyện (cán bộ huyện).")
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
            try recordAct(options, MessageBody(BusinessRegistered(
                businessID: id, name: name, kind: try BusinessCommand.kind(kind), district: try ownAgency(options), address: address,
                owner: owner, machines: machines, ispContract: ispContract, registeredOn: try parseDate(on, "--on"))))
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ghi nhận thay đổi thông tin một điểm kinh doanh; chỉ các trường được nêu thay đổi.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã điểm kinh doanh.") var id: String
        @Option(help: "Tên mới.") var name: String?
        @Option(help: "Địa chỉ mới.") var address: String?
        @Option(help: "Chủ sở hữu mới.") var owner: String?
        @Option(help: "Số máy mới.") var machines: Int?
        @Option(help: "Số hợp đồng đại lý mới.") var ispContract: String?
        @Option(help: "Ngày thay đổi YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard name != nil || address != nil || owner != nil || machines != nil || ispContract != nil else {
                throw ValidationError("nêu ít nhất một trong --name, --address, --owner, --machines, --isp-contract")
            }
            try recordAct(options, MessageBody(BusinessChanged(
                businessID: id, district: try ownAgency(options), changedOn: try parseDate(on, "--on"), name: name, address: address,
                owner: owner, machines: machines, ispContract: ispContract)))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi nhận điểm kinh doanh chấm dứt hoạt động; giấy chứng nhận giữ nguyên tình trạng (thu hồi là thủ tục riêng).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã điểm kinh doanh.") var id: String
        @Option(help: "Lý do.") var reason: String
        @Option(help: "Ngày chấm dứt YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(BusinessClosed(
                businessID: id, district: try ownAgency(options), closedOn: try parseDate(on, "--on"), reason: reason)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách điểm kinh doanh (Sở TT&TT: toàn tỉnh).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ địa bàn này, e.g. district-ben-luc.") var district: String?
        @Option(help: "Chỉ loại này.") var kind: String?
        @Option(help: "operating (đang hoạt động) hoặc closed (đã chấm dứt).") var status: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let district { parameters["district"] = district }
            if let kind { parameters["kind"] = try BusinessCommand.kind(kind).rawValue }
            if let status {
                guard ["operating", "closed"].contains(status) else { throw ValidationError("--status: '\(status)' không hợp lệ; chọn operating (đang hoạt động) hoặc closed (đã chấm dứt)") }
                parameters["status"] = status
            }
            let rows = try queryDaemon(options, "business.list", parameters, as: [BusinessRow].self)
            options.emit(rows) { print(List.render(rows)) }
        }

        /// The registry as a table, one business a line, with a count.
        static func render(_ rows: [BusinessRow], in language: ConsoleLanguage = .current) -> String {
            guard !rows.isEmpty else { return "Không có điểm kinh doanh nào." }
            var table = Table(["Mã", "Tên", "Loại", "Địa bàn", "Số máy", "Ngày ĐK", "Tình trạng", "Giấy chứng nhận"], rightAligned: [4])
            for row in rows {
                let b = row.business
                table.add([b.businessID, b.name, b.kind.vietnameseName, b.district, "\(b.machines)", b.registeredOn.vietnameseText,
                           b.closedOn.map { "\(localized("Chấm dứt", in: language)) \($0.vietnameseText)" } ?? "Đang hoạt động",
                           row.certificates.map { "\($0.certificateNo) (\(localized($0.status.vietnameseName, in: language)))" }.joined(separator: "; ")])
            }
            return table.render(in: language) + "\n\(rows.count) điểm kinh doanh."
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thông tin một điểm kinh doanh, giấy chứng nhận, hồ sơ và việc chấm dứt.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã điểm kinh doanh.") var id: String

        func run() throws {
            let detail = try queryDaemon(options, "business.show", ["id": id], as: BusinessDetail.self)
            options.emit(detail) {
                let b = detail.business
                print("\(b.businessID) — \(b.name)")
                print("  Loại: \(b.kind.vietnameseName)")
                print("  Địa bàn: \(detail.districtName ?? b.district); địa chỉ: \(b.address)")
                print("  Chủ sở hữu: \(b.owner); số máy: \(b.machines); hợp đồng đại lý: \(b.ispContract ?? "—")")
                print("  Đăng ký: \(b.registeredOn.vietnameseText) bởi \(b.registeredBy)" + (b.changedOn.map { "; thay đổi gần nhất: \($0.vietnameseText)" } ?? ""))
                if let closed = b.closedOn { print("  Chấm dứt hoạt động: \(closed.vietnameseText) — \(b.closedReason ?? "")") }
                print("")
                print(detail.certificates.isEmpty ? "Chưa có giấy chứng nhận." : CertificateCommand.table(detail.certificates))
                if !detail.applications.isEmpty {
                    print("")
                    print(CertificateCommand.applicationTable(detail.applications))
                }
            }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Số điểm kinh doanh theo loại và địa bàn, kèm tình trạng giấy chứng nhận hôm nay.")
        @OptionGroup var options: ControlOptions

        func run() throws {
            let rows = try queryDaemon(options, "business.summary", as: [BusinessSummaryRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có điểm kinh doanh nào.") }
                var table = Table(["Địa bàn", "Loại", "Hoạt động", "Chấm dứt", "Không có GCN hiệu lực", "GCN hiệu lực", "Đình chỉ", "Hết hạn", "Thu hồi"],
                                  rightAligned: [2, 3, 4, 5, 6, 7, 8])
                for r in rows {
                    table.add([r.districtName, r.kind.vietnameseName, "\(r.operating)", "\(r.closed)", "\(r.operatingWithoutValidCertificate)",
                               "\(r.validCertificates)", "\(r.suspendedCertificates)", "\(r.expiredCertificates)", "\(r.revokedCertificates)"])
                }
                print(table.render())
            }
        }
    }
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

struct GuidanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guidance", abstract: "Văn bản hướng dẫn: ban hành, xác nhận đã nhận, theo dõi (Điều 7; Điều 2, 11.2).",
        subcommands: [Publish.self, Acknowledge.self, List.self, Show.self, Pending.self])

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ban hành văn bản hướng dẫn tới các đơn vị nhận (Sở TT&TT, Sở KH-ĐT, Công an tỉnh); Sở TT&TT chuyển tới từng đơn vị.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã văn bản, e.g. HD-KHDT-2026-01.") var id: String
        @Option(help: "Chủ đề: certificates, security, regulation, other.") var topic: String
        @Option(help: "Trích yếu.") var title: String
        @Option(help: "Số, ký hiệu văn bản, e.g. 125/HD-SKHĐT.") var documentRef: String
        @Option(help: "Đơn vị nhận, phân cách bằng dấu phẩy, e.g. district-tan-an,district-ben-luc.") var to: String
        @Option(help: "Tóm tắt nội dung.") var summary: String
        @Option(help: "Ngày ban hành YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            guard let topic = GuidanceTopic(rawValue: topic) else {
                throw ValidationError("--topic: '\(topic)' không hợp lệ; chọn một trong: \(GuidanceTopic.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let addressees = try to.split(separator: ",").map { try agencyID(String($0).trimmingCharacters(in: .whitespaces), "--to") }
            guard !addressees.isEmpty else { throw ValidationError("--to: hãy nêu ít nhất một đơn vị nhận") }
            try recordAct(options, MessageBody(GuidancePublished(
                guidanceID: id, topic: topic, title: title, documentRef: documentRef, issuedOn: try parseDate(on, "--on"),
                addressees: addressees, summary: summary)))
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xác nhận đơn vị đã nhận văn bản hướng dẫn (chỉ đơn vị nhận).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã văn bản.") var id: String
        @Option(help: "Ghi chú (kế hoạch triển khai…).") var note: String?
        @Option(help: "Ngày xác nhận YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            try recordAct(options, MessageBody(GuidanceAcknowledged(guidanceID: id, acknowledgedOn: try parseDate(on, "--on"), note: note)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách văn bản hướng dẫn và số đơn vị đã xác nhận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ chủ đề này.") var topic: String?
        @Option(help: "Chỉ văn bản của cơ quan này.") var publisher: String?
        @Option(help: "Chỉ văn bản gửi tới đơn vị này.") var addressee: String?

        func run() throws {
            var parameters: [String: String] = [:]
            if let topic { parameters["topic"] = topic }
            if let publisher { parameters["publisher"] = publisher }
            if let addressee { parameters["addressee"] = addressee }
            let rows = try queryDaemon(options, "guidance.list", parameters, as: [GuidanceRow].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Chưa có văn bản hướng dẫn nào.") }
                var table = Table(["Mã", "Số, ký hiệu", "Chủ đề", "Trích yếu", "Ngày", "Cơ quan ban hành", "Đã xác nhận"], rightAligned: [6])
                for r in rows {
                    table.add([r.guidanceID, r.documentRef, r.topic.vietnameseName, r.title, r.issuedOn.vietnameseText, r.publishedBy,
                               "\(r.acknowledged)/\(r.addressees)"])
                }
                print(table.render())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Một văn bản hướng dẫn và ngày xác nhận của từng đơn vị nhận.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã văn bản.") var id: String

        func run() throws {
            let record = try queryDaemon(options, "guidance.show", ["id": id], as: GuidanceRecord.self)
            options.emit(record) {
                print("\(record.documentRef) — \(record.title)")
                print("  Chủ đề: \(record.topic.vietnameseName); ban hành \(record.issuedOn.vietnameseText) bởi \(record.publishedBy)")
                print("  Nội dung: \(record.summary)")
                print("")
                var table = Table(["Đơn vị nhận", "Tên", "Ngày xác nhận", "Ghi chú"])
                for a in record.addressees {
                    table.add([a.agency, a.agencyName ?? "", a.acknowledgedOn?.vietnameseText ?? "chưa xác nhận", a.note ?? ""])
                }
                print(table.render())
                print("Đã xác nhận: \(record.addressees.filter { $0.acknowledgedOn != nil }.count)/\(record.addressees.count)")
            }
        }
    }

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các đơn vị chưa xác nhận đã nhận văn bản hướng dẫn.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Chỉ đơn vị này.") var agency: String?

        func run() throws {
            let rows = try queryDaemon(options, "guidance.pending", agency.map { ["agency": $0] } ?? [:], as: [PendingAcknowledgement].self)
            options.emit(rows) {
                guard !rows.isEmpty else { return print("Mọi đơn vị nhận đã xác nhận.") }
                var table = Table(["Đơn vị", "Tên", "Mã văn bản", "Số, ký hiệu", "Ngày ban hành", "Số ngày chờ"], rightAligned: [5])
                for r in rows {
                    table.add([r.agency, r.agencyName ?? "", r.guidanceID, r.documentRef, r.issuedOn.vietnameseText, "\(r.daysWaiting)"])
                }
                print(table.render())
            }
        }
    }
}

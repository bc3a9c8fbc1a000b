import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

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
            try recordAct(options, MessageBody(CertificateIssued(
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
            try recordAct(options, MessageBody(CertificateRevoked(
                certificateNo: number, businessID: business, district: try ownAgency(options),
                revokedOn: try parseDate(on, "--on"), ground: ground)))
        }
    }
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

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
            try recordAct(options, MessageBody(BusinessRegistered(
                businessID: id, name: name, kind: kind, district: try ownAgency(options), address: address, owner: owner,
                machines: machines, ispContract: ispContract, registeredOn: try parseDate(on, "--on"))))
        }
    }
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complaint", abstract: "Đơn thư khiếu nại, tố cáo: tiếp nhận, thụ lý, giao xác minh, gia hạn, giải quyết (Điều 3.6).", subcommands: [])
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "Đề xuất đào tạo, bồi dưỡng (Điều 3.4).", subcommands: [])
}

struct OutreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outreach", abstract: "Tuyên truyền, phổ biến kiến thức về Internet (Điều 3.7, 8, 9).", subcommands: [])
}

struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "school", abstract: "Chương trình Internet trong trường học (Sở GD-ĐT, Điều 8).", subcommands: [])
}

struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "funding", abstract: "Kinh phí: đề nghị, phân bổ (Sở Tài chính, Điều 6).", subcommands: [])
}

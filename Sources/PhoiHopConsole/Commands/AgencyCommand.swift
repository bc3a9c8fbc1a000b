import PhoiHopDomain
import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// `phoihop agency list|show`: every agency daemon as the hub sees it (at an agency: the hub as
/// the agency sees it), from the daemon's `status` — online or not, the last heartbeat, the
/// version, the two streams' counts and the clock skew.
struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency",
        abstract: "Các đơn vị kết nối với daemon (tại Sở TT&TT: mọi cơ quan; tại cơ quan: Sở TT&TT): trực tuyến, lần cuối liên lạc, phiên bản, số thông điệp hai chiều, lệch giờ.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bảng các đơn vị kết nối, mỗi đơn vị một dòng.")
        @OptionGroup var options: ControlOptions

        func run() throws {
            let status = try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self)
            let rows = AgencyRow.rows(status)
            options.emit(rows) { print(AgencyCommand.render(rows)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chi tiết một đơn vị kết nối.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã đơn vị, ví dụ district-ben-luc hoặc so-tttt.") var id: String

        func run() throws {
            let wanted = try agencyID(id, "--id")
            let status = try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self)
            let rows = AgencyRow.rows(status)
            guard let row = rows.first(where: { $0.agency == wanted }) else {
                throw ConsoleFailure("\(status.agency) không có đơn vị \(wanted) trong danh sách kết nối; các đơn vị: "
                    + rows.map(\.agency.rawValue).joined(separator: ", "))
            }
            options.emit(row) { print(AgencyCommand.render(row)) }
        }
    }

    /// The table of `agency list`.
    static func render(_ rows: [AgencyRow], in language: ConsoleLanguage = .current) -> String {
        guard !rows.isEmpty else { return language == .en ? "No agency connected." : "Chưa có đơn vị nào kết nối." }
        var table = Table(["Đơn vị", "Vai trò", "Trạng thái", "Lần cuối liên lạc", "Cách đây", "Phiên bản", "Gửi đi", "Đã xác nhận",
                           "Chờ gửi", "Nhận về", "Đã áp dụng", "Chờ nhận", "Từ chối", "Lệch giờ"],
                          rightAligned: [6, 7, 8, 9, 10, 11, 12, 13])
        for row in rows {
            table.add([row.agency.rawValue, row.role.rawValue, row.online ? "trực tuyến" : "ngoại tuyến", VietnameseFormat.time(row.lastSeen),
                       ago(row.lastSeen, now: row.asOf, in: language), row.version ?? "—", "\(row.sent)", "\(row.acknowledged)",
                       "\(row.pendingOut)", "\(row.received)", "\(row.applied)", "\(row.pendingIn)", "\(row.rejected)",
                       skew(row.clockSkewMilliseconds)])
        }
        return table.render(in: language)
    }

    /// The detail of `agency show`: one labelled line per figure, labels from the list's headers.
    static func render(_ row: AgencyRow, in language: ConsoleLanguage = .current) -> String {
        let lines: [(String, String)] = [
            ("Đơn vị", "\(row.agency) (\(language == .en ? row.role.rawValue : row.role.vietnameseName))"),
            ("Trạng thái", localizedCell(row.online ? "trực tuyến" : "ngoại tuyến", in: language)),
            ("Lần cuối liên lạc", "\(VietnameseFormat.time(row.lastSeen)) (\(ago(row.lastSeen, now: row.asOf, in: language)))"),
            ("Phiên bản", row.version ?? "—"),
            ("Gửi đi", "\(row.sent)"), ("Đã xác nhận", "\(row.acknowledged)"), ("Chờ gửi", "\(row.pendingOut)"),
            ("Nhận về", "\(row.received)"), ("Đã áp dụng", "\(row.applied)"), ("Chờ nhận", "\(row.pendingIn)"),
            ("Từ chối", "\(row.rejected)"), ("Lệch giờ", skew(row.clockSkewMilliseconds)),
        ]
        let labels = lines.map { localized($0.0, in: language) + ":" }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, lines).map { label, line in label + String(repeating: " ", count: width - label.count) + " " + line.1 }
            .joined(separator: "\n")
    }

    /// "+120 ms" / "-3 s": the peer's clock against ours, "—" before its first heartbeat.
    static func skew(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "—" }
        let sign = milliseconds < 0 ? "-" : "+"
        let size = abs(milliseconds)
        return size < 10_000 ? "\(sign)\(size) ms" : "\(sign)\(size / 1000) s"
    }
}

/// One agency as `agency list --json` prints it: the daemon's view of a peer, both streams.
struct AgencyRow: Codable, Sendable, Equatable {
    var agency: AgencyID
    var role: Role
    var online: Bool
    /// The last frame from the agency (ms since the epoch; nil: never seen).
    var lastSeen: Int64?
    /// The daemon's clock when it answered (ms since the epoch): what "ago" counts from.
    var asOf: Int64
    var version: String?
    /// Our stream to the agency: acts recorded for it, acknowledged by it, waiting.
    var sent: UInt64
    var acknowledged: UInt64
    var pendingOut: UInt64
    /// Its stream to us: acts it says it recorded for us, applied here, waiting.
    var received: UInt64
    var applied: UInt64
    var pendingIn: UInt64
    /// Inputs the agency says it rejected.
    var rejected: UInt64
    /// The agency's clock minus ours at its last heartbeat, in ms.
    var clockSkewMilliseconds: Int64?

    static func rows(_ status: DaemonStatus) -> [AgencyRow] {
        status.peers.sorted { $0.id < $1.id }.map { peer in
            AgencyRow(agency: peer.id, role: peer.role, online: peer.online, lastSeen: peer.lastSeen, asOf: status.now,
                      version: peer.version, sent: peer.outboundLastSeq,
                      acknowledged: peer.outboundLastSeq >= peer.outboundPending ? peer.outboundLastSeq - peer.outboundPending : 0,
                      pendingOut: peer.outboundPending, received: peer.peerLastSeq, applied: peer.applied,
                      pendingIn: peer.inboundPending, rejected: peer.peerRejected, clockSkewMilliseconds: peer.clockSkewMilliseconds)
        }
    }
}

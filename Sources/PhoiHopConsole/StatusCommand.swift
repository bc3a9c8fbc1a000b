import PhoiHopDomain
import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore

/// `phoihop status`: the daemon and every agency it knows.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Trạng thái của daemon và các đơn vị kết nối: trực tuyến hay không, lần cuối liên lạc, số thông điệp đã gửi, đã áp dụng, đang chờ.")

    @OptionGroup var options: ControlOptions

    @Option(help: "Chờ đến khi có ít nhất chừng này đơn vị trực tuyến (cho chương trình khác) rồi mới in.")
    var waitOnline: Int?

    @Option(help: "Thôi chờ sau chừng này giây (mã thoát 3).")
    var timeout = 60

    @Flag(help: "Làm mới mỗi giây cho đến khi nhấn Ctrl-C, kèm tốc độ nhận bù (tin/giây) và thời gian còn lại ước tính.")
    var watch = false

    @Flag(help: "Làm mới mỗi giây cho đến khi không còn đơn vị trực tuyến nào chờ nhận bù, rồi thoát (mã 0).")
    var untilCaughtUp = false

    func run() throws {
        var status = try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self)
        if let wanted = waitOnline {
            let deadline = Date().addingTimeInterval(TimeInterval(timeout))
            while status.peers.filter(\.online).count < wanted {
                guard Date() < deadline else {
                    FileHandle.standardError.write(Data("only \(status.peers.filter(\.online).count) of \(wanted) agencies online after \(timeout) s\n".utf8))
                    throw ExitCode(3)
                }
                usleep(100_000) // polling a remote daemon: there is no event to await across processes
                status = try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self)
            }
        }
        guard watch || untilCaughtUp else {
            let shown = status
            options.emit(shown) { print(StatusCommand.render(shown)) }
            return
        }
        // Following a catch-up: one status a second (polling: there is no event across processes).
        let clear = !options.json && isatty(STDOUT_FILENO) != 0
        var previous: DaemonStatus?
        while true {
            let shown = status, before = previous
            if clear { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            options.emit(shown) { print(StatusCommand.render(shown, previous: before)) }
            if untilCaughtUp && StatusCommand.caughtUp(shown) {
                if !options.json { print(StatusCommand.caughtUpLine) }
                fflush(nil) // every stream: the operator sees each refresh at once, also through a pipe
                return
            }
            if !clear && !options.json { print("") }
            fflush(nil) // every stream: the operator sees each refresh at once, also through a pipe
            usleep(1_000_000)
            previous = status
            status = try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self)
        }
    }

    static let caughtUpLine = "Đã nhận bù xong: không đơn vị trực tuyến nào còn thông điệp chờ nhận."

    /// The inbound backlog of a peer: what it says it recorded for this daemon, not yet applied.
    static func backlog(_ peer: PeerStatus) -> UInt64 {
        peer.peerLastSeq > peer.applied ? peer.peerLastSeq - peer.applied : 0
    }

    /// No online peer has a backlog, and every online peer's figure is from a heartbeat of this
    /// run (a daemon just started may have applied a peer's acts before hearing its heartbeat).
    /// An offline peer's backlog is unknown until it connects: it does not hold the wait.
    static func caughtUp(_ status: DaemonStatus) -> Bool {
        status.peers.filter(\.online).allSatisfy { backlog($0) == 0 && $0.heartbeatSinceStart != false }
    }

    /// The progress line of a peer with a backlog, nil for one without: applied/peerLastSeq and
    /// the percentage; with the previous status (a second earlier under `--watch`), the rate and
    /// the time left at that rate.
    static func progressLine(_ peer: PeerStatus, now: Int64, previous: DaemonStatus?) -> String? {
        let left = backlog(peer)
        guard left > 0 else { return nil }
        // Floor, so 99.99 % never shows as 100 % while a message is still missing.
        let percent = Double(peer.applied * 1000 / peer.peerLastSeq) / 10
        var line = "\(peer.id.rawValue) — đang nhận bù: \(peer.applied)/\(peer.peerLastSeq) (\(String(format: "%.1f", percent))%)"
        if let previous, let before = previous.peers.first(where: { $0.id == peer.id }), now > previous.now, peer.applied >= before.applied {
            let rate = Double(peer.applied - before.applied) * 1000 / Double(now - previous.now)
            line += ", \(Int(rate.rounded())) tin/giây"
            if rate >= 1 { line += ", còn khoảng \(duration(Double(left) / rate))" }
        }
        return line
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) giây" }
        if s < 3600 { return "\(s / 60) phút \(s % 60) giây" }
        return "\(s / 3600) giờ \(s % 3600 / 60) phút"
    }

    /// The store cannot be written: what the officer sees above the peers' table.
    static func storeWarning(_ failure: StoreWriteFailure) -> String {
        let cause = switch failure.kind {
        case .diskFull: "đĩa đầy"
        case .notWritable: "đĩa chỉ đọc hoặc lỗi đĩa"
        }
        let remedy = switch failure.kind {
        case .diskFull: "giải phóng dung lượng trên đĩa chứa \(failure.database)"
        case .notWritable: "báo quản trị viên kiểm tra hệ thống tệp chứa \(failure.database)"
        }
        return "CẢNH BÁO: không ghi được cơ sở dữ liệu (\(cause)) từ \(VietnameseFormat.time(failure.since)), \(failure.failedWrites) lần ghi thất bại, "
            + "lần cuối \(VietnameseFormat.time(failure.last)). Hoạt động mới không được ghi nhận; thông điệp từ các đơn vị chưa được xác nhận và sẽ được gửi lại. "
            + "Cách khắc phục: \(remedy). Dữ liệu đã ghi nhận trước đó vẫn an toàn."
    }

    static func render(_ status: DaemonStatus, previous: DaemonStatus? = nil, in language: ConsoleLanguage = .current) -> String {
        let online = status.peers.filter(\.online).count
        var lines = [
            "Đơn vị: \(status.agency) (\(status.role.vietnameseName)) — phiên bản \(status.version)",
            "Khởi động: \(VietnameseFormat.time(status.startedAt))   Hiện tại: \(VietnameseFormat.time(status.now))",
            "Đã nhận \(status.counters.received), đã áp dụng \(status.counters.applied), trùng lặp \(status.counters.duplicates), từ chối \(status.counters.rejectedTotal), đã gửi \(status.counters.sent), gửi lại \(status.counters.resent)",
            "Đơn vị kết nối: \(online)/\(status.peers.count) trực tuyến",
        ]
        if let failure = status.storeWriteFailure { lines.append(storeWarning(failure)) }
        lines.append("")
        var table = Table(["Đơn vị", "Vai trò", "Trạng thái", "Lần cuối", "Đã gửi", "Đã áp dụng", "Chờ nhận", "Chờ gửi", "Từ chối"],
                          rightAligned: [4, 5, 6, 7, 8])
        for peer in status.peers {
            table.add([peer.id.rawValue, peer.role.rawValue, peer.online ? "trực tuyến" : "ngoại tuyến", VietnameseFormat.time(peer.lastSeen),
                       "\(peer.peerLastSeq)", "\(peer.applied)", "\(peer.inboundPending)", "\(peer.outboundPending)", "\(peer.peerRejected)"])
        }
        lines.append(table.render(in: language))
        let progress = status.peers.compactMap { progressLine($0, now: status.now, previous: previous) }
        if !progress.isEmpty {
            lines.append("")
            lines += progress
        }
        if !status.counters.rejected.isEmpty {
            lines.append("")
            lines.append("Đầu vào bị từ chối theo lý do: " + status.counters.rejected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if status.counters.handedOver > 0 {
            lines.append("Đã chuyển giao lại \(status.counters.handedOver) hoạt động từ nhật ký cho đơn vị tham gia muộn hoặc mất dữ liệu.")
        }
        if status.counters.handoverAlreadyHeld > 0 {
            lines.append("Bỏ qua \(status.counters.handoverAlreadyHeld) hoạt động chuyển giao lại đã có sẵn.")
        }
        if status.counters.unverifiedRelays > 0 {
            lines.append("CẢNH BÁO: \(status.counters.unverifiedRelays) hoạt động chuyển tiếp được áp dụng mà không kiểm tra được chữ ký của đơn vị ghi nhận (thiếu khóa ký trong mục signers của cấu hình); thêm khóa công khai của đơn vị đó và tải lại cấu hình.")
        }
        return lines.joined(separator: "\n")
    }
}

/// `phoihop report`: counts per district and type (`summary`, the default), and the official
/// periodic report (`periodic`, Commands/ReportsCommands.swift).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Báo cáo: tổng hợp số hoạt động (mặc định) và báo cáo định kỳ theo mẫu văn bản hành chính.",
        subcommands: [Summary.self, Periodic.self, AdHoc.self, Review.self, Compiled.self, Issue.self, Archive.self], defaultSubcommand: Summary.self)

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo cáo tổng hợp: số hoạt động đã ghi nhận theo địa bàn và loại, cùng các số liệu chính của tỉnh.")

        @OptionGroup var options: ControlOptions

        func run() throws {
            let report = try callDaemon(options, ControlCommand(command: "report"), as: ProvinceReportData.self)
            options.emit(report) { print(ReportCommand.render(report)) }
        }
    }

    static func render(_ report: ProvinceReportData, in language: ConsoleLanguage = .current) -> String {
        let t = report.totals
        var lines = [
            "BÁO CÁO TỔNG HỢP HOẠT ĐỘNG QUẢN LÝ DỊCH VỤ INTERNET — tỉnh \(report.province)",
            "Đơn vị lập: \(report.agency)   Thời điểm: \(VietnameseFormat.time(report.generatedAt))",
            "",
            "Tổng số thông điệp đã ghi nhận: \(t.messages)",
            "Doanh nghiệp/điểm kinh doanh: \(t.businesses)   Giấy chứng nhận còn hiệu lực: \(t.validCertificates)   đã thu hồi: \(t.revokedCertificates)",
            "Kế hoạch kiểm tra: \(t.inspectionPlans)   Lượt kiểm tra: \(t.inspections)   Vi phạm: \(t.violations)   Sự cố an ninh thông tin: \(t.incidents)",
        ]
        if t.anomalies > 0 { lines.append("Bất thường cần xem xét: \(t.anomalies)") }
        lines.append("")
        // The headline types get a column each; every other act is counted under "Khác".
        let types = MessageType.headline.filter { type in report.counts.contains { $0.type == type.rawValue } }
        let headline = Set(types.map(\.rawValue))
        var table = Table(["Địa bàn"] + types.map { $0.shortVietnameseName ?? $0.rawValue } + ["Khác", "Tổng"],
                          rightAligned: Set(1...(types.count + 2)))
        // Rows in the province file's order; acts with no district ("toàn tỉnh") last.
        let present = Set(report.counts.map(\.district))
        let districts = report.districtOrder.filter(present.contains) + present.subtracting(report.districtOrder).sorted().reversed()
        var columnTotals = Array(repeating: 0, count: types.count + 2)
        for district in districts {
            let name = district.isEmpty ? "(toàn tỉnh)" : report.districtNames[district] ?? district
            var row = [name]
            var sum = 0
            for (i, type) in types.enumerated() {
                let n = report.counts.first { $0.district == district && $0.type == type.rawValue }?.count ?? 0
                row.append("\(n)"); sum += n; columnTotals[i] += n
            }
            let other = report.counts.filter { $0.district == district && !headline.contains($0.type) }.map(\.count).reduce(0, +)
            row.append("\(other)"); sum += other; columnTotals[types.count] += other
            columnTotals[types.count + 1] += sum
            table.add(row + ["\(sum)"])
        }
        table.add(["Cộng"] + columnTotals.map { "\($0)" })
        lines.append(table.render(in: language))
        return lines.joined(separator: "\n")
    }
}

extension MessageType {
    /// The types the summary report gives a column of their own.
    static let headline: [MessageType] = [
        .businessRegistered, .certificateIssued, .certificateRevoked, .inspectionPlanned, .inspectionRecorded,
        .violationRecorded, .sanctionDecided, .complaintReceived, .incidentReported,
    ]

    /// Column headings short enough for a terminal.
    var shortVietnameseName: String? {
        switch self {
        case .businessRegistered: "Đăng ký"
        case .certificateIssued: "Cấp GCN"
        case .certificateRevoked: "Thu hồi GCN"
        case .inspectionRecorded: "Kiểm tra"
        case .violationRecorded: "Vi phạm"
        case .sanctionDecided: "Xử phạt"
        case .complaintReceived: "Đơn thư"
        case .incidentReported: "Sự cố"
        case .inspectionPlanned: "Kế hoạch KT"
        default: nil
        }
    }
}

import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

/// What one frame of `phoihop top` says, as lines no wider or more numerous than the terminal:
/// a pure function of a ``TopSnapshot`` and a size, so it is tested with fixed snapshots and the
/// terminal driver (``Terminal``) only paints what it returns.
enum TopScreen {
    /// The part of the screen below the header: everything, or one section on the whole screen (Tab).
    enum Pane: String, CaseIterable, Sendable {
        case overview, agencies, deadlines, acts

        var vietnameseName: String {
            switch self {
            case .overview: "Tổng quan"
            case .agencies: "Đơn vị"
            case .deadlines: "Thời hạn"
            case .acts: "Hoạt động"
            }
        }

        var next: Pane { Pane.allCases[(Pane.allCases.firstIndex(of: self)! + 1) % Pane.allCases.count] }
    }

    /// How the driver paints a line: a section title in reverse video, column headers in bold,
    /// an offline agency, an overdue item or a failed refresh in bold red.
    enum Style: Equatable, Sendable { case plain, title, header, alert }

    struct Line: Equatable, Sendable {
        var text: String
        var style: Style = .plain
    }

    /// The frame's text, one string per terminal row: `height` of them (fewer only on a screen
    /// too small for the header), each at most `width` long, the keys' line last.
    static func render(_ snapshot: TopSnapshot, width: Int, height: Int, pane: Pane = .overview) -> [String] {
        lines(snapshot, width: width, height: height, pane: pane).map(\.text)
    }

    /// The frame with each line's style.
    static func lines(_ snapshot: TopSnapshot, width: Int, height: Int, pane: Pane = .overview) -> [Line] {
        guard width > 0, height > 0 else { return [] }
        var top = [Line(text: headerLine(snapshot, width: width), style: .title),
                   Line(text: summaryLine(snapshot, width: width))]
        if let problem = snapshot.problem {
            top.append(Line(text: ScreenText.fit("Lần làm mới cuối không thành công: \(problem)", width), style: .alert))
        }
        if let failure = snapshot.status.storeWriteFailure {
            top.append(Line(text: ScreenText.fit(StatusCommand.storeWarning(failure), width), style: .alert))
        }
        let footer = Line(text: ScreenText.fit("q thoát · r làm mới · Tab chuyển khung — đang xem: \(pane.vietnameseName)", width), style: .title)
        guard height > top.count + 1 else { return Array((top + [footer]).prefix(height)) }

        let sections: [Section] = switch pane {
        case .overview: [agencies(snapshot, width: width), deadlines(snapshot, width: width), acts(snapshot, width: width)]
        case .agencies: [agencies(snapshot, width: width)]
        case .deadlines: [deadlines(snapshot, width: width)]
        case .acts: [acts(snapshot, width: width)]
        }
        let body = layout(sections, height: height - top.count - 1)
        // The keys' line on the bottom row, where the eye looks for it.
        let blank = Array(repeating: Line(text: ""), count: height - top.count - 1 - body.count)
        return top + body + blank + [footer]
    }

    /// A titled table: its rows are cut to the room the layout gives it.
    struct Section {
        var title: String
        var header: String
        var rows: [Line]
        /// What stands in for the rows that do not fit, e.g. "… và 3 đơn vị khác".
        var more: (Int) -> String
    }

    /// The sections stacked with a blank line between them in `height` rows: each needs its title,
    /// its header and one row; sections that cannot get that much are left out from the bottom;
    /// the rows left are shared so a short section keeps all its rows and the others split the rest.
    static func layout(_ all: [Section], height: Int) -> [Line] {
        var sections = all
        while !sections.isEmpty, sections.count * 3 + (sections.count - 1) > height { sections.removeLast() }
        guard !sections.isEmpty else { return [] }
        var room = height - sections.count * 2 - (sections.count - 1)
        var shares = Array(repeating: 0, count: sections.count)
        var waiting = Set(sections.indices)
        // Water-filling: a section needing less than an equal share gets what it needs.
        while !waiting.isEmpty, room > 0 {
            let share = max(1, room / waiting.count)
            var progressed = false
            for i in waiting.sorted() where room > 0 {
                let need = max(1, sections[i].rows.count) - shares[i]
                let given = min(need, share, room)
                shares[i] += given; room -= given
                if given > 0 { progressed = true }
                if shares[i] >= max(1, sections[i].rows.count) { waiting.remove(i) }
            }
            if !progressed { break }
        }
        var out: [Line] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { out.append(Line(text: "")) }
            out.append(Line(text: section.title, style: .title))
            out.append(Line(text: section.header, style: .header))
            if section.rows.count <= shares[i] {
                out += section.rows
            } else {
                out += section.rows.prefix(shares[i] - 1)
                out.append(Line(text: section.more(section.rows.count - shares[i] + 1)))
            }
        }
        return out
    }

    // MARK: - The header

    static func headerLine(_ snapshot: TopSnapshot, width: Int) -> String {
        let status = snapshot.status
        return ScreenText.join([
            "PhoiHop top — \(status.agency.rawValue) (\(status.role.vietnameseName))",
            "\(VietnameseFormat.time(status.now)) giờ Việt Nam",
            "chạy \(StatusCommand.duration(Double(max(0, status.now - status.startedAt)) / 1000))",
            "làm mới mỗi \(decimal(snapshot.interval)) giây",
            "phiên bản \(status.version)",
        ], width: width)
    }

    static func summaryLine(_ snapshot: TopSnapshot, width: Int) -> String {
        let status = snapshot.status
        let rates = snapshot.throughput.map {
            ["áp dụng \(decimal($0.appliedPerSecond)) tin/giây", "gửi \(decimal($0.sentPerSecond)) tin/giây"]
        } ?? ["tốc độ: đang đo"]
        return ScreenText.join([
            "Trực tuyến \(status.peers.filter(\.online).count)/\(status.peers.count)",
        ] + rates + [
            "chờ nhận \(status.peers.map(\.inboundPending).reduce(0, +))",
            "chờ gửi \(status.peers.map(\.outboundPending).reduce(0, +))",
            "từ chối \(status.counters.rejectedTotal)",
            "đã áp dụng \(status.counters.applied)", "đã gửi \(status.counters.sent)",
        ], width: width)
    }

    // MARK: - The sections

    static func agencies(_ snapshot: TopSnapshot, width: Int) -> Section {
        let status = snapshot.status
        var table = ScreenTable([
            .init(header: "Đơn vị", maximum: 28), .init(header: "Trạng thái"), .init(header: "Lần cuối"),
            .init(header: "Chờ nhận", rightAligned: true), .init(header: "Chờ gửi", rightAligned: true),
            .init(header: "Từ chối", rightAligned: true), .init(header: "Lệch giờ", rightAligned: true),
            .init(header: "Tin/giây", rightAligned: true), .init(header: "Đã áp dụng", rightAligned: true),
            .init(header: "Vai trò"), .init(header: "Phiên bản"),
        ])
        // Offline agencies first: they are what the operator has to act on.
        let peers = status.peers.enumerated().sorted { ($0.element.online ? 1 : 0, $0.offset) < ($1.element.online ? 1 : 0, $1.offset) }.map(\.element)
        for peer in peers {
            table.add([
                peer.id.rawValue, peer.online ? "trực tuyến" : "NGOẠI TUYẾN",
                peer.lastSeen.map { age(milliseconds: status.now - $0) } ?? "chưa từng",
                "\(peer.inboundPending)", "\(peer.outboundPending)", "\(peer.peerRejected)", skew(peer.clockSkewMilliseconds),
                snapshot.throughput?.appliedPerSecondByPeer[peer.id].map(decimal) ?? "—", "\(peer.applied)",
                peer.role.rawValue, peer.version ?? "—",
            ])
        }
        let fitted = table.render(width: width)
        let online = status.peers.filter(\.online).count
        let rows = zip(peers, fitted.rows).map { peer, text in Line(text: text, style: peer.online ? .plain : .alert) }
        return Section(
            title: ScreenText.fit("ĐƠN VỊ — \(online)/\(status.peers.count) trực tuyến", width), header: fitted.header,
            rows: rows.isEmpty ? [Line(text: ScreenText.fit("Chưa biết đơn vị nào.", width))] : rows,
            more: { ScreenText.fit("… và \($0) đơn vị khác", width) })
    }

    static func deadlines(_ snapshot: TopSnapshot, width: Int) -> Section {
        var table = ScreenTable([
            .init(header: "Tình trạng"), .init(header: "Còn", rightAligned: true), .init(header: "Mã", maximum: 24),
            .init(header: "Cơ quan", maximum: 24), .init(header: "Nội dung", flexible: true, minimum: 10, maximum: 48),
            .init(header: "Việc", maximum: 30), .init(header: "Hạn"),
        ])
        let overdue = snapshot.overdue, today = snapshot.dueToday
        for item in overdue + today {
            table.add([item.standing == .overdue ? "Quá hạn" : "Hôm nay", "\(item.daysLeft)", item.subjectID, item.responsible.rawValue,
                       item.summary, item.subject.vietnameseName, item.dueOn.vietnameseText])
        }
        let fitted = table.render(width: width)
        let rows = zip(overdue + today, fitted.rows).map { item, text in Line(text: text, style: item.standing == .overdue ? .alert : .plain) }
        let title: String
        if let board = snapshot.deadlines {
            title = "THỜI HẠN — ngày \(board.today.vietnameseText): \(overdue.count) quá hạn · \(today.count) đến hạn hôm nay · \(snapshot.dueSoonCount) sắp đến hạn"
        } else {
            title = "THỜI HẠN — chưa lấy được bảng theo dõi thời hạn"
        }
        let empty = snapshot.deadlines == nil ? "—" : "Không có việc quá hạn hay đến hạn hôm nay."
        return Section(title: ScreenText.fit(title, width), header: fitted.header,
                       rows: rows.isEmpty ? [Line(text: ScreenText.fit(empty, width))] : rows,
                       more: { ScreenText.fit("… và \($0) việc khác (phoihop deadlines)", width) })
    }

    static func acts(_ snapshot: TopSnapshot, width: Int) -> Section {
        var table = ScreenTable([
            .init(header: "Số", rightAligned: true), .init(header: "Lúc"), .init(header: "Hoạt động", flexible: true, minimum: 10, maximum: 36),
            .init(header: "Đơn vị ghi", maximum: 24), .init(header: "Địa bàn", maximum: 24), .init(header: "Doanh nghiệp", maximum: 24),
        ])
        for act in snapshot.recentActs {
            table.add(["\(act.position)", shortTime(act.sentAt), act.typeName, act.author, act.district ?? "", act.business ?? ""])
        }
        let fitted = table.render(width: width)
        return Section(
            title: ScreenText.fit("HOẠT ĐỘNG MỚI NHẤT — \(snapshot.status.totals.messages) hoạt động trong nhật ký", width), header: fitted.header,
            rows: fitted.rows.isEmpty ? [Line(text: ScreenText.fit("Chưa có hoạt động nào.", width))] : fitted.rows.map { Line(text: $0) },
            more: { ScreenText.fit("… và \($0) hoạt động trước đó (phoihop acts)", width) })
    }

    // MARK: - Figures

    /// One decimal with a decimal comma, as Vietnamese writes it: 3,5; whole numbers without: 2.
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(abs(tenths % 10))"
    }

    /// A peer's clock skew: "+12 ms" under a second, "-1,5 giây" above; "—" before a heartbeat.
    static func skew(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "—" }
        let sign = milliseconds < 0 ? "-" : "+"
        return abs(milliseconds) < 1000 ? "\(sign)\(abs(milliseconds)) ms" : "\(sign)\(decimal(Double(abs(milliseconds)) / 1000)) giây"
    }

    /// How long ago, in its largest unit, short enough for a narrow column: "4 giây", "12 phút",
    /// "3 giờ", "2 ngày".
    static func age(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        if seconds < 60 { return "\(seconds) giây" }
        if seconds < 3600 { return "\(seconds / 60) phút" }
        if seconds < 86_400 { return "\(seconds / 3600) giờ" }
        return "\(seconds / 86_400) ngày"
    }

    /// "20/11 14:03:07": the log's time of an act in Vietnam, without the year.
    static func shortTime(_ milliseconds: Int64) -> String {
        let full = VietnameseFormat.time(milliseconds)
        return "\(full.prefix(5)) \(full.suffix(8))"
    }
}

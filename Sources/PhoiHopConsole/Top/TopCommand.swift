import ArgumentParser
import Foundation

/// `phoihop top`: a full-screen live view of the officer's own daemon — its agencies online or
/// not, throughput, backlogs, deadlines due today and overdue, the latest acts — refreshed every
/// `--interval` seconds until q. Plain VT100 controls (``Terminal``), so it works over SSH.
///
/// When standard input or output is not a terminal (a pipe, a script, cron) it prints one frame
/// (`--json`: the snapshot as JSON) and exits 0 instead of taking over a screen that is not there.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Màn hình theo dõi trực tiếp: các đơn vị trực tuyến hay không, tốc độ, việc tồn, thời hạn hôm nay và quá hạn, hoạt động mới nhất.",
        discussion: """
            Làm mới mỗi --interval giây. Phím: q (hoặc Ctrl-C) thoát, r làm mới ngay, Tab chuyển giữa tổng quan và từng khung \
            (đơn vị, thời hạn, hoạt động). Dùng được qua SSH. Khi đầu ra không phải màn hình (chuyển vào tệp, vào lệnh khác), \
            in một khung rồi thoát với mã 0; --json in số liệu của khung đó dưới dạng JSON. Tại Sở TT&TT: cả tỉnh; tại cơ quan \
            khác: các việc của cơ quan mình.
            """)

    @OptionGroup var options: ControlOptions

    @Option(help: "Làm mới sau chừng này giây (mặc định 2; từ 0.2 đến 3600).")
    var interval: Double = 2

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else {
            throw ValidationError("--interval: \(interval) giây nằm ngoài khoảng cho phép; hãy chọn từ 0.2 đến 3600 giây, ví dụ --interval 2")
        }
    }

    func run() throws {
        let sampler = try TopSampler(options: options, interval: interval, timeoutMilliseconds: 3000)
        var snapshot = try sampler.sample()
        guard Terminal.isInteractive, !options.json else {
            options.emit(snapshot) {
                let size = Terminal.size() ?? Self.environmentSize()
                print(TopScreen.render(snapshot, width: size.width, height: size.height).joined(separator: "\n"))
            }
            return
        }
        try Terminal.enter()
        defer { Terminal.leave() }
        var pane = TopScreen.Pane.overview
        var nextRefresh = Date().addingTimeInterval(interval)
        while true {
            let size = Terminal.size() ?? (80, 24)
            Terminal.draw(TopScreen.lines(snapshot, width: size.width, height: size.height, pane: pane), width: size.width, height: size.height)
            var refresh = false
            switch Terminal.waitForInput(timeoutMilliseconds: Int32(max(0, nextRefresh.timeIntervalSinceNow * 1000))) {
            case .timedOut: refresh = Date() >= nextRefresh
            case .resized: break
            case .closed: return
            case .keys(let keys):
                switch Self.command(keys) {
                case .quit: return
                case .refresh: refresh = true
                case .nextPane: pane = pane.next
                case .previousPane: pane = TopScreen.Pane.allCases.first { $0.next == pane } ?? .overview
                case nil: break
                }
            }
            if refresh {
                snapshot = try sampler.sample()
                nextRefresh = Date().addingTimeInterval(interval)
            }
        }
    }

    enum KeyCommand: Equatable { case quit, refresh, nextPane, previousPane }

    /// What a chunk of keyboard input asks for: q, Q or Ctrl-C quit; r refreshes; Tab and
    /// Shift-Tab (ESC [ Z) move between panes; anything else (arrows …) is ignored.
    static func command(_ keys: [UInt8]) -> KeyCommand? {
        if keys == [0x1B, 0x5B, 0x5A] { return .previousPane }
        if keys.first == 0x1B { return nil }
        if keys.contains(where: { $0 == UInt8(ascii: "q") || $0 == UInt8(ascii: "Q") || $0 == 0x03 }) { return .quit }
        if keys.contains(UInt8(ascii: "\t")) { return .nextPane }
        if keys.contains(where: { $0 == UInt8(ascii: "r") || $0 == UInt8(ascii: "R") }) { return .refresh }
        return nil
    }

    /// The size of the single frame printed when standard output is not a terminal:
    /// `$COLUMNS` × `$LINES` when exported, else 120 × 50.
    static func environmentSize() -> (width: Int, height: Int) {
        let environment = ProcessInfo.processInfo.environment
        let width = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 120
        let height = environment["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 50
        return (width, height)
    }
}

import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Synchronization

/// `phoihop tail`: the acts the daemon accepts, as they are logged — a follower of the query
/// `acts.since`, which returns the log in order after a position with its head, so the follower
/// asks again from there and misses nothing. Polls: the control channel has no push.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Theo dõi trực tiếp các hoạt động được ghi nhận, mỗi hoạt động một dòng, cho đến khi nhấn Ctrl-C.",
        discussion: "Bắt đầu từ cuối nhật ký (chỉ hoạt động mới), hoặc từ đầu với --from-start, hoặc sau vị trí --after N. --json in mỗi hoạt động một dòng JSON (JSON Lines). Mất kết nối với daemon: báo lỗi và thoát mã 1, hoặc thử lại mãi với --retry.")

    @OptionGroup var options: ControlOptions
    @Flag(help: "Bắt đầu từ hoạt động đầu tiên của nhật ký.") var fromStart = false
    @Option(help: "Bắt đầu sau vị trí nhật ký này.") var after: Int64?
    @Option(name: [.customLong("agency"), .customLong("author")], help: "Chỉ hoạt động của cơ quan này.") var agency: String?
    @Option(help: "Chỉ loại thông điệp này, ví dụ business.registered.") var type: String?
    @Option(help: "Chỉ hoạt động của địa bàn này, ví dụ district-ben-luc.") var district: String?
    @Option(help: "Dừng sau chừng này hoạt động (mã thoát 0).") var count: Int?
    @Option(help: "Hỏi daemon mỗi chừng này mili giây.") var intervalMilliseconds = 500
    @Flag(help: "Mất kết nối với daemon thì thử lại cho đến khi kết nối lại (mặc định: thoát mã 1).") var retry = false

    /// Set by SIGINT/SIGTERM: the loop ends after the line it is printing, with exit code 0.
    static let stopRequested = Atomic<Bool>(false)

    func validate() throws {
        if fromStart && after != nil { throw ValidationError("--from-start và --after không dùng cùng nhau; chọn một") }
        if let after, after < 0 { throw ValidationError("--after: vị trí nhật ký là số không âm, ví dụ --after 120") }
        if let count, count < 1 { throw ValidationError("--count: cần một số dương, ví dụ --count 10") }
        if let type, MessageType(rawValue: type) == nil {
            throw ValidationError("--type: '\(type)' không phải loại thông điệp; ví dụ business.registered, certificate.revoked")
        }
        if !(50...60_000).contains(intervalMilliseconds) { throw ValidationError("--interval-milliseconds: từ 50 đến 60000") }
    }

    func run() throws {
        var filters: [String: String] = ["limit": "200"]
        if let agency { filters["author"] = try agencyID(agency, "--agency").rawValue }
        if let district { filters["district"] = try agencyID(district, "--district").rawValue }
        if let type { filters["type"] = type }
        // Unblocked too: a parent may have started us with them blocked (libdispatch blocks the
        // signals it watches, and a spawned child inherits the mask).
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in TailCommand.stopRequested.store(true, ordering: .relaxed) }
            sigaddset(&signals, signalNumber)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        var follower = TailFollower(socketPath: options.socketPath, filters: filters, retry: retry)
        var cursor: Int64
        if fromStart { cursor = 0 } else if let after { cursor = after } else {
            guard let head = try follower.head() else { return }
            cursor = head
        }
        // On standard error, so standard output stays one act per line for scripts.
        FileHandle.standardError.write(Data("theo dõi các hoạt động sau vị trí \(cursor) của nhật ký (Ctrl-C để dừng)\n".utf8))
        var printed = 0
        while !Self.stopRequested.load(ordering: .relaxed) {
            guard let page = try follower.page(after: cursor) else { return }
            for entry in page.entries {
                print(options.json ? Self.jsonLine(entry) : Self.line(entry))
                printed += 1
                if let count, printed >= count { fflush(nil); return }
            }
            fflush(nil) // a pipe (a script, `grep`) sees each act at once
            // The last entry's position, or the head when the filters matched nothing up to it.
            cursor = page.entries.last?.position ?? max(cursor, page.head)
            if page.entries.count < 200 { usleep(UInt32(intervalMilliseconds) * 1000) } // interrupted by Ctrl-C
        }
    }

    /// One act, one line: "20/11/2026 14:03:07  #42  district-tan-an  Đăng ký điểm kinh doanh  địa bàn …".
    static func line(_ entry: ActEntry, in language: ConsoleLanguage = .current) -> String {
        let english = language == .en
        var parts = [VietnameseFormat.time(entry.sentAt), "#\(entry.position)", entry.author, entry.typeName]
        if let district = entry.district { parts.append((english ? "district " : "địa bàn ") + district) }
        if let business = entry.business { parts.append((english ? "business " : "điểm KD ") + business) }
        if let day = entry.actOn.flatMap({ try? CivilDate(parsing: $0) }) { parts.append((english ? "on " : "ngày ") + day.vietnameseText) }
        return parts.joined(separator: "  ")
    }

    /// One act as a compact JSON object on one line (JSON Lines).
    static func jsonLine(_ entry: ActEntry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entry)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The follower's side of the control channel: one client kept across polls, with a short
/// timeout, that reports losing the daemon once and either gives up (exit 1) or waits for it.
struct TailFollower {
    let socketPath: String
    let filters: [String: String]
    let retry: Bool
    var client: ControlClient?
    var lost = false

    init(socketPath: String, filters: [String: String], retry: Bool) {
        self.socketPath = socketPath; self.filters = filters; self.retry = retry
    }

    /// The log's last position; nil when stopped while waiting for the daemon.
    mutating func head() throws -> Int64? {
        try ask(["after": "\(Int64.max)", "limit": "1"])?.head
    }

    /// The acts after `cursor` matching the filters; nil when stopped while waiting for the daemon.
    mutating func page(after cursor: Int64) throws -> ActsSince? {
        try ask(filters.merging(["after": "\(cursor)"]) { $1 })
    }

    private mutating func ask(_ parameters: [String: String]) throws -> ActsSince? {
        while !TailCommand.stopRequested.load(ordering: .relaxed) {
            do {
                if client == nil { client = try ControlClient(path: socketPath, timeoutMilliseconds: 5000) }
                let answer = try client!.call(ControlCommand(command: "query", type: "acts.since", parameters: parameters), as: ActsSince.self)
                if lost {
                    FileHandle.standardError.write(Data("đã kết nối lại với daemon tại \(socketPath)\n".utf8))
                    lost = false
                }
                return answer
            } catch {
                if TailCommand.stopRequested.load(ordering: .relaxed) { return nil }
                client = nil
                guard retry else { throw ConsoleFailure("mất kết nối với daemon tại \(socketPath): \(error)") }
                if !lost {
                    FileHandle.standardError.write(Data("mất kết nối với daemon (\(error)); đang thử lại…\n".utf8))
                    lost = true
                }
                usleep(1_000_000) // waiting for a daemon to come back: there is no event to await across processes
            }
        }
        return nil
    }
}

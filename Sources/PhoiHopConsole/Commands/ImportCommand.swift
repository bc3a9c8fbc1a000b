import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// `phoihop import --type TYPE FILE`: many acts of one type from a JSON Lines file — the
/// existing register of a district when it starts to use PhoiHop, say — sent in slices of
/// `record-many`, each slice one commit at the daemon. Every act is checked as if it were recorded
/// alone; a refused line is reported with its reason and written, as it was, to a file of its
/// own, to correct and import again. The lines recorded stay recorded: running the whole file
/// again would be refused line by line as duplicates, not recorded twice, for acts with an
/// identity (a business, a certificate) — so import the refused file, not the original.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập nhiều hoạt động cùng loại từ một tệp JSON Lines (mỗi dòng một hoạt động), ví dụ sổ quản lý điểm kinh doanh đã có khi bắt đầu dùng PhoiHop.",
        discussion: """
            Mỗi dòng của FILE là nội dung JSON của một hoạt động loại --type (như phoihop … --json của lệnh ghi nhận tương ứng); \
            dòng trống và dòng bắt đầu bằng # được bỏ qua. Hoạt động được gửi theo từng đợt (mặc định 500), mỗi đợt ghi một lần \
            xuống đĩa; mỗi hoạt động được kiểm tra như khi ghi nhận riêng lẻ. Dòng bị từ chối được liệt kê kèm lý do và chép \
            nguyên văn vào tệp FILE.bi-tu-choi.jsonl để sửa rồi nhập lại tệp đó (không nhập lại FILE: các dòng đã ghi nhận vẫn còn). \
            Mã thoát 0 khi mọi dòng được ghi nhận, 1 khi có dòng bị từ chối.
            """)
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("type"), help: "Loại hoạt động của mọi dòng, ví dụ business.registered.") var type: String
    @Option(name: .customLong("slice"), help: "Số hoạt động mỗi đợt (1…1000, mặc định 500).") var slice = 500
    @Argument(help: "Tệp JSON Lines cần nhập.") var file: String

    func validate() throws {
        guard MessageType(rawValue: type) != nil else {
            throw ValidationError("--type: không có loại hoạt động '\(type)'; các loại: \(MessageType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...1000).contains(slice) else { throw ValidationError("--slice: từ 1 đến 1000") }
    }

    /// One line of the file that holds an act.
    struct Line { let number: Int; let text: Substring }

    /// What the import did, for `--json`.
    struct Summary: Codable {
        var recorded = 0
        var refused: [Refusal] = []
        var refusedFile: String?
        struct Refusal: Codable { var line: Int; var error: String }
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ConsoleFailure("không đọc được \(file) (\(error.localizedDescription)); tệp phải là văn bản UTF-8, mỗi dòng một hoạt động")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw -> Line? in
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : Line(number: index + 1, text: raw)
        }
        guard !lines.isEmpty else { throw ConsoleFailure("\(file) không có dòng hoạt động nào (dòng trống và dòng # được bỏ qua)") }
        let client = try options.client()
        let messageType = MessageType(rawValue: type)!  // checked by validate()
        var summary = Summary()
        var refusedLines: [Substring] = []
        for start in stride(from: 0, to: lines.count, by: slice) {
            let part = lines[start..<min(start + slice, lines.count)]
            let outcomes: [RecordOutcome]
            do {
                outcomes = try client.recordMany(type: messageType, bodies: part.map { Array($0.text.utf8) })
            } catch {
                // The slices before this one are recorded. This one is either wholly recorded or not at all (one
                // commit), but without an answer — a timeout — the console cannot tell which.
                throw ConsoleFailure("nhập dừng ở dòng \(part.first!.number): \(error). Đã ghi nhận \(summary.recorded) hoạt động trước dòng đó; đợt từ dòng \(part.first!.number) (\(part.count) dòng) có thể đã hoặc chưa được ghi nhận — kiểm tra (ví dụ phoihop business list) trước khi nhập tiếp")
            }
            guard outcomes.count == part.count else {
                throw ConsoleFailure("daemon trả lời \(outcomes.count) kết quả cho \(part.count) dòng (từ dòng \(part.first!.number)); hãy kiểm tra phiên bản daemon")
            }
            for (line, outcome) in zip(part, outcomes) {
                if outcome.receipt != nil {
                    summary.recorded += 1
                } else {
                    summary.refused.append(.init(line: line.number, error: outcome.error ?? "bị từ chối"))
                    refusedLines.append(line.text)
                }
            }
            if !options.json {
                FileHandle.standardError.write(Data("  … \(min(start + slice, lines.count))/\(lines.count) dòng\n".utf8))
            }
        }
        if !refusedLines.isEmpty {
            let path = file + ".bi-tu-choi.jsonl"
            do { try (refusedLines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw ConsoleFailure("không ghi được \(path): \(error.localizedDescription); các dòng bị từ chối là: \(summary.refused.map { String($0.line) }.joined(separator: ", "))")
            }
            summary.refusedFile = path
        }
        options.emit(summary) {
            print("Đã ghi nhận \(summary.recorded) hoạt động \(type) từ \(file).")
            if !summary.refused.isEmpty {
                print("Bị từ chối \(summary.refused.count) dòng:")
                for refusal in summary.refused.prefix(50) { print("  dòng \(refusal.line): \(refusal.error)") }
                if summary.refused.count > 50 { print("  … và \(summary.refused.count - 50) dòng nữa") }
                print("Các dòng bị từ chối đã được chép vào \(summary.refusedFile!); sửa rồi nhập lại tệp đó.")
            }
        }
        if !summary.refused.isEmpty { throw ExitCode(1) }
    }
}

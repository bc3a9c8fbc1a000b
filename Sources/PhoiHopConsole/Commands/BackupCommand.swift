import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// `phoihop backup --out FILE [--overwrite]`: an online, consistent copy of the daemon's database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu cơ sở dữ liệu của đơn vị trong khi daemon vẫn chạy (bản sao nhất quán, gồm mọi hoạt động đã ghi nhận trước lệnh).",
        discussion: """
            Daemon ghi bản sao vào một tệp tạm trong cùng thư mục rồi đổi tên thành FILE, nên FILE luôn hoặc chưa có, \
            hoặc là bản sao đầy đủ. Không ghi đè tệp đã có, trừ khi dùng --overwrite. Đường dẫn tính trên máy của daemon; \
            thư mục phải có sẵn và daemon phải có quyền ghi. Khôi phục: xem docs/RELIABILITY.md, mục "Backup and restore".
            """)
    @OptionGroup var options: ControlOptions
    @Option(name: .customLong("out"), help: "Tệp sao lưu sẽ tạo, ví dụ /var/backups/phoihop/so-tttt-2026-11-30.sqlite.") var out: String
    @Flag(help: "Ghi đè nếu tệp đã có.") var overwrite = false

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out: cần đường dẫn tệp sao lưu") }
    }

    func run() throws {
        // The daemon's working directory is not ours: it is given an absolute path.
        let path = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        let command = ControlCommand(command: "backup", parameters: ["path": path, "overwrite": overwrite ? "true" : "false"])
        let result: BackupResult
        do {
            result = try ControlClient(path: options.socketPath, timeoutMilliseconds: 600_000).call(command, as: BackupResult.self)
        } catch {
            throw ConsoleFailure("Sao lưu không thành công: \(error)")
        }
        options.emit(result) {
            let megabytes = Double(result.bytes) / 1_048_576
            let seconds = Double(result.milliseconds) / 1000
            print("Đã sao lưu \(result.path) (\(result.messages) thông điệp, \(String(format: "%.1f", megabytes)) MB) trong \(String(format: "%.1f", seconds)) giây")
        }
    }
}

import ArgumentParser
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol

/// `phoihop reload`: the daemon reads its configuration file again and applies, without a
/// restart, whom it trusts — at the hub the allow-list (agencies, CURVE keys, roles, signing
/// keys), at an agency the hub's and the other agencies' signing keys — the hub's reports
/// section and the log level. The units' `ExecReload=` runs it, so `systemctl reload` waits for
/// the outcome and fails when the daemon refused the file.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Nạp lại cấu hình: áp dụng ngay danh sách cho phép và các khóa ký, không cần khởi động lại daemon.",
        discussion: "Các thay đổi khác trong tệp cấu hình (cổng, thư mục, khóa bí mật của chính daemon…) chỉ có hiệu lực sau khi khởi động lại; lệnh nêu tên chúng. Tệp cấu hình sai thì không có gì thay đổi và lệnh báo lỗi.")
    @OptionGroup var options: ControlOptions

    @Option(name: .long, help: ArgumentHelp(
        "Tệp cấu hình của daemon: lấy cổng điều khiển từ đó (thay cho --control).",
        discussion: "Dùng trong ExecReload= của các unit systemd: cổng điều khiển luôn là cổng mà tệp cấu hình khai báo (controlSocket:). Daemon tự kiểm tra toàn bộ tệp; tệp sai thì lệnh thất bại và không có gì thay đổi."))
    var config: String?

    func validate() throws {
        if config != nil, options.control != nil {
            throw ValidationError("--config và --control: chỉ dùng một trong hai (cổng điều khiển lấy từ tệp cấu hình, hoặc chỉ thẳng)")
        }
    }

    func run() throws {
        var options = options
        if let config {
            // The socket the file names, as the daemon (same environment: the unit's) reads it.
            do { options.control = try DaemonConfig.controlSocket(file: config) } catch {
                throw ConsoleFailure("tệp cấu hình \(config) không hợp lệ, không nạp lại: \(error)")
            }
        }
        let result = try callDaemon(options, ControlCommand(command: "reload"), as: ReloadResult.self)
        options.emit(result) {
            func list(_ ids: [AgencyID]) -> String { ids.isEmpty ? "không có" : ids.map(\.rawValue).joined(separator: ", ") }
            print("Đã nạp lại cấu hình của \(result.agency).")
            if result.agency == .hub {
                print("  đơn vị được thêm vào danh sách cho phép: \(list(result.admitted))")
                print("  đơn vị bị thu hồi quyền (mọi thông điệp của họ bị từ chối từ nay): \(list(result.revoked))")
                print("  khóa CURVE không còn được chấp nhận: \(list(result.keysWithdrawn))")
                print("  đơn vị đổi vai trò: \(list(result.rolesChanged))")
                if result.connectionsDropped { print("  mọi kết nối đã được ngắt để kiểm tra lại khóa; các đơn vị tự kết nối lại, không mất dữ liệu") }
                if result.handedOver > 0 { print("  \(result.handedOver) hoạt động đã được chuyển giao cho đơn vị mới") }
            }
            print("  khóa ký thay đổi của: \(list(result.signersChanged))")
            if let level = result.logLevel { print("  mức ghi nhật ký mới: \(level)") }
            if !result.restartRequired.isEmpty {
                print("  cần khởi động lại để áp dụng: \(result.restartRequired.joined(separator: ", "))")
            }
        }
    }
}

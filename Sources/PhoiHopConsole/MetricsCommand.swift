import ArgumentParser
import PhoiHopBus

/// `phoihop metrics`: the daemon's metrics in the Prometheus text format, as the hub's dashboard
/// serves them at `/metrics` — for an agency's daemon, which has no web server, and for scripts
/// (a node_exporter textfile collector, a quick `grep`). docs/METRICS.md names each metric.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "In các chỉ số vận hành của daemon (định dạng văn bản Prometheus): thông điệp nhận/gửi, từ chối, độ trễ, tồn đọng, dung lượng CSDL.",
        discussion: "Tên và nhãn của từng chỉ số: docs/METRICS.md. Với --json, in văn bản đó dưới dạng một chuỗi JSON.")
    @OptionGroup var options: ControlOptions

    func run() throws {
        let text = try callDaemon(options, ControlCommand(command: "metrics"), as: String.self)
        options.emit(text) { print(text, terminator: text.hasSuffix("\n") ? "" : "\n") }
    }
}

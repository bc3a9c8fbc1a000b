import Foundation

/// Progress of a long console operation, one line per batch on standard error (standard output
/// stays the result, for scripts): "đã đối chiếu chữ ký 20000/52000 hoạt động (38%), 8512 hoạt động/giây".
struct ProgressReporter {
    /// What is being counted, e.g. "đã đối chiếu chữ ký".
    let what: String
    let started = ContinuousClock.now

    func line(_ done: Int, of total: Int) -> String {
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let percent = total > 0 ? done * 100 / total : 100
        let rate = seconds > 0 ? Int((Double(done) / seconds).rounded()) : done
        return "\(what) \(done)/\(total) hoạt động (\(percent)%), \(rate) hoạt động/giây"
    }

    func report(_ done: Int, of total: Int) {
        FileHandle.standardError.write(Data((line(done, of: total) + "\n").utf8))
    }
}

import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

/// Takes the snapshots of `phoihop top` from the officer's own daemon over one control
/// connection: its `status`, the `deadlines.board` query (at an agency the daemon answers with
/// the agency's own items) and `acts.recent`; the rates come from the previous `status`.
final class TopSampler {
    let client: ControlClient
    let interval: Double
    /// How many of the latest acts to ask for: more than any terminal shows.
    let actLimit = 60
    private var previous: TopSnapshot?

    /// - Parameter timeoutMilliseconds: how long one control call may take; a refresh that
    ///   times out is shown as a problem in the frame, and the keys wait no longer than that.
    init(options: ControlOptions, interval: Double, timeoutMilliseconds: Int32 = 5000) throws {
        do { client = try ControlClient(path: options.socketPath, timeoutMilliseconds: timeoutMilliseconds) } catch {
            throw ConsoleFailure("\(error)")
        }
        self.interval = interval
    }

    /// A new snapshot. When the daemon's `status` fails, the first refresh throws (there is
    /// nothing to show); later ones return the last snapshot marked with the problem.
    func sample() throws -> TopSnapshot {
        let status: DaemonStatus
        do { status = try client.call(ControlCommand(command: "status"), as: DaemonStatus.self) } catch {
            guard var last = previous else { throw ConsoleFailure("\(error)") }
            last.problem = "\(VietnameseFormat.time(wallClockMilliseconds())): \(error)"
            return last
        }
        var problems: [String] = []
        var deadlines: DeadlineBoardView?
        do { deadlines = try query("deadlines.board", [:], as: DeadlineBoardView.self) } catch { problems.append("thời hạn: \(error)") }
        var acts: [ActEntry] = previous?.recentActs ?? []
        do { acts = try query("acts.recent", ["limit": "\(actLimit)"], as: [ActEntry].self) } catch { problems.append("hoạt động: \(error)") }
        let snapshot = TopSnapshot(
            status: status, throughput: previous.flatMap { Throughput.between($0.status, status) },
            deadlines: deadlines ?? previous?.deadlines, recentActs: acts, interval: interval,
            problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
        previous = snapshot
        return snapshot
    }

    private func query<R: Codable & Sendable>(_ name: String, _ parameters: [String: String], as type: R.Type) throws -> R {
        try client.call(ControlCommand(command: "query", type: name, parameters: parameters), as: type)
    }
}

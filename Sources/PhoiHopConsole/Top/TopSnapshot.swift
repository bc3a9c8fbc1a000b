import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol

/// One refresh of `phoihop top`: everything a frame shows, fetched from the officer's own daemon
/// (its `status`, its deadline board, its latest acts) plus the rates measured against the
/// previous refresh. A value: ``TopScreen`` draws it without asking anything.
struct TopSnapshot: Codable, Sendable {
    /// The daemon's `status` at this refresh.
    var status: DaemonStatus
    /// Rates since the previous refresh; nil at the first one, or after the daemon restarted.
    var throughput: Throughput?
    /// The deadline board (the province at the hub, the agency's own items elsewhere); nil when
    /// the query failed (`problem` says why).
    var deadlines: DeadlineBoardView?
    /// The latest acts of the log, newest first.
    var recentActs: [ActEntry]
    /// The refresh interval in seconds, as the header shows it.
    var interval: Double
    /// Why the latest refresh failed, if it did: the frame keeps the last good figures and says so.
    var problem: String?

    /// The items past their legal deadline, the most overdue first.
    var overdue: [DeadlineItem] {
        (deadlines?.items ?? []).filter { $0.standing == .overdue }.sorted { ($0.daysLeft, $0.dueOn, $0.subjectID) < ($1.daysLeft, $1.dueOn, $1.subjectID) }
    }

    /// The items whose deadline is the daemon's today.
    var dueToday: [DeadlineItem] {
        guard let board = deadlines else { return [] }
        return board.items.filter { $0.dueOn == board.today && $0.standing != .overdue }
    }

    /// Items due within the board's "due soon" window, today's included.
    var dueSoonCount: Int { (deadlines?.items ?? []).filter { $0.standing == .dueSoon }.count }
}

/// Acts per second between two `status` samples of the same daemon run.
struct Throughput: Codable, Sendable, Equatable {
    /// Acts applied (received from peers and placed in the store) per second.
    var appliedPerSecond: Double
    /// Acts sent to peers per second (first sends, not resends).
    var sentPerSecond: Double
    /// Per peer: acts of its stream applied per second.
    var appliedPerSecondByPeer: [AgencyID: Double]

    /// The rates from `previous` to `current`, or nil when they cannot be compared: the same
    /// sample twice, a clock that went back, or a daemon that restarted in between (its counters
    /// start again from zero, so the difference would be meaningless).
    static func between(_ previous: DaemonStatus, _ current: DaemonStatus) -> Throughput? {
        guard previous.agency == current.agency, previous.startedAt == current.startedAt, current.now > previous.now else { return nil }
        let seconds = Double(current.now - previous.now) / 1000
        func rate(_ before: UInt64, _ after: UInt64) -> Double { after >= before ? Double(after - before) / seconds : 0 }
        var byPeer: [AgencyID: Double] = [:]
        for peer in current.peers {
            guard let before = previous.peers.first(where: { $0.id == peer.id }) else { continue }
            byPeer[peer.id] = rate(before.applied, peer.applied)
        }
        return Throughput(appliedPerSecond: rate(previous.counters.applied, current.counters.applied),
                          sentPerSecond: rate(previous.counters.sent, current.counters.sent), appliedPerSecondByPeer: byPeer)
    }
}

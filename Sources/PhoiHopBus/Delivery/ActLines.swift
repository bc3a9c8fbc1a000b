public import PhoiHopProtocol

/// The per-act log lines: "recorded" where an officer recorded an act, "applied" where it arrived.
///
/// One line per act lets `journalctl PHOIHOP_MESSAGE_ID=…` follow an act across daemons
/// (docs/DEPLOYMENT.md, "The journal"). At the rate of a backlog or an import that is thousands
/// of lines a second. journald then drops entries past its rate limit (by default 10 000 per
/// 30 s per service), and it drops warnings and errors among them. Writing the lines also took 5 %
/// of the hub's CPU in a catch-up (docs/PERFORMANCE.md).
///
/// So a daemon writes one line per act for the first ``perMinute`` acts of each minute. Past
/// that it counts the acts of each kind and stream, and every ``summaryInterval`` writes one line
/// per kind and stream: how many acts, and from which seq to which. A province's ordinary rate,
/// hundreds of acts a day, never reaches the limit.
package struct ActLines {
    /// Per-act lines a minute, of each kind: two kinds at most this many stay well under
    /// journald's default limit, leaving room for everything else the daemon logs.
    package static let perMinute = 3_000
    /// How often the acts without a line of their own are summed up.
    package static let summaryInterval: Duration = .seconds(10)

    package enum Kind: String, Sendable { case recorded, applied }

    /// Acts of one kind and stream that had no line of their own.
    package struct Summary: Equatable, Sendable {
        package var kind: Kind
        package var stream: AgencyID
        package var acts: Int
        package var fromSeq: UInt64
        package var toSeq: UInt64

        package init(kind: Kind, stream: AgencyID, acts: Int, fromSeq: UInt64, toSeq: UInt64) {
            self.kind = kind; self.stream = stream; self.acts = acts; self.fromSeq = fromSeq; self.toSeq = toSeq
        }
    }

    private var recorded: RateBudget
    private var applied: RateBudget
    private var unlogged: [Summary] = []
    private var lastSummary: ContinuousClock.Instant

    package init(now: ContinuousClock.Instant = .now) {
        recorded = RateBudget(perMinute: Self.perMinute, now: now)
        applied = RateBudget(perMinute: Self.perMinute, now: now)
        lastSummary = now
    }

    /// Whether the act `seq` of `stream` gets its own line. If not, it is counted for the next
    /// summary.
    package mutating func take(_ kind: Kind, stream: AgencyID, seq: UInt64, now: ContinuousClock.Instant = .now) -> Bool {
        let own = switch kind {
        case .recorded: recorded.take(now: now)
        case .applied: applied.take(now: now)
        }
        if own { return true }
        if let index = unlogged.firstIndex(where: { $0.kind == kind && $0.stream == stream }) {
            unlogged[index].acts += 1
            unlogged[index].fromSeq = min(unlogged[index].fromSeq, seq)
            unlogged[index].toSeq = max(unlogged[index].toSeq, seq)
        } else {
            unlogged.append(Summary(kind: kind, stream: stream, acts: 1, fromSeq: seq, toSeq: seq))
        }
        return false
    }

    /// The summaries due: all of them once ``summaryInterval`` has passed since the last, or
    /// when `force` (the daemon stops). They are then forgotten.
    package mutating func dueSummaries(force: Bool = false, now: ContinuousClock.Instant = .now) -> [Summary] {
        guard force || now - lastSummary >= Self.summaryInterval else { return [] }
        lastSummary = now
        defer { unlogged.removeAll() }
        return unlogged
    }
}

/// How long a peer takes to acknowledge what this node sends it, smoothed as TCP smooths its
/// round-trip time (RFC 6298), and the resend timeout that follows from it.
///
/// A busy hub acknowledges late but loses nothing: resending everything unacknowledged after a
/// fixed interval then only adds duplicates to the queue it is already behind on, which makes it
/// later still (a congestion collapse, docs/PERFORMANCE.md). The timeout therefore follows the
/// delay the peer actually shows, and never drops below the configured `resendAfter`, so a quiet,
/// healthy link resends as promptly as before. A seq sent more than once gives no sample (Karn's
/// rule): its acknowledgement cannot say which sending it answers.
struct AckDelayEstimate {
    /// Smoothed delay from a seq's first sending to its acknowledgement; nil before a sample.
    private(set) var smoothed: Duration?
    /// Its mean deviation.
    private(set) var variation: Duration = .zero
    /// First sendings not yet acknowledged, oldest first: (seq, when).
    private var sendings: [(seq: UInt64, at: ContinuousClock.Instant)] = []
    private var head = 0

    /// The longest the timeout grows to, whatever the delays seen.
    static let ceiling: Duration = .seconds(60)

    /// A seq went on the wire for the first time.
    mutating func sent(_ seq: UInt64, at instant: ContinuousClock.Instant) {
        sendings.append((seq, instant))
    }

    /// Everything unacknowledged goes out again: none of it can give a sample any more.
    mutating func resending() {
        sendings.removeAll(keepingCapacity: true)
        head = 0
    }

    /// The peer acknowledged everything up to `seq` at `instant`. Returns whether that gave a
    /// sample: `seq` went out once only, so its delay is the peer's.
    @discardableResult
    mutating func acknowledged(upTo seq: UInt64, at instant: ContinuousClock.Instant) -> Bool {
        var sample: Duration?
        while head < sendings.count, sendings[head].seq <= seq {
            if sendings[head].seq == seq { sample = instant - sendings[head].at }
            head += 1
        }
        if head > 1024 || head == sendings.count {
            sendings.removeFirst(head)
            head = 0
        }
        guard let sample else { return false }
        record(sample)
        return true
    }

    /// RFC 6298 §2: the first sample sets the average and half of it as the deviation; later
    /// ones move them by 1/8 and 1/4.
    mutating func record(_ sample: Duration) {
        guard let smoothed else {
            self.smoothed = sample
            variation = sample / 2
            return
        }
        let deviation = smoothed > sample ? smoothed - sample : sample - smoothed
        variation = variation * 3 / 4 + deviation / 4
        self.smoothed = smoothed * 7 / 8 + sample / 8
    }

    /// How long to wait for progress before resending: the smoothed delay plus four deviations,
    /// at least `base` (the configured `resendAfter`), at most ``ceiling``.
    func timeout(base: Duration) -> Duration {
        guard let smoothed else { return base }
        return min(max(base, smoothed + variation * 4), Self.ceiling)
    }
}

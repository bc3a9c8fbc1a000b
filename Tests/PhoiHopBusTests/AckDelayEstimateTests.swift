@testable import PhoiHopBus
import Testing

struct AckDelayEstimateTests {
    let start = ContinuousClock.now

    @Test func beforeAnySampleTheTimeoutIsTheConfiguredOne() {
        #expect(AckDelayEstimate().timeout(base: .milliseconds(500)) == .milliseconds(500))
    }

    @Test func aHealthyPeerKeepsTheConfiguredTimeout() {
        var estimate = AckDelayEstimate()
        for seq in 1...20 as ClosedRange<UInt64> {
            let sentAt = start + .milliseconds(Int(seq) * 10)
            estimate.sent(seq, at: sentAt)
            estimate.acknowledged(upTo: seq, at: sentAt + .milliseconds(3))
        }
        #expect(estimate.smoothed == .milliseconds(3))
        #expect(estimate.timeout(base: .milliseconds(500)) == .milliseconds(500))
    }

    /// A hub two seconds behind: waiting 500 ms before resending would only queue duplicates.
    @Test func aPeerThatAcknowledgesLateGetsALongerTimeout() {
        var estimate = AckDelayEstimate()
        for seq in 1...10 as ClosedRange<UInt64> {
            estimate.sent(seq, at: start + .milliseconds(Int(seq) * 100))
        }
        estimate.acknowledged(upTo: 5, at: start + .milliseconds(2_500))
        #expect(estimate.smoothed == .milliseconds(2_000))
        // First sample: 2 s + 4 × 1 s.
        #expect(estimate.timeout(base: .milliseconds(500)) == .seconds(6))
        estimate.acknowledged(upTo: 10, at: start + .milliseconds(3_000))
        #expect(estimate.timeout(base: .milliseconds(500)) > .seconds(2))
    }

    /// Karn's rule: after a resend, an acknowledgement cannot say which sending it answers.
    @Test func aResentSeqGivesNoSample() {
        var estimate = AckDelayEstimate()
        estimate.sent(1, at: start)
        estimate.resending()
        estimate.acknowledged(upTo: 1, at: start + .seconds(30))
        #expect(estimate.smoothed == nil)
        #expect(estimate.timeout(base: .milliseconds(500)) == .milliseconds(500))
    }

    @Test func theTimeoutNeverPassesItsCeiling() {
        var estimate = AckDelayEstimate()
        estimate.record(.seconds(600))
        #expect(estimate.timeout(base: .milliseconds(500)) == AckDelayEstimate.ceiling)
    }

    /// A cumulative acknowledgement samples the newest seq it covers and forgets the older ones.
    @Test func aCumulativeAckSamplesTheSeqItNames() {
        var estimate = AckDelayEstimate()
        estimate.sent(1, at: start)
        estimate.sent(2, at: start + .milliseconds(400))
        estimate.acknowledged(upTo: 2, at: start + .milliseconds(500))
        #expect(estimate.smoothed == .milliseconds(100))
        estimate.acknowledged(upTo: 2, at: start + .seconds(9))
        #expect(estimate.smoothed == .milliseconds(100))
    }

    /// The backed-off timeout stays until an acknowledgement gives a fresh sample (Karn): an
    /// acknowledgement of what was resent only shows the peer is slow. Resetting on it made a
    /// busy hub's senders time out at every stall and send their whole window again.
    @Test func theBackoffStaysUntilAnAcknowledgementOfASeqSentOnce() {
        var cursor = OutboundCursor(lastSeq: 10, acked: 0)
        for seq in 1...10 as ClosedRange<UInt64> { cursor.ackDelay.sent(seq, at: start) }
        cursor.goBack(backoff: 2)
        cursor.acknowledge(6)
        #expect(cursor.acked == 6)
        #expect(cursor.backoff == 2, "1…6 were sent twice: no sample, the timer stays backed off")
        cursor.lastSeq = 12
        cursor.ackDelay.sent(11, at: .now)
        cursor.ackDelay.sent(12, at: .now)
        cursor.acknowledge(12)
        #expect(cursor.backoff == 1, "12 went out once: a fresh sample")
    }

    /// Timeouts while the peer is heard halve what may be in flight, down to a floor; the
    /// acknowledgements that follow grow it back to the configured window.
    @Test func timeoutsNarrowTheWindowAndAcknowledgementsWidenItAgain() {
        var cursor = OutboundCursor(lastSeq: 100_000, acked: 0)
        #expect(cursor.window(configured: 2000) == 2000)
        cursor.narrow(configured: 2000)
        #expect(cursor.window(configured: 2000) == 1000)
        cursor.narrow(configured: 2000)
        #expect(cursor.window(configured: 2000) == 500)
        for _ in 1...10 { cursor.narrow(configured: 2000) }
        #expect(cursor.window(configured: 2000) == OutboundCursor.minimumWindow)
        cursor.acknowledge(64)
        #expect(cursor.window(configured: 2000) == 64 + 8, "an eighth of what the acknowledgement covers")
        var acknowledgements = 1
        while cursor.congestion != nil, acknowledgements < 1000 {
            cursor.acknowledge(cursor.acked + UInt64(cursor.window(configured: 2000)))
            acknowledgements += 1
        }
        #expect(cursor.congestion == nil && cursor.window(configured: 2000) == 2000)
        #expect(acknowledgements < 40, "back to the configured window within a few dozen windows acknowledged")
        // A configured window below the floor is never narrowed below itself.
        var small = OutboundCursor(lastSeq: 10, acked: 0)
        small.narrow(configured: 10)
        #expect(small.window(configured: 10) == 10)
    }
}


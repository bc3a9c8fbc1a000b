import PhoiHopBus
import PhoiHopProtocol
import Testing

/// The per-act log lines: one per act up to the rate, then summed up per kind and stream.
struct ActLinesTests {
    let start = ContinuousClock.now
    let benLuc = AgencyID(rawValue: "district-ben-luc")!
    let tanAn = AgencyID(rawValue: "district-tan-an")!

    @Test func eachActHasItsLineUpToTheRateThenItsStreamsActsAreSummedUp() {
        var lines = ActLines(now: start)
        let limit = ActLines.perMinute
        let own = (1...limit).filter { lines.take(.applied, stream: benLuc, seq: UInt64($0), now: start) }
        #expect(own.count == limit)
        // Past the rate: counted, per stream, with the seqs they span.
        let past = [
            lines.take(.applied, stream: benLuc, seq: UInt64(limit + 1), now: start),
            lines.take(.applied, stream: tanAn, seq: 7, now: start),
            lines.take(.applied, stream: benLuc, seq: UInt64(limit + 2), now: start),
        ]
        #expect(past == [false, false, false])
        // The other kind has its own rate.
        let recorded = lines.take(.recorded, stream: benLuc, seq: 1, now: start)
        #expect(recorded)

        let early = lines.dueSummaries(now: start + .seconds(1))
        #expect(early.isEmpty, "not due before the interval")
        let due = lines.dueSummaries(now: start + ActLines.summaryInterval)
        #expect(due == [
            ActLines.Summary(kind: .applied, stream: benLuc, acts: 2, fromSeq: UInt64(limit + 1), toSeq: UInt64(limit + 2)),
            ActLines.Summary(kind: .applied, stream: tanAn, acts: 1, fromSeq: 7, toSeq: 7),
        ])
        let again = lines.dueSummaries(force: true, now: start + ActLines.summaryInterval)
        #expect(again.isEmpty, "a summary is written once")

        // A minute later, acts have their own lines again.
        let later = lines.take(.applied, stream: benLuc, seq: UInt64(limit + 3), now: start + .seconds(61))
        #expect(later)
    }

    @Test func aStoppingDaemonWritesWhatIsCountedAtOnce() {
        var lines = ActLines(now: start)
        for seq in 1...ActLines.perMinute { _ = lines.take(.recorded, stream: tanAn, seq: UInt64(seq), now: start) }
        let counted = lines.take(.recorded, stream: tanAn, seq: 99_999, now: start)
        #expect(!counted)
        let due = lines.dueSummaries(force: true, now: start)
        #expect(due == [
            ActLines.Summary(kind: .recorded, stream: tanAn, acts: 1, fromSeq: 99_999, toSeq: 99_999),
        ])
    }
}

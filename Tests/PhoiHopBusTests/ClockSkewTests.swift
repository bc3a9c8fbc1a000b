import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import ZeroMQ
import Testing

extension BusPair {
    /// A well-formed act of the district's stream stamped `ts`, as a client with a wrong clock sends it.
    func stamped(seq: UInt64, ts: Int64) -> [[UInt8]] {
        var envelope = Envelope(type: .businessRegistered, id: UUID().uuidString.lowercased(), origin: district, to: .hub, seq: seq, ts: ts)
        let body = business(Int(seq)).encoded()
        // Signed: the stamp is what the author's clock said, and the signature covers it.
        envelope.sig = agencyKey.sign(envelope.signingInput(body: body)).base64
        return WireMessage.message(envelope, body: body).frames()
    }
}

/// An act stamped far ahead of the receiver's clock: the recorder's clock is wrong. Dropping the
/// act would lose a real one, so it is held like version skew, and counted as `clock-skew`.
@Suite(.serialized)
struct ClockSkewTests {
    static let year: Int64 = 365 * 86_400_000

    @Test func anActStampedAYearAheadIsHeldUntilTheToleranceCoversItThenApplied() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let sender = try pair.extraPublisher("wrong-clock")
        let ahead = wallClockMilliseconds() + Self.year
        let first = pair.stamped(seq: 1, ts: ahead)
        let second = pair.stamped(seq: 2, ts: wallClockMilliseconds())
        // Sent again and again, as the sender's resends would: held every time, nothing behind it applied.
        try pair.pump(until: {
            try sender.send(first, dontWait: true)
            try sender.send(second, dontWait: true)
            return (pair.hub.counters.rejected["clock-skew"] ?? 0) >= 3 && pair.hub.counters.gaps >= 1
        })
        #expect(try pair.hubApplied() == 0)
        #expect(pair.hub.peerStatuses().first { $0.id == pair.district }?.applied == 0)
        let stored = try pair.hubDB.read(AgencyDirectory.rejectionCounts)
        #expect((stored["clock-skew"] ?? 0) >= 1)

        // The operator raises the tolerance past the skew and restarts: the held act and the one behind it flow, in order.
        var tuning = BusPair.fastTuning
        tuning.maxClockSkew = .seconds(2 * 365 * 86_400)
        try pair.reopenHub(signers: [pair.district: [pair.agencyKey.publicKey]], tuning: tuning)
        try pair.pump(until: {
            try sender.send(first, dontWait: true)
            try sender.send(second, dontWait: true)
            return try pair.hubApplied() == 2
        })
        let entries = try pair.hubDB.read { db in try MessageLog.entries(db, after: 0, limit: 10) }
        #expect(entries.map(\.seq) == [1, 2])
        // The stamp is kept as sent: the log says what the sender's clock said.
        #expect(entries.first?.sentAt == ahead)
    }

    @Test func anActStampedWithinTheToleranceOrInThePastIsApplied() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let sender = try pair.extraPublisher("fast-clock")
        let frames = [
            pair.stamped(seq: 1, ts: wallClockMilliseconds() + 30 * 60_000),  // half an hour ahead: within the hour
            pair.stamped(seq: 2, ts: wallClockMilliseconds() - 10 * Self.year),  // a backlog is old by design
            pair.stamped(seq: 3, ts: 0),
        ]
        try pair.pump(until: {
            for f in frames { try sender.send(f, dontWait: true) }
            return try pair.hubApplied() == 3
        })
        #expect(pair.hub.counters.rejected["clock-skew"] == nil)
    }
}

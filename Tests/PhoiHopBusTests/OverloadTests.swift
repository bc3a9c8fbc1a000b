import Foundation
@testable import PhoiHopBus
import PhoiHopProtocol
import Testing
import ZeroMQ

/// An overloaded hub must not be sent what it already has queued: a resend request repeated
/// within one resend timeout is held, and a heartbeat ahead of a stream that is still moving
/// asks for nothing. Otherwise every extra act offered turns into many duplicates (the collapse
/// of docs/PERFORMANCE.md, "Latency").
@Suite(.serialized)
struct OverloadTests {
    @Test func aRepeatedResendRequestWithinTheTimeoutIsHeldAndAnEarlierOneIsNot() throws {
        let pair = try BusPair()
        defer { pair.close() }
        for i in 1...5 { _ = try pair.agency.record(pair.business(i)) }
        pair.agency.rewind(peer: .hub, to: 3)
        #expect(pair.agency.counters.resent == 1)
        pair.agency.rewind(peer: .hub, to: 3)
        pair.agency.rewind(peer: .hub, to: 4)
        #expect(pair.agency.counters.resent == 1, "the copies from 3 on are already on their way")
        #expect(pair.agency.counters.resendRequestsHeld == 2)
        // Further back than the last rewind: those seqs were not sent again, so they are now.
        pair.agency.rewind(peer: .hub, to: 1)
        #expect(pair.agency.counters.resent == 2)
        // Nothing is lost: everything still reaches the hub.
        try pair.pump { try pair.hubApplied() == 5 && pair.agency.pendingOutbound(to: .hub) == 0 }
    }

    @Test func aHeartbeatAheadOfAMovingStreamAsksForNothingAndAheadOfAStoppedOneAsks() throws {
        let pair = try BusPair()
        defer { pair.close() }
        for i in 1...3 { _ = try pair.agency.record(pair.business(i)) }
        try pair.pump { try pair.hubApplied() == 3 }
        let beat = WireMessage.heartbeat(Heartbeat(origin: pair.district, to: .hub, role: .district, version: "test", ts: 0,
                                                   lastSeq: 5, applied: 0, pending: 2, rejected: 0))
        func classifyBeat() {
            var batch = ReceiveBatch()
            let received = ReceivedMessage(frames: beat.frames())
            pair.hub.classify(received, PreparedMessage.prepare(received.frames, signing: pair.hubSigning, identity: .hub,
                                                                applied: pair.hub.applied), into: &batch)
        }

        pair.hub.runtime[pair.district]?.lastResendRequest = nil
        pair.hub.runtime[pair.district]?.lastInOrder = .now
        classifyBeat()
        #expect(pair.hub.runtime[pair.district]?.lastResendRequest == nil, "acts 4 and 5 are queued, not lost")

        pair.hub.runtime[pair.district]?.lastInOrder = .now - .seconds(3600)
        classifyBeat()
        #expect(pair.hub.runtime[pair.district]?.lastResendRequest != nil, "the stream stopped: its tail is asked for")
    }
}

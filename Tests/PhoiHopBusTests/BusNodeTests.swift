import Foundation
import GRDB
import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing
import ZeroMQ

/// Applies to the projection, like the daemons do.
final class ProjectionApplier: MessageApplier {
    /// Violation categories this (hub's) copy of the legal tables does not know yet.
    var unknownCategories: Set<String> = []

    func apply(_ db: Database, position: Int64, author: AgencyID, body: MessageBody) throws {
        try Projection.apply(db, position: position, author: author, body: body)
    }

    func refusal(origin: AgencyID, role: Role, body: MessageBody) -> String? {
        if let v = body.as(ViolationRecorded.self), unknownCategories.contains(v.category) { return "unknown category \(v.category)" }
        return nil
    }

    /// Like the daemons: an agency sends its own acts to the hub; the hub sends a plan to its
    /// participants.
    func forwardees(_ db: Database, author: AgencyID, body: MessageBody) throws -> [AgencyID] {
        if author != .hub { return [.hub] }  // the hub node drops itself as a recipient
        return body.as(InspectionPlanned.self)?.participants ?? []
    }
}

/// A hub node and one district node over inproc PUB/SUB, pumped by hand so each test decides
/// exactly what happens in which order.
final class BusPair {
    let context: ZMQContext
    let district = AgencyID(rawValue: "district-ben-luc")!
    var hub: BusNode!
    var agency: BusNode!
    var hubDB: PhoiHopDatabase
    var agencyDB: PhoiHopDatabase
    var sockets: [ZMQSocket] = []
    let name = UUID().uuidString
    let applier = ProjectionApplier()
    let hubKey = SigningKeyPair.generate()
    let agencyKey = SigningKeyPair.generate()
    var hubSigning: ActSigning { ActSigning(key: hubKey, signers: [district: [agencyKey.publicKey]]) }
    var agencySigning: ActSigning { ActSigning(key: agencyKey, signers: [.hub: [hubKey.publicKey]]) }

    init(tuning: BusTuning = BusPair.fastTuning) throws {
        context = try ZMQContext()
        hubDB = try PhoiHopDatabase(inMemory: "hub-\(name)")
        agencyDB = try PhoiHopDatabase(inMemory: "agency-\(name)")
        try openNodes(tuning: tuning)
    }

    static var fastTuning: BusTuning {
        var tuning = BusTuning()
        tuning.heartbeat = .milliseconds(50)
        tuning.resendAfter = .milliseconds(30)
        return tuning
    }

    func openNodes(tuning: BusTuning) throws {
        let hubPub = try socket(.pub), hubSub = try socket(.sub), agencyPub = try socket(.pub), agencySub = try socket(.sub)
        try hubPub.bind("inproc://hub-pub-\(name)")
        try agencyPub.bind("inproc://agency-pub-\(name)")
        try hubSub.subscribe(WireMessage.topic(for: .hub))
        try agencySub.subscribe(WireMessage.topic(for: district))
        try hubSub.connect("inproc://agency-pub-\(name)")
        try agencySub.connect("inproc://hub-pub-\(name)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        hub = try BusNode(identity: .hub, role: .hub, peers: PeerDirectory(roles: [district: .district]), tuning: tuning,
                          database: hubDB, publisher: hubPub, subscriber: hubSub, applier: applier,
                          requireAuthenticatedOrigin: false, signing: hubSigning, logger: logger)
        agency = try BusNode(identity: district, role: .district, peers: PeerDirectory(roles: [.hub: .hub]), tuning: tuning,
                             database: agencyDB, publisher: agencyPub, subscriber: agencySub, applier: applier,
                             requireAuthenticatedOrigin: false, signing: agencySigning, logger: logger)
    }

    /// The district's daemon restarts on a new, empty database (its disk was replaced): new
    /// sockets, and the hub keeps its own.
    func restartAgencyWithEmptyDatabase(tuning: BusTuning = BusPair.fastTuning) throws {
        try restartAgency(on: try PhoiHopDatabase(inMemory: "agency-\(UUID().uuidString)"), tuning: tuning)
    }

    /// The district's daemon restarts on `database` (a new one, or one restored from a backup):
    /// new sockets, and the hub keeps its own.
    func restartAgency(on database: PhoiHopDatabase, tuning: BusTuning = BusPair.fastTuning) throws {
        let restart = UUID().uuidString
        agencyDB = database
        let agencyPub = try socket(.pub), agencySub = try socket(.sub)
        try agencyPub.bind("inproc://agency-pub-\(restart)")
        try agencySub.subscribe(WireMessage.topic(for: district))
        try hub.subscriberForTesting.connect("inproc://agency-pub-\(restart)")
        try agencySub.connect("inproc://hub-pub-\(name)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        agency = try BusNode(identity: district, role: .district, peers: PeerDirectory(roles: [.hub: .hub]), tuning: tuning,
                             database: agencyDB, publisher: agencyPub, subscriber: agencySub, applier: applier,
                             requireAuthenticatedOrigin: false, signing: agencySigning, logger: logger)
    }

    /// The hub's daemon restarts on a new, empty database: new sockets, the district keeps its own.
    func restartHubWithEmptyDatabase(tuning: BusTuning = BusPair.fastTuning) throws {
        let restart = UUID().uuidString
        hubDB = try PhoiHopDatabase(inMemory: "hub-\(restart)")
        let hubPub = try socket(.pub), hubSub = try socket(.sub)
        try hubPub.bind("inproc://hub-pub-\(restart)")
        try hubSub.subscribe(WireMessage.topic(for: .hub))
        try hubSub.connect("inproc://agency-pub-\(name)")
        try agency.subscriberForTesting.connect("inproc://hub-pub-\(restart)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        hub = try BusNode(identity: .hub, role: .hub, peers: PeerDirectory(roles: [district: .district]), tuning: tuning,
                          database: hubDB, publisher: hubPub, subscriber: hubSub, applier: applier,
                          requireAuthenticatedOrigin: false, signing: hubSigning, logger: logger)
    }

    /// The hub's node again on the same database and sockets, with another keyring (as a
    /// restart with an updated allow-list would have).
    func reopenHub(signers: [AgencyID: [SigningPublicKey]], tuning: BusTuning = BusPair.fastTuning) throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        hub = try BusNode(identity: .hub, role: .hub, peers: PeerDirectory(roles: [district: .district]), tuning: tuning,
                          database: hubDB, publisher: hub.publisherForTesting, subscriber: hub.subscriberForTesting, applier: applier,
                          requireAuthenticatedOrigin: false, signing: ActSigning(key: hubKey, signers: signers), logger: logger)
    }

    func socket(_ type: SocketType) throws -> ZMQSocket {
        let s = try ZMQSocket(context: context, type: type)
        sockets.append(s)
        return s
    }

    /// Pumps both nodes until `condition` holds; fails after `timeout`.
    func pump(until condition: () throws -> Bool, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { throw ProvinceLikeError("condition not reached within \(timeout) s") }
            hub.handleReadable(); agency.handleReadable()
            hub.tick(); agency.tick()
            // Wait for the next frame at the hub (or 1 ms, so the resend and heartbeat timers get their turn).
            _ = try hub.subscriberForTesting.waitUntilReadable(timeoutMilliseconds: 1)
        }
    }

    func close() {
        sockets.forEach { $0.close() }
        context.terminate()
    }

    func business(_ i: Int) -> MessageBody {
        MessageBody(BusinessRegistered(
            businessID: "BL-\(i)", name: "Đại lý \(i)", kind: .internetAgent, district: district, address: "\(i) Đường số 3",
            owner: "Nguyễn Văn An", machines: i, registeredOn: try! CivilDate(parsing: "2026-11-01")))
    }

    /// A publisher of the test's own, connected to the hub's subscriber: what a hostile or buggy
    /// peer could send.
    func extraPublisher(_ label: String) throws -> ZMQSocket {
        let publisher = try socket(.pub)
        try publisher.bind("inproc://\(label)-\(name)")
        try hub.subscriberForTesting.connect("inproc://\(label)-\(name)")
        return publisher
    }

    func hubApplied() throws -> Int { try hubDB.read { db in try MessageLog.ids(db, origin: district).count } }
}

struct ProvinceLikeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite(.serialized)
struct BusNodeTests {
    @Test func recordedActsReachTheHubOnceAndAreAcknowledged() throws {
        let pair = try BusPair()
        defer { pair.close() }
        // Sent before the subscriptions reach the publisher (slow joiner): the resend timer must cover it.
        for i in 1...50 { _ = try pair.agency.record(pair.business(i)) }
        try pair.pump { try pair.hubApplied() == 50 && pair.agency.pendingOutbound(to: .hub) == 0 }
        let ids = try pair.agencyDB.read { db in try MessageLog.ids(db, origin: pair.district) }
        #expect(try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) } == ids)
        // Acknowledged entries are retained (a restored hub may ask for them again), marked acked.
        #expect(try pair.agencyDB.read(Outbox.streams).first { $0.peer == .hub }?.acked == 50)
    }

    @Test func anAcknowledgementAloneIsNotedWithoutASyncAndAnActNever() throws {
        let pair = try BusPair()
        defer { pair.close() }
        for i in 1...20 { _ = try pair.agency.record(pair.business(i)) }
        try pair.pump { try pair.hubApplied() == 20 && pair.agency.pendingOutbound(to: .hub) == 0 }
        // The district's commits of the hub's acknowledgements carried nothing else: none synced.
        #expect(pair.agencyDB.unsyncedCommits > 0)
        // The hub's commits applied acts, which it acknowledges: every one synced.
        #expect(pair.hubDB.unsyncedCommits == 0)
        #expect(try pair.agencyDB.read(Outbox.streams).first { $0.peer == .hub }?.acked == 20)
    }

    @Test func aRedeliveredStreamIsAppliedOnlyOnce() throws {
        let pair = try BusPair()
        defer { pair.close() }
        for i in 1...10 { _ = try pair.agency.record(pair.business(i)) }
        try pair.pump { try pair.hubApplied() == 10 }
        // Replay the whole stream as if every ack had been lost: raw resend of seq 1…10.
        let replay = try pair.extraPublisher("replay")
        let entries = try pair.agencyDB.read { db in try MessageLog.entries(db, after: 0, limit: 100) }
        #expect(entries.count == 10)
        let frames = entries.map { entry in
            WireMessage.message(Envelope(type: entry.type, id: entry.id, origin: pair.district, to: .hub, seq: entry.seq, ts: entry.sentAt),
                                body: entry.body).frames()
        }
        try pair.pump(until: {
            for f in frames { try replay.send(f, dontWait: true) }
            return pair.hub.counters.duplicates >= 10
        })
        #expect(try pair.hubApplied() == 10)
        #expect(try pair.hubDB.read(ProvinceQueries.totals).businesses == 10)
    }

    @Test func aMalformedOrForeignMessageIsRejectedAndTheStreamGoesOn() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let evil = try pair.extraPublisher("evil")
        let garbage: [[UInt8]] = [Array("@so-tttt/".utf8), Array("{not json".utf8), [0xFF, 0x00]]
        let stranger = WireMessage.ack(Ack(origin: AgencyID(rawValue: "district-nowhere")!, to: .hub, applied: 1)).frames()
        try pair.pump(until: {
            try evil.send(garbage, dontWait: true)
            try evil.send(stranger, dontWait: true)
            return (pair.hub.counters.rejected["malformed"] ?? 0) > 0 && (pair.hub.counters.rejected["unknown-origin"] ?? 0) > 0
        })
        _ = try pair.agency.record(pair.business(1))
        try pair.pump { try pair.hubApplied() == 1 }
    }

    @Test func anOutOfScopeActIsRefusedButDoesNotBlockTheStream() throws {
        let pair = try BusPair()
        defer { pair.close() }
        // A district daemon that (through a bug or tampering) sends an act about another district.
        let foreign = MessageBody(BusinessRegistered(
            businessID: "DH-1", name: "x", kind: .gamePoint, district: AgencyID(rawValue: "district-duc-hoa")!, address: "x",
            owner: "x", machines: 1, registeredOn: try CivilDate(parsing: "2026-11-01")))
        _ = try pair.agency.record(foreign)
        _ = try pair.agency.record(pair.business(2))
        try pair.pump { try pair.hubApplied() == 1 && pair.agency.pendingOutbound(to: .hub) == 0 }
        #expect(pair.hub.counters.rejected["out-of-scope"] == 1)
        #expect(try pair.hubDB.read(ProvinceQueries.totals).businesses == 1)
    }

    @Test func directivesFromTheHubReachTheAgencyExactlyOnce() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let plan = MessageBody(InspectionPlanned(
            planID: "KH-1", kind: .periodic, title: "Kiểm tra định kỳ", lead: .hub, participants: [pair.district],
            targets: ["BL-1"], startsOn: try CivilDate(parsing: "2026-11-14"), endsOn: try CivilDate(parsing: "2026-11-18")))
        let receipt = try pair.hub.record(plan)
        #expect(receipt.recipients == [pair.district])
        try pair.pump { try pair.agencyDB.read(ProvinceQueries.totals).inspectionPlans == 1 && pair.hub.pendingOutbound(to: pair.district) == 0 }
        #expect(try pair.agencyDB.read { db in try MessageLog.ids(db, origin: .hub) } == [receipt.id])
    }

    /// More frames waiting than one drain takes: one call takes the next drain and prepares it
    /// while the first commits, and returns with both committed, every act once, in its
    /// stream's order.
    @Test func oneCallAppliesSeveralFullDrainsInOrder() throws {
        let pair = try BusPair()
        defer { pair.close() }
        var ids = [try pair.agency.record(pair.business(0)).id]
        try pair.pump { try pair.hubApplied() == 1 }
        // Sent at once, within the window, into the hub's inproc pipe: there when the call begins.
        let count = BusNode.drainLimit + BusNode.drainLimit / 2
        let outcomes = pair.agency.record(batch: try (1...count).map { try pair.business($0) }) { _, _ in }
        ids += try outcomes.map { try $0.get().id }
        #expect(pair.agency.pendingOutbound(to: .hub) == UInt64(count))
        pair.hub.handleReadable()
        #expect(try pair.hubApplied() == count + 1, "both drains committed by the one call")
        #expect(try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) } == ids)
        // And acknowledged: the district's outbox to the hub empties.
        try pair.pump { pair.agency.pendingOutbound(to: .hub) == 0 }
        #expect(try pair.hubApplied() == count + 1)
    }

    /// The district lost its database after acknowledging what the hub sent it. The hub's
    /// outbox holds its acts as references to its log (as whole entries are once compacted past
    /// the retention period): it makes them again from its log — same ids and signatures — and
    /// the district ends with every plan once.
    @Test func anAgencyThatLostWhatTheHubCompactedGetsItBackMadeAgainFromTheHubsLog() throws {
        let pair = try BusPair()
        defer { pair.close() }
        var ids: [String] = []
        for i in 1...3 {
            ids.append(try pair.hub.record(MessageBody(InspectionPlanned(
                planID: "KH-\(i)", kind: .periodic, title: "Kiểm tra định kỳ", lead: .hub, participants: [pair.district],
                targets: ["BL-1"], startsOn: try CivilDate(parsing: "2026-11-14"), endsOn: try CivilDate(parsing: "2026-11-18")))).id)
        }
        try pair.pump { pair.hub.pendingOutbound(to: pair.district) == 0 }
        let entries = try pair.hubDB.read { db in try Outbox.entries(db, stream: pair.district, from: 1, limit: 10) }
        #expect(entries.count == 3 && entries.allSatisfy(\.isCompacted), "references to the log, no bytes of their own")
        #expect(try pair.hubDB.write { db in try Outbox.prune(db, acknowledgedBefore: .max) } == 0, "nothing whole to compact")

        try pair.restartAgencyWithEmptyDatabase()
        try pair.pump { try pair.agencyDB.read(ProvinceQueries.totals).inspectionPlans == 3 && pair.hub.pendingOutbound(to: pair.district) == 0 }
        #expect(try pair.agencyDB.read { db in try MessageLog.ids(db, origin: .hub) } == ids)
        #expect(pair.agency.counters.rejectedTotal == 0, "every signature verified")
    }

    /// The hub lost its database after acknowledging the district's acts, which the district's
    /// outbox holds as references to its log: the district makes them again from its own log and
    /// the hub gets every act.
    @Test func aHubThatLostWhatTheAgencyCompactedGetsItBackMadeAgainFromTheAgencysLog() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let ids = try (1...3).map { try pair.agency.record(pair.business($0)).id }
        try pair.pump { try pair.hubApplied() == 3 && pair.agency.pendingOutbound(to: .hub) == 0 }
        let entries = try pair.agencyDB.read { db in try Outbox.entries(db, stream: .hub, from: 1, limit: 10) }
        #expect(entries.count == 3 && entries.allSatisfy(\.isCompacted), "references to the log, no bytes of their own")

        try pair.restartHubWithEmptyDatabase()
        try pair.pump { try pair.hubApplied() == 3 && pair.agency.pendingOutbound(to: .hub) == 0 }
        #expect(try pair.hubDB.read { db in try MessageLog.ids(db, origin: pair.district) } == ids)
        #expect(pair.hub.counters.rejectedTotal == 0, "every signature verified")
    }

    /// Frames of a message claiming to come from the district, as a foreign client could send them,
    /// signed with the district's key (`signedBy`), so what the test varies is the rest.
    func forged(_ pair: BusPair, seq: UInt64, id: String, type: String = "business.registered", body: MessageBody? = nil,
                signedBy key: SigningKeyPair? = nil) -> [[UInt8]] {
        var envelope = Envelope(type: .businessRegistered, id: id, origin: pair.district, to: .hub, seq: seq, ts: 1)
        let bytes = (body ?? pair.business(Int(seq) + 100)).encoded()
        envelope.sig = (key ?? pair.agencyKey).sign(envelope.signingInput(body: bytes)).base64
        var frames = WireMessage.message(envelope, body: bytes).frames()
        frames[1] = Array(String(decoding: frames[1], as: UTF8.self).replacingOccurrences(of: "business.registered", with: type).utf8)
        return frames
    }

    /// An act signed with another key than the district's — a forgery by whoever holds its CURVE
    /// key, or a rotated key not yet listed at the hub — is held, not applied and not consumed;
    /// once the key is listed, the same act flows.
    @Test func anActSignedWithAKeyNotListedForItsAuthorIsHeldUntilTheKeyIsListed() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let rotated = SigningKeyPair.generate()
        let forger = try pair.extraPublisher("forger")
        let frames = forged(pair, seq: 1, id: UUID().uuidString.lowercased(), signedBy: rotated)
        try pair.pump(until: {
            try forger.send(frames, dontWait: true)
            return (pair.hub.counters.rejected["bad-signature"] ?? 0) >= 3
        })
        #expect(try pair.hubApplied() == 0)
        #expect(pair.hub.peerStatuses().first { $0.id == pair.district }?.applied == 0, "held, not consumed")

        // The hub's keyring gains the rotated key (as a reload would): the same frames now apply.
        try pair.reopenHub(signers: [pair.district: [pair.agencyKey.publicKey, rotated.publicKey]])
        try pair.pump(until: {
            try forger.send(frames, dontWait: true)
            return try pair.hubApplied() == 1
        })
    }

    @Test func anUnsignedActOrOneWhoseBodyWasChangedAfterSigningIsNotApplied() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let forger = try pair.extraPublisher("forger")
        var unsigned = forged(pair, seq: 1, id: UUID().uuidString.lowercased())
        unsigned[1] = Array(String(decoding: unsigned[1], as: UTF8.self).replacingOccurrences(of: #""sig":"#, with: #""unsig":"#).utf8)
        var altered = forged(pair, seq: 1, id: UUID().uuidString.lowercased())
        altered[2] = pair.business(999).encoded()
        try pair.pump(until: {
            try forger.send(unsigned, dontWait: true)
            try forger.send(altered, dontWait: true)
            return (pair.hub.counters.rejected["bad-signature"] ?? 0) >= 4
        })
        #expect(try pair.hubApplied() == 0)
        // The district's own signed acts still flow.
        _ = try pair.agency.record(pair.business(1))
        try pair.pump { try pair.hubApplied() == 1 }
    }

    @Test func aMessageOfANewerTypeStallsItsStreamInsteadOfBeingDropped() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let newer = try pair.extraPublisher("newer")
        let frames = forged(pair, seq: 1, id: UUID().uuidString.lowercased(), type: "business.sold")
        try pair.pump(until: {
            try newer.send(frames, dontWait: true)
            return (pair.hub.counters.rejected["unknown-type"] ?? 0) > 0
        })
        // Not consumed: seq 1 is still the one the hub waits for.
        #expect(pair.hub.peerStatuses().first { $0.id == pair.district }?.applied == 0)
        #expect(try pair.hubApplied() == 0)
    }

    @Test func aReusedIDIsRefusedAloneAndTheRestOfTheBatchCommits() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let first = try pair.agency.record(pair.business(1))
        try pair.pump { try pair.hubApplied() == 1 }
        let forger = try pair.extraPublisher("forger")
        let reused = forged(pair, seq: 2, id: first.id)
        let fresh = forged(pair, seq: 3, id: UUID().uuidString.lowercased())
        try pair.pump(until: {
            try forger.send(reused, dontWait: true)
            try forger.send(fresh, dontWait: true)
            return try pair.hubApplied() == 2
        })
        #expect(pair.hub.counters.rejected["duplicate-id"] == 1)
        #expect(try pair.hubDB.read { db in try InboundStreams.applied(db, peer: pair.district) } == 3)
    }

    @Test func anOversizedBodyFromAnAuthenticatedOriginIsConsumedNotResentForever() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let sender = try pair.extraPublisher("big")
        var frames = forged(pair, seq: 1, id: UUID().uuidString.lowercased())
        frames[2] = Array(repeating: 0x20, count: WireMessage.maxBodyBytes + 1)
        try pair.pump(until: {
            try sender.send(frames, dontWait: true)
            return (pair.hub.counters.rejected["oversized"] ?? 0) > 0
        })
        try pair.pump { try pair.hubDB.read { db in try InboundStreams.applied(db, peer: pair.district) } == 1 }
    }

    @Test func anActTheHubsOlderTablesDoNotKnowHoldsTheStreamUntilTheyAreUpdated() throws {
        let pair = try BusPair()
        defer { pair.close() }
        pair.applier.unknownCategories = ["ND99-new"]
        let violation = MessageBody(ViolationRecorded(
            violationID: "VP-1", businessID: "BL-1", district: pair.district, category: "ND99-new",
            observedOn: try CivilDate(parsing: "2026-11-15"), evidenceRef: "BB-1", description: "x"))
        _ = try pair.agency.record(violation)
        _ = try pair.agency.record(pair.business(2))
        // Refused on first delivery and again on the resend: held, not consumed, nothing behind it applied.
        try pair.pump { (pair.hub.counters.rejected["inadmissible"] ?? 0) >= 2 }
        #expect(try pair.hubApplied() == 0)
        // The hub's tables are updated: the held stream flows, in order, both acts applied.
        pair.applier.unknownCategories = []
        try pair.pump { try pair.hubApplied() == 2 && pair.agency.pendingOutbound(to: .hub) == 0 }
    }

    @Test func anActTooLargeForTheWireIsRefusedBeforeAnythingIsWritten() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let huge = MessageBody(IncidentReported(
            incidentID: "SC-1", occurredOn: try CivilDate(parsing: "2026-11-20"), severity: .low,
            summary: String(repeating: "ệ", count: WireMessage.maxBodyBytes / 2)))
        #expect(throws: ActTooLarge.self) { try pair.agency.record(huge) }
        #expect(try pair.agencyDB.read(MessageLog.count) == 0)
        #expect(pair.agency.pendingOutbound(to: .hub) == 0)
    }
}

/// Only the hub relays acts recorded by others.
struct RelayForgeryTests {
    @Test func anAgencyClaimingToRelayAnotherAgencysActIsRefusedAndItsSeqConsumed() throws {
        let pair = try BusPair()
        defer { pair.close() }
        let forger = try pair.extraPublisher("relay-forger")
        var envelope = Envelope(type: .businessRegistered, id: UUID().uuidString.lowercased(), origin: pair.district, to: .hub, seq: 1, ts: 1)
        envelope.author = AgencyID(rawValue: "district-duc-hoa")!
        let frames = WireMessage.message(envelope, body: pair.business(1).encoded()).frames()
        try pair.pump(until: {
            try forger.send(frames, dontWait: true)
            return (pair.hub.counters.rejected["forged-relay"] ?? 0) > 0
        })
        #expect(try pair.hubApplied() == 0)
        // Consumed, so the district's next act is not stuck behind it.
        #expect(pair.hub.peerStatuses().first { $0.id == pair.district }?.applied == 1)
        #expect(try pair.hubDB.read { db in try AgencyDirectory.rejectionCounts(db) }["forged-relay"] == 1)
    }
}

import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing
import ZeroMQ

/// A raw ZeroMQ client written from docs/PROTOCOL.md, holding a real CURVE key, sends thousands
/// of seeded random bad inputs (HostileInputs.swift) to a real daemon, with good acts between
/// them. Every input's outcome is known before it is sent, so the daemon's counters must match
/// exactly, its log must hold every good act once and nothing else, and it must never exit.
///
/// `PHOIHOP_HOSTILE_SEED=<n>` replays a run (the seed is printed); `PHOIHOP_HOSTILE_INPUTS=<n>`
/// sets the count (default 2500).
@Suite(.serialized)
struct AdversarialClientTests {
    static let inputs = Int(ProcessInfo.processInfo.environment["PHOIHOP_HOSTILE_INPUTS"] ?? "") ?? 2500
    static func seed() -> UInt64 { UInt64(ProcessInfo.processInfo.environment["PHOIHOP_HOSTILE_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max)) }

    /// The hub, attacked by a district's own key while another district records real acts.
    @Test func thousandsOfHostileInputsAtTheHubAreRejectedCountedAndNoGoodActIsLost() throws {
        let province = try Province(districts: 2)
        defer { province.stopAll() }
        let (attacker, honest) = (ProvinceTests.tanAn, ProvinceTests.kienTuong)
        try province.start(.hub)
        try province.start(honest)
        let config = try DaemonConfig.load(file: province.configFile(attacker), environment: [:])

        let context = try ZMQContext()
        defer { context.terminate() }
        // XPUB, not PUB: it hands over the hub's subscription, so the client knows when its frames are no longer filtered.
        let client = try HostileSocket(context: context, label: "main")
        let sacrificial = try HostileSocket(context: context, label: "oversized")
        defer { client.close(); sacrificial.close() }
        for socket in [client, sacrificial] {
            try socket.socket.setCurveClient(serverKey: config.hubPublicKey!, keyPair: config.keyPair)
            try socket.socket.connect(config.endpoints.ingest)
            try socket.waitForSubscription()
        }

        let seed = Self.seed()
        let honestConfig = try DaemonConfig.load(file: province.configFile(honest), environment: [:])
        var generator = HostileInputs(target: HostileTarget(
            receiver: .hub, sender: attacker, otherAgency: ProvinceTests.congAn, otherDistrict: honest,
            signingKeys: [attacker: config.signingKey, honest: honestConfig.signingKey], wrongSigner: honest), seed: seed)
        var run = HostileRun(province: province, receiver: .hub, sender: attacker, daemons: [.hub, honest], seed: seed)
        var honestIDs: [String] = []
        try run.sendAndSettle(generator.good(), on: client)

        while run.sent < Self.inputs {
            for _ in 0..<250 {
                let input = generator.nextInput()
                if input.outcome == .connectionDropped {
                    // On a connection of its own: libzmq closes it, the others go on.
                    try sacrificial.sendOversizedAndAwaitDrop(input, province: province)
                    run.count(input)
                } else {
                    try run.send(input, on: client)
                }
            }
            // The honest district records while the hub digests the flood.
            for _ in 0..<2 {
                honestIDs.append(try province.record(honest, ProvinceTests.business("KT-\(honestIDs.count + 1)", in: honest)).id)
            }
            try run.sendAndSettle(generator.good(), on: client)
        }
        try province.waitUntil("the honest district's acts are all applied and acknowledged", timeout: 60) {
            try province.status(honest).peers.first { $0.id == .hub }?.outboundPending == 0
        }
        try run.checkCounters(duplicatesAndGapsFromOthers: true)
        province.stopAll()
        try run.checkLog(goodIDs: generator.applied.map(\.id), goodFrames: generator.applied.map(\.frames), others: [honest: honestIDs])
        run.report(extra: "honest district \(honest): \(honestIDs.count) acts recorded meanwhile, all applied once; "
            + "oversized frames: \(sacrificial.drops) connections closed by libzmq")
    }

    /// An agency, attacked by whoever holds the hub's secret key: a hostile PUB bound on the hub's
    /// publish endpoint, the real hub stopped.
    @Test func thousandsOfHostileInputsAtAnAgencyFromAHostileHubAreRejectedCountedAndNoGoodActIsLost() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        let victim = ProvinceTests.congAn
        let hubConfig = try DaemonConfig.load(file: province.configFile(.hub), environment: [:])

        let context = try ZMQContext()
        defer { context.terminate() }
        let hostileHub = try HostileSocket(context: context, label: "hub")
        defer { hostileHub.close() }
        try hostileHub.socket.setCurveServer(secretKey: hubConfig.keyPair.secretKey)
        try hostileHub.bind(hubConfig.endpoints.publish)
        try province.start(victim)
        try hostileHub.waitForSubscription()

        let seed = Self.seed()
        // The hostile hub signs with the hub's key, and relays acts signed with their authors' keys.
        var keys: [AgencyID: SigningKeyPair] = [.hub: hubConfig.signingKey]
        for agency in [ProvinceTests.tanAn, ProvinceTests.vhttdl] {
            keys[agency] = try DaemonConfig.load(file: province.configFile(agency), environment: [:]).signingKey
        }
        var generator = HostileInputs(target: HostileTarget(
            receiver: victim, sender: .hub, otherAgency: ProvinceTests.vhttdl, otherDistrict: ProvinceTests.tanAn,
            signingKeys: keys, wrongSigner: ProvinceTests.vhttdl), seed: seed)
        // libzmq gives up a connection whose peer sent a frame over ZMQ_MAXMSGSIZE; the agency
        // connects again after ten silent heartbeat intervals (2 s here), so a few suffice.
        generator.maxOversizedFrames = 4
        var run = HostileRun(province: province, receiver: victim, sender: .hub, daemons: [victim], seed: seed)
        try run.sendAndSettle(generator.good(), on: hostileHub)

        while run.sent < Self.inputs {
            var oversized: [HostileInput] = []
            for _ in 0..<250 {
                let input = generator.nextInput()
                if input.outcome == .connectionDropped { oversized.append(input) } else { try run.send(input, on: hostileHub) }
            }
            try run.sendAndSettle(generator.good(), on: hostileHub)
            // The agency's only connection is to the hub: an oversized frame closes it, so these go
            // once the round is applied, each awaiting the agency's reconnection.
            for input in oversized {
                try hostileHub.sendOversizedAndAwaitDrop(input, province: province)
                run.count(input)
            }
        }
        try run.checkCounters(duplicatesAndGapsFromOthers: false)
        province.stopAll()
        try run.checkLog(goodIDs: generator.applied.map(\.id), goodFrames: generator.applied.map(\.frames), others: [:])
        run.report(extra: "oversized frames: \(hostileHub.drops) connections closed by the agency's libzmq")
    }
}

/// An XPUB socket with a monitor: it sees the peer's subscription arrive, and its connection close.
final class HostileSocket {
    let socket: ZMQSocket
    let monitor: SocketMonitor
    private(set) var drops = 0
    /// A bound socket loses its peer's pipe, subscription and all, when the connection closes; a
    /// connecting one keeps the pipe across the reconnection (libzmq's session outlives the TCP
    /// connection), so its subscription stays and frames sent meanwhile wait in the pipe.
    var bound = false

    init(context: ZMQContext, label: String) throws {
        socket = try ZMQSocket(context: context, type: .xpub)
        try socket.setLinger(milliseconds: 0)
        try socket.setSendHighWaterMark(0)  // never drop: every input must reach the daemon
        try socket.setReconnectInterval(50, max: 200)
        let endpoint = "inproc://hostile-monitor-\(label)-\(UUID().uuidString.prefix(8))"
        try socket.monitor(endpoint: endpoint, events: [.disconnected, .handshakeSucceeded])
        monitor = try SocketMonitor(context: context, endpoint: endpoint)
    }

    func bind(_ endpoint: String) throws {
        // The old pipe may still hold the subscription when the peer's new connection subscribes again.
        try socket.setXPubVerbose(true)
        try socket.bind(endpoint)
        bound = true
    }

    /// Returns once a subscription (`0x01` + prefix) arrives: from then on frames are not filtered.
    func waitForSubscription(timeoutMilliseconds: Int = 30_000) throws {
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        while Date() < deadline {
            guard try socket.waitUntilReadable(timeoutMilliseconds: 100), let message = try socket.receive(dontWait: true) else { continue }
            if message.frames.first?.first == 0x01 { return }
        }
        throw ProvinceError("no subscription reached the hostile socket within \(timeoutMilliseconds) ms")
    }

    /// Sends a frame over ZMQ_MAXMSGSIZE and waits for the receiver's libzmq to close the
    /// connection, then for the connection to be made again.
    func sendOversizedAndAwaitDrop(_ input: HostileInput, province: Province) throws {
        _ = try socket.send(input.frames)
        guard try monitor.wait(for: .disconnected, timeoutMilliseconds: 30_000) != nil else {
            throw ProvinceError("the receiver kept a connection that sent a \(input.frames.map(\.count).max()!)-byte frame")
        }
        drops += 1
        if bound {
            try waitForSubscription()
        } else if try monitor.wait(for: .handshakeSucceeded, timeoutMilliseconds: 30_000) == nil {
            throw ProvinceError("the hostile client did not reconnect after its oversized frame")
        }
    }

    func close() {
        monitor.close()
        socket.close()
    }
}

/// The tally of one adversarial run and the checks against the daemon it attacks.
struct HostileRun {
    let province: Province
    let receiver: AgencyID
    let sender: AgencyID
    /// The daemons that must be running from start to end.
    let daemons: [AgencyID]
    let seed: UInt64
    let started = Date()
    private(set) var sent = 0
    var perClass: [HostileClass: [String: Int]] = [:]
    var expectedRejections: [String: UInt64] = [:]
    var expectedDuplicates: UInt64 = 0
    var expectedGaps: UInt64 = 0
    /// Ids carried by bad inputs: none may be in the receiver's log.
    var badIDs: Set<String> = []
    var accepted = -1
    var crashes = -1

    init(province: Province, receiver: AgencyID, sender: AgencyID, daemons: [AgencyID], seed: UInt64) {
        self.province = province; self.receiver = receiver; self.sender = sender; self.daemons = daemons; self.seed = seed
        print("adversarial run against \(receiver) as \(sender): seed \(seed) (PHOIHOP_HOSTILE_SEED=\(seed) replays it)")
    }

    mutating func send(_ input: HostileInput, on socket: HostileSocket) throws {
        _ = try socket.socket.send(input.frames)
        count(input)
    }

    mutating func count(_ input: HostileInput) {
        sent += 1
        let label: String
        switch input.outcome {
        case let .rejected(reason, consumed): label = "\(reason)\(consumed ? " (consumed)" : "")"; expectedRejections[reason, default: 0] += 1
        case .duplicate: label = "duplicate"; expectedDuplicates += 1
        case .gap: label = "gap"; expectedGaps += 1
        case .unseen: label = "filtered by libzmq"
        case .connectionDropped: label = "connection closed by libzmq"
        case .applied: label = "applied"
        }
        perClass[input.inputClass, default: [:]][label, default: 0] += 1
        if input.outcome != .applied, let id = input.freshID { badIDs.insert(id) }
    }

    /// Sends a good act and waits until the receiver applied it: everything sent before it on the
    /// same connection has been handled (a connection is ordered). Then the counters must match.
    mutating func sendAndSettle(_ good: HostileInput, on socket: HostileSocket) throws {
        precondition(good.outcome == .applied, "only a good act can settle a round")
        try send(good, on: socket)
        let position = try HostileRun.seq(of: good)
        try province.waitUntil("\(receiver) applied \(sender)'s act \(position) (\(sent) inputs sent)", timeout: 60) {
            try checkAlive()
            return try province.status(receiver).peers.first { $0.id == sender }?.applied == position
        }
        let rejected = try province.status(receiver).counters.rejected
        try #require(rejected == expectedRejections, "after \(sent) inputs (seed \(seed)): \(HostileRun.difference(rejected, expectedRejections))")
    }

    func checkAlive() throws {
        for daemon in daemons where province.processes[daemon]?.isRunning != true {
            throw ProvinceError("\(daemon) exited under hostile input (seed \(seed)): \(province.log(daemon))")
        }
    }

    mutating func checkCounters(duplicatesAndGapsFromOthers: Bool) throws {
        crashes = daemons.filter { province.processes[$0]?.isRunning != true }.count
        try checkAlive()
        let counters = try province.status(receiver).counters
        #expect(counters.rejected == expectedRejections, "\(HostileRun.difference(counters.rejected, expectedRejections))")
        if duplicatesAndGapsFromOthers {
            // The honest district's own resends add duplicates and gaps the run cannot tell apart.
            #expect(counters.duplicates >= expectedDuplicates)
            #expect(counters.gaps >= expectedGaps)
        } else {
            #expect(counters.duplicates == expectedDuplicates)
            #expect(counters.gaps == expectedGaps)
        }
    }

    /// From the receiver's SQLite file: every rejection stored with its reason; the log holds each
    /// good act once, byte for byte, and nothing else.
    mutating func checkLog(goodIDs: [String], goodFrames: [[[UInt8]]], others: [AgencyID: [String]]) throws {
        let database = try PhoiHopDatabase(path: province.databasePath(receiver))
        let stored = try database.read(AgencyDirectory.rejectionCounts)
        #expect(stored.mapValues(UInt64.init) == expectedRejections, "stored: \(HostileRun.difference(stored.mapValues(UInt64.init), expectedRejections))")
        let entries = try database.read { db in try MessageLog.entries(db, after: 0, limit: 1_000_000) }
        let fromSender = entries.filter { $0.origin == sender }
        #expect(fromSender.map(\.id) == goodIDs)
        // Each at the seq it was sent at: the bad inputs consumed the seqs between them.
        #expect(fromSender.map(\.seq) == (try goodFrames.map { frames in try #require(WireMessage.streamPosition(frames: frames)).seq }))
        #expect(fromSender.map(\.body) == goodFrames.map { $0[2] })
        for (origin, ids) in others {
            #expect(Set(entries.filter { $0.origin == origin }.map(\.id)) == Set(ids))
            #expect(entries.filter { $0.origin == origin }.count == ids.count)
        }
        #expect(entries.count == goodIDs.count + others.values.map(\.count).reduce(0, +))
        // A bad input is accepted if its id is in the log, or if the log holds anything beyond the good acts.
        accepted = entries.filter { badIDs.contains($0.id) }.count + max(0, entries.count - goodIDs.count - others.values.map(\.count).reduce(0, +))
        #expect(accepted == 0)
    }

    func report(extra: String) {
        var lines = ["adversarial run against \(receiver) as \(sender), seed \(seed): \(sent) inputs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"]
        for (inputClass, outcomes) in perClass.sorted(by: { $0.key < $1.key }) {
            let total = outcomes.values.reduce(0, +)
            lines.append("  \(inputClass.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(total).leftPad(5))  "
                + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let bad = sent - (perClass[.good]?.values.reduce(0, +) ?? 0)
        lines.append("  bad inputs \(bad), accepted = \(accepted), crashes = \(crashes); rejections by reason: "
            + expectedRejections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("  duplicates \(expectedDuplicates), gaps \(expectedGaps); \(extra)")
        print(lines.joined(separator: "\n"))
    }

    static func seq(of input: HostileInput) throws -> UInt64 {
        guard let position = WireMessage.streamPosition(frames: input.frames) else { throw ProvinceError("a good act without a position") }
        return position.seq
    }

    static func difference(_ actual: [String: UInt64], _ expected: [String: UInt64]) -> String {
        Set(actual.keys).union(expected.keys).sorted().compactMap { reason in
            actual[reason] == expected[reason] ? nil : "\(reason): \(actual[reason] ?? 0) counted, \(expected[reason] ?? 0) expected"
        }.joined(separator: "; ")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

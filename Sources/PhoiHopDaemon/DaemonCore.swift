import Foundation
import GRDB
import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopSystemd
import ZeroMQ

/// The daemon itself, confined to its socket loop thread: every socket, the bus node and the
/// database are used from that thread only, so none of them needs a lock.
final class DaemonCore: MessageApplier {
    /// The configuration in force: as loaded at start, with the trust parts of the last reload.
    var config: DaemonConfig
    let role: DaemonRole
    let logger: Logger
    let database: PhoiHopDatabase
    let startedAt = wallClockMilliseconds()
    var node: BusNode!
    var control: ControlServer!
    /// The bus sockets and, at the hub, the allow-list the ZAP handler decides with.
    var bus: OpenedBus!
    /// An agency is connecting again while the hub is silent (DaemonCore+Redial.swift).
    var redialing = false
    /// An agency's bus sockets whose last handshake the hub refused, by name.
    var refusedSockets: Set<String> = []
    /// When the publishing link was last reopened because acts waited unacknowledged.
    var lastStallRedial = ContinuousClock.now
    /// Failed checkpoints are logged at most once a minute (`DaemonCore+Checkpoints`).
    var checkpointWarnings = RateBudget(perMinute: 1)
    /// Set while duties run, so the acts they record do not run them again.
    var inDuties = false
    /// When the standing duties should next look: a burst of acts (a backlog after an outage, a
    /// batch of acknowledgements) is looked at once it is over, not after each act, so an item
    /// closed a moment after it opened is not reminded.
    var dutiesDue: ContinuousClock.Instant? = .now + DaemonCore.dutiesQuietPeriod
    static let dutiesQuietPeriod: Duration = .seconds(2)
    /// The daemon's own metrics (DaemonCore+Metrics.swift).
    var metrics = DaemonMetrics()
    /// systemd's notification socket (DaemonCore+Systemd.swift); inert outside systemd.
    let systemd = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
    var systemdWarnings = RateBudget(perMinute: 1)

    /// Opens everything and registers it with `loop`; must run on the loop thread. On failure,
    /// whatever was opened is closed again.
    @discardableResult
    static func start(on loop: SocketLoop, config: DaemonConfig, role: DaemonRole, logger: Logger) throws -> DaemonCore {
        precondition(loop.inLoop)
        let context = try ZMQContext()
        var sockets: [ZMQSocket] = []
        var zap: ZAPHandler?
        func closeAll() {
            sockets.forEach { $0.close() }
            zap?.close()
            context.terminate()
        }
        do {
            // Opening checks every page of the store (PhoiHopDatabase.verify): tens of seconds for
            // years of a province's history, past TimeoutStartSec=, so systemd is asked for more
            // time while it runs (SystemdStartExtension).
            let size = (try? FileManager.default.attributesOfItem(atPath: config.databasePath)[.size] as? Int) ?? 0
            let opening = ContinuousClock.now
            let database = try SystemdNotifier(environment: ProcessInfo.processInfo.environment).extendingStart(
                status: "opening and checking the store \(config.databasePath) (\(size / 1_048_576) MiB)"
            ) {
                let database = try PhoiHopDatabase(path: config.databasePath, durability: Durability(rawValue: config.durability) ?? .full)
                // A disk that filled before a clean stop's checkpoint, or is still full or read-only:
                // refused here, naming the remedy, rather than serving a store that takes no act.
                try database.checkpointAndProbeWrite()
                return database
            }
            logger.info("store opened and checked", metadata: [
                "path": "\(config.databasePath)", "MiB": "\(size / 1_048_576)", "seconds": "\(StoreMaintenance.seconds(since: opening))",
            ])
            let core = DaemonCore(config: config, role: role, logger: logger, database: database)
            let bus = try role.openBus(context, config, logger)
            core.bus = bus
            zap = bus.zap
            sockets += [bus.publisher, bus.subscriber] + bus.watches.map(\.monitor.socket)
            core.node = try BusNode(
                identity: config.agency, role: config.role, peers: role.peers, tuning: config.tuning, database: database,
                publisher: bus.publisher, subscriber: bus.subscriber, applier: core,
                requireAuthenticatedOrigin: role.requireAuthenticatedOrigin,
                signing: ActSigning(key: config.signingKey, signers: config.signers), logger: logger)
            core.control = try ControlServer(context: context, path: config.controlSocket, group: config.controlGroup, logger: logger) { requests in
                core.handle(batch: requests)
            }
            sockets.append(core.control.zmqSocket)

            if let zap { loop.register(zap.socket) { try? zap.handleOne() } }
            // The hub's publisher is an XPUB whose subscriptions it applies itself.
            if config.role == .hub { loop.register(bus.publisher) { core.node.handleSubscriptions() } }
            loop.register(bus.subscriber) {
                let applied = core.node.counters.applied
                core.node.handleReadable()
                // New acts may open or close deadlines: the standing duties look again.
                if core.node.counters.applied != applied { core.requestDuties() }
            }
            loop.register(core.control.zmqSocket) { core.control.handleReadable() }
            loop.schedule(every: .milliseconds(50)) { core.node.tick() }
            loop.schedule(every: .milliseconds(250)) {
                if let due = core.dutiesDue, due <= .now { core.runDuties() }
            }
            loop.schedule(every: .seconds(60)) { core.runDuties() }
            for watch in bus.watches { loop.register(watch.monitor.socket) { core.handshakeEvents(watch) } }
            if config.role != .hub { loop.schedule(every: core.redialPeriod) { core.redial() } }
            loop.schedule(every: DaemonCore.checkpointCheckInterval) { core.signCheckpoint(force: false) }
            core.refreshMetrics()
            loop.schedule(every: DaemonCore.metricsRefreshInterval) { core.refreshMetrics() }
            core.scheduleSystemdDuties(on: loop)
            loop.addStopHandler {
                core.notifySystemd(.stopping, .status("stopping: closing sockets and checkpointing the store"))
                logger.info("stopping: closing sockets", metadata: ["pending": "\(core.node.peerStatuses().map(\.outboundPending).reduce(0, +))"])
                core.node.persistPeerRecords()
                core.node.logActSummaries(force: true)
                core.signCheckpoint(force: true)
                do { try database.checkpoint() } catch {
                    logger.warning("could not checkpoint the database; its -wal file still holds recent acts", metadata: ["error": "\(error)"])
                }
                core.control.close()
                closeAll()
            }
            return core
        } catch {
            closeAll()
            throw error
        }
    }

    init(config: DaemonConfig, role: DaemonRole, logger: Logger, database: PhoiHopDatabase) {
        self.config = config; self.role = role; self.logger = logger; self.database = database
    }

    /// Today in Vietnam (UTC+7), or the drill date of `PHOIHOP_TODAY`.
    var today: CivilDate {
        config.today ?? VietnamTime.day(atUnixMilliseconds: wallClockMilliseconds())
    }

    func apply(_ db: Database, position: Int64, author: AgencyID, body: MessageBody) throws {
        try Projection.apply(db, position: position, author: author, body: body)
    }

    func forwardees(_ db: Database, author: AgencyID, body: MessageBody) throws -> [AgencyID] {
        try role.forwardees(db, author, body, config)
    }

    func scopeRefusal(_ db: Database, origin: AgencyID, role: Role, body: MessageBody) throws -> String? {
        config.role == .hub ? try ActValidator.businessScope(db, origin: origin, role: role, body: body) : nil
    }

    func refusal(origin: AgencyID, role: Role, body: MessageBody) -> String? {
        ActValidator.checkTables(body: body, rules: config.rules)
    }

    func handle(_ request: ControlRequest) -> [UInt8] {
        do {
            switch request.command.command {
            case "status":
                let totals = try database.read { db in try ProvinceReport.totals(db, today: today) }
                return ControlServer.success(DaemonStatus(
                    agency: config.agency, role: config.role, version: PhoiHopProtocolInfo.softwareVersion,
                    startedAt: startedAt, now: wallClockMilliseconds(), counters: statusCounters,
                    peers: node.peerStatuses(), totals: totals, today: today, storeWriteFailure: node.storeWriteFailure))
            case "report":
                let figures = try database.read { db in try ProvinceReport.build(db, rules: config.rules, today: today) }
                return ControlServer.success(ProvinceReportData(
                    agency: config.agency, province: config.rules.province, generatedAt: wallClockMilliseconds(),
                    totals: figures.totals, counts: figures.counts, districtNames: figures.districtNames,
                    districtOrder: config.rules.districts.map(\.id.rawValue)))
            case "record":
                return record([request])[0]
            case "record-many":
                return recordMany(request)
            case "query":
                return try query(request)
            case "backup":
                return try backup(request)
            case "reload":
                return reloadReply(trigger: "control")
            case "checkpoint":
                return try checkpointCommand()
            case "metrics":
                return metricsReply()
            case let name where role.commands[name] != nil:
                return try role.commands[name]!(roleContext(request.command.parameters ?? [:]))
            default:
                return ControlServer.error("unknown command '\(request.command.command.prefix(40))'; this daemon knows \((["status", "report", "record", "record-many", "query", "backup", "reload", "checkpoint", "metrics"] + role.commands.keys.sorted()).joined(separator: ", "))")
            }
        } catch {
            return ControlServer.error("\(error)")
        }
    }

    /// Answers the requests the control socket held at once, in order. A run of `record`
    /// requests — officers who recorded at the same moment — is recorded in one commit.
    func handle(batch requests: [ControlRequest]) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        var index = requests.startIndex
        while index < requests.endIndex {
            let run = requests[index...].prefix { $0.command.command == "record" }
            if run.isEmpty {
                replies.append(handle(requests[index]))
                index += 1
            } else {
                replies += record(Array(run))
                index += run.count
            }
        }
        return replies
    }

    /// `record` requests, one act each, recorded in one commit; one reply each.
    func record(_ requests: [ControlRequest]) -> [[UInt8]] {
        let decoded = requests.map { request -> Result<MessageBody, RecordRefusal> in
            guard let typeName = request.command.type, let type = MessageType(rawValue: typeName) else {
                return .failure(RecordRefusal("record needs a known message type; got '\(request.command.type?.prefix(60) ?? "none")'"))
            }
            guard let bytes = request.body else { return .failure(RecordRefusal("record needs the act's body as a second frame")) }
            return Self.decodeAct(type, bytes)
        }
        return recordActs(decoded).map { outcome in
            switch outcome {
            case let .success(receipt): ControlServer.success(receipt)
            case let .failure(error): ControlServer.error("\(error)")
            }
        }
    }

    /// The most acts one `record-many` request may carry: an import is sent in slices this size.
    static let maxActsPerRequest = 1000

    /// `record-many`: the acts of one type in the body frames after the command, recorded in one
    /// commit. Each act is checked as a `record` would check it, after the acts before it; a
    /// refused act is reported in its place and the others are recorded.
    func recordMany(_ request: ControlRequest) -> [UInt8] {
        guard let typeName = request.command.type, let type = MessageType(rawValue: typeName) else {
            return ControlServer.error("record-many needs a known message type; got '\(request.command.type?.prefix(60) ?? "none")'")
        }
        guard !request.bodies.isEmpty else { return ControlServer.error("record-many needs the acts' bodies, one frame each, after the command") }
        guard request.bodies.count <= Self.maxActsPerRequest else {
            return ControlServer.error("record-many takes at most \(Self.maxActsPerRequest) acts per request; got \(request.bodies.count) — send them in slices")
        }
        let outcomes = recordActs(request.bodies.map { Self.decodeAct(type, $0) })
        return ControlServer.success(outcomes.map { outcome in
            switch outcome {
            case let .success(receipt): RecordOutcome(receipt: receipt)
            case let .failure(error): RecordOutcome(error: "\(error)")
            }
        })
    }

    static func decodeAct(_ type: MessageType, _ bytes: [UInt8]) -> Result<MessageBody, RecordRefusal> {
        do { return .success(try MessageBody.decode(type: type, schema: type.schemaVersion, bytes: bytes)) } catch {
            // Read by the officer; the field problem itself is the protocol's (English) wording.
            return .failure(RecordRefusal("nội dung \(type.rawValue) không hợp lệ: \(error)"))
        }
    }

    /// Checks and records the decoded acts in one commit (``BusNode/record(batch:check:)``); an
    /// act that did not decode keeps its refusal. A store that refuses writes is named to the
    /// officer with its remedy.
    func recordActs(_ acts: [Result<MessageBody, RecordRefusal>]) -> [Result<RecordReceipt, any Error>] {
        // A decoded act's place is filled with what the node answers for it (one answer per act).
        var outcomes: [Result<RecordReceipt, any Error>] = acts.map { act in
            if case let .failure(refusal) = act { .failure(refusal) } else { .failure(RecordRefusal("not recorded; record it again")) }
        }
        let decoded = acts.indices.compactMap { index in (try? acts[index].get()).map { (index, $0) } }
        guard !decoded.isEmpty else { return outcomes }
        let today = today
        let recorded = node.record(batch: decoded.map(\.1)) { db, body in
            try ActValidator.check(ActContext(db: db, agency: config.agency, role: config.role, rules: config.rules, today: today), body: body)
        }
        for ((index, body), outcome) in zip(decoded, recorded) {
            switch outcome {
            case let .success(receipt):
                if node.actLines.take(.recorded, stream: config.agency, seq: receipt.seq) {
                    logger.info("recorded", metadata: ["type": "\(body.type.rawValue)", "messageId": "\(receipt.id)", "seq": "\(receipt.seq)"])
                }
                outcomes[index] = .success(receipt)
            case let .failure(error):
                guard let failure = PhoiHopDatabase.writeFailure(error) else { outcomes[index] = .failure(error); continue }
                let refusal = StoreWriteRefusal(failure: failure)
                logger.error("record failed: \(refusal.english); nothing was recorded", metadata: [
                    "type": "\(body.type.rawValue)", "database": "\(database.path)", "error": "\(error)",
                ])
                outcomes[index] = .failure(refusal)
            }
        }
        if recorded.contains(where: { (try? $0.get()) != nil }) { requestDuties() }
        return outcomes
    }

    func validateAndRecord(_ body: MessageBody) throws -> RecordReceipt {
        try recordActs([.success(body)])[0].get()
    }

    func query(_ request: ControlRequest) throws -> [UInt8] {
        guard let name = request.command.type, let query = ConsoleQueries.named(name) else {
            let known = ConsoleQueries.all.map(\.name).joined(separator: ", ")
            return ControlServer.error("query needs a known name; got '\(request.command.type?.prefix(60) ?? "none")'; known: \(known)")
        }
        let answer = try database.read { db in
            var context = QueryContext(db: db, agency: config.agency, role: config.role, rules: config.rules, today: today,
                                       parameters: request.command.parameters ?? [:])
            context.reports = config.reports
            return try query.answer(context)
        }
        return ControlServer.successRaw(answer)
    }

    /// An online backup of this daemon's database, on the loop thread: nothing is recorded or
    /// applied during the copy, so every act acknowledged before the request is in it.
    func backup(_ request: ControlRequest) throws -> [UInt8] {
        let parameters = request.command.parameters ?? [:]
        guard let path = parameters["path"], !path.isEmpty else {
            return ControlServer.error("backup needs parameters.path, an absolute file path")
        }
        let overwrite: Bool
        switch parameters["overwrite"] ?? "false" {
        case "true": overwrite = true
        case "false": overwrite = false
        case let other: return ControlServer.error("backup: overwrite must be 'true' or 'false', not '\(other.prefix(20))'")
        }
        let started = ContinuousClock.now
        do {
            // A copy of a large store takes a while on the loop: it keeps systemd's watchdog fed.
            var lastPing = ContinuousClock.now
            let outcome = try database.backup(to: path, overwrite: overwrite) { [self] in
                guard ContinuousClock.now - lastPing >= .seconds(1) else { return }
                lastPing = .now
                notifySystemd(.watchdog)
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            logger.info("backup written", metadata: ["path": "\(outcome.path)", "bytes": "\(outcome.bytes)",
                                                     "messages": "\(outcome.messages)", "ms": "\(milliseconds)"])
            return ControlServer.success(BackupResult(agency: config.agency, path: outcome.path, bytes: outcome.bytes,
                                                      messages: outcome.messages, milliseconds: milliseconds))
        } catch let failure as BackupWriteFailure {
            logger.error("backup failed", metadata: ["path": "\(path)", "error": "\(failure)"])
            return ControlServer.error(failure.officerMessage)
        } catch {
            logger.error("backup failed", metadata: ["path": "\(path)", "error": "\(error)"])
            return ControlServer.error("backup failed: \(error)")
        }
    }

    /// Asks the standing duties to look once acts have been quiet for ``dutiesQuietPeriod``.
    func requestDuties() {
        dutiesDue = .now + DaemonCore.dutiesQuietPeriod
    }

    /// Records what the role's standing duties say is due now: shortly after start, after a burst
    /// of acts recorded or applied here, and every minute. A failure is logged, never fatal: the
    /// duty runs again.
    func runDuties() {
        guard !inDuties else { return }
        inDuties = true
        dutiesDue = nil
        defer { inDuties = false }
        do {
            let due = try database.read { db in
                try role.duties(ActContext(db: db, agency: config.agency, role: config.role, rules: config.rules, today: today))
            }
            for body in due { _ = try validateAndRecord(body) }
        } catch {
            let detail = (error as? StoreWriteRefusal)?.english ?? "\(error)"
            logger.error("standing duty failed; it runs again at the next act or minute", metadata: ["error": "\(detail)"])
        }
        do { try role.housekeeping(roleContext()) } catch {
            logger.error("housekeeping failed; it runs again at the next act or minute", metadata: ["error": "\(error)"])
        }
    }

    /// What the role's housekeeping and its own control commands see now.
    func roleContext(_ parameters: [String: String] = [:]) -> RoleContext {
        RoleContext(database: database, config: config, today: today, now: wallClockMilliseconds(), logger: logger, parameters: parameters)
    }
}

/// An act refused because the store cannot be written (a full disk, a read-only filesystem, a
/// disk error). The transaction was rolled back: nothing of the act is in the log or the outbox,
/// and no receipt was given. `description` is what the officer reads at the console.
struct StoreWriteRefusal: Error, CustomStringConvertible {
    let failure: PhoiHopDatabase.WriteFailure

    var english: String { failure.english }

    var description: String {
        switch failure {
        case .diskFull:
            "đĩa đầy: không ghi được hoạt động, chưa có gì được ghi nhận; giải phóng dung lượng rồi thử lại"
        case .notWritable:
            "đĩa chỉ đọc hoặc lỗi đĩa: không ghi được hoạt động, chưa có gì được ghi nhận; báo quản trị viên kiểm tra hệ thống tệp rồi thử lại"
        }
    }
}

/// Why an act sent to be recorded was not even checked: its type or body did not decode.
struct RecordRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

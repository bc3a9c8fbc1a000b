import GRDB
import Logging
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import ZeroMQ

/// The daemon itself, confined to its socket loop thread: every socket, the bus node and the
/// database are used from that thread only, so none of them needs a lock.
final class DaemonCore: MessageApplier {
    let config: DaemonConfig
    let role: DaemonRole
    let logger: Logger
    let database: PhoiHopDatabase
    let startedAt = wallClockMilliseconds()
    var node: BusNode!
    var control: ControlServer!

    /// Opens everything and registers it with `loop`; must run on the loop thread. On failure,
    /// whatever was opened is closed again.
    static func start(on loop: SocketLoop, config: DaemonConfig, role: DaemonRole, logger: Logger) throws {
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
            let database = try PhoiHopDatabase(path: config.databasePath, durability: Durability(rawValue: config.durability) ?? .full)
            let core = DaemonCore(config: config, role: role, logger: logger, database: database)
            let bus = try role.openBus(context, config, logger)
            zap = bus.zap
            sockets += [bus.publisher, bus.subscriber]
            core.node = try BusNode(
                identity: config.agency, role: config.role, peers: role.peers, tuning: config.tuning, database: database,
                publisher: bus.publisher, subscriber: bus.subscriber, applier: core,
                requireAuthenticatedOrigin: role.requireAuthenticatedOrigin, logger: logger)
            core.control = try ControlServer(context: context, path: config.controlSocket, logger: logger) { request in
                core.handle(request)
            }
            sockets.append(core.control.zmqSocket)

            if let zap { loop.register(zap.socket) { try? zap.handleOne() } }
            loop.register(bus.subscriber) { core.node.handleReadable() }
            loop.register(core.control.zmqSocket) { core.control.handleReadable() }
            loop.schedule(every: .milliseconds(50)) { core.node.tick() }
            loop.addStopHandler {
                logger.info("stopping: closing sockets", metadata: ["pending": "\(core.node.peerStatuses().map(\.outboundPending).reduce(0, +))"])
                core.node.persistPeerRecords()
                core.control.close()
                closeAll()
            }
        } catch {
            closeAll()
            throw error
        }
    }

    init(config: DaemonConfig, role: DaemonRole, logger: Logger, database: PhoiHopDatabase) {
        self.config = config; self.role = role; self.logger = logger; self.database = database
    }

    func apply(_ db: Database, position: Int64, origin: AgencyID, body: MessageBody) throws {
        try Projection.apply(db, position: position, origin: origin, body: body)
    }

    func refusal(origin: AgencyID, role: Role, body: MessageBody) -> String? {
        ActValidator.checkTables(body: body, rules: config.rules)
    }

    func handle(_ request: ControlRequest) -> [UInt8] {
        do {
            switch request.command.command {
            case "status":
                return ControlServer.success(DaemonStatus(
                    agency: config.agency, role: config.role, version: PhoiHopProtocolInfo.softwareVersion,
                    startedAt: startedAt, now: wallClockMilliseconds(), counters: node.counters,
                    peers: node.peerStatuses(), totals: try database.read(ProvinceQueries.totals)))
            case "report":
                let figures = try database.read { db in try ProvinceReport.build(db, rules: config.rules) }
                return ControlServer.success(ProvinceReportData(
                    agency: config.agency, province: config.rules.province, generatedAt: wallClockMilliseconds(),
                    totals: figures.totals, counts: figures.counts, districtNames: figures.districtNames,
                    districtOrder: config.rules.districts.map(\.id.rawValue)))
            case "record":
                return try record(request)
            default:
                return ControlServer.error("unknown command '\(request.command.command.prefix(40))'; this daemon knows status, report, record")
            }
        } catch {
            return ControlServer.error("\(error)")
        }
    }

    func record(_ request: ControlRequest) throws -> [UInt8] {
        guard let typeName = request.command.type, let type = MessageType(rawValue: typeName) else {
            return ControlServer.error("record needs a known message type; got '\(request.command.type ?? "none")'")
        }
        guard let bytes = request.body else { return ControlServer.error("record needs the act's body as a second frame") }
        let body: MessageBody
        do { body = try MessageBody.decode(type: type, schema: type.schemaVersion, bytes: bytes) } catch {
            return ControlServer.error("the \(type.rawValue) act is not valid: \(error)")
        }
        let known = Set(role.peers.ids)
        try database.read { db in
            try ActValidator.check(db, body: body, by: config.agency, role: config.role, rules: config.rules, knownAgencies: known)
        }
        let receipt = try node.record(body, recipients: role.recipients(body))
        logger.info("recorded", metadata: ["type": "\(type.rawValue)", "id": "\(receipt.id)", "seq": "\(receipt.seq)"])
        return ControlServer.success(receipt)
    }
}

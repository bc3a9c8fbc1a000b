import Foundation
import GRDB
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopWeb
import Synchronization

/// A hub's database in a temporary file with the repository's legal tables, answering the
/// dashboard's reads as the hub daemon does (`status`, `report`, `query`), without the bus.
final class HubStore: Sendable {
    let rules: ProvinceRules
    let today: CivilDate
    let database: PhoiHopDatabase
    let path: String
    private let seq = Mutex<UInt64>(0)

    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    init(today: String = "2026-11-20") throws {
        rules = try ProvinceRules.load(provinceFile: "\(Self.configDirectory)/province/long-an.yaml", rulesDirectory: "\(Self.configDirectory)/rules")
        self.today = try CivilDate(parsing: today)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-web-\(UUID().uuidString).sqlite").path
        database = try PhoiHopDatabase(path: path)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Applies an act `author` recorded, as the hub applies what it receives; returns its log position.
    @discardableResult
    func receive(_ body: some CatalogBody, from author: String) throws -> Int64 {
        let body = MessageBody(body)
        let seq = seq.withLock { $0 += 1; return $0 }
        return try database.write { db in
            let position = try MessageLog.append(
                db, id: "act-\(author)-\(seq)", origin: AgencyID(rawValue: author)!, seq: seq, type: body.type, schema: body.type.schemaVersion,
                district: body.value.concernedDistrict, sentAt: 1_763_600_000_000, acceptedAt: 1_763_600_000_000, body: body.encoded(),
                business: body.value.concernedBusiness, actOn: body.value.actDate)
            try Projection.apply(db, position: position, author: AgencyID(rawValue: author)!, body: body)
            return position
        }
    }

    /// The dashboard's source over this store; `peers` are the agencies `status` reports.
    func source(peers: [PeerStatus] = []) -> DashboardSource {
        DashboardSource { [self] command in try self.answer(command, peers: peers) }
    }

    func answer(_ command: ControlCommand, peers: [PeerStatus]) throws -> [UInt8] {
        do {
            switch command.command {
            case "status":
                let totals = try database.read { db in try ProvinceReport.totals(db, today: today) }
                return ControlServer.success(DaemonStatus(agency: .hub, role: .hub, version: "1.0.0", startedAt: 1_763_600_000_000,
                                                          now: 1_763_600_060_000, counters: BusCounters(), peers: peers, totals: totals, today: today))
            case "report":
                let figures = try database.read { db in try ProvinceReport.build(db, rules: rules, today: today) }
                return ControlServer.success(ProvinceReportData(agency: .hub, province: rules.province, generatedAt: 0, totals: figures.totals,
                                                                counts: figures.counts, districtNames: figures.districtNames,
                                                                districtOrder: rules.districts.map(\.id.rawValue)))
            case "query":
                guard let query = ConsoleQueries.named(command.type ?? "") else { return ControlServer.error("no query \(command.type ?? "")") }
                let answer = try database.read { db in
                    try query.answer(QueryContext(db: db, agency: .hub, role: .hub, rules: rules, today: today, parameters: command.parameters ?? [:]))
                }
                return ControlServer.successRaw(answer)
            default:
                return ControlServer.error("unknown command \(command.command)")
            }
        } catch {
            return ControlServer.error("\(error)")
        }
    }
}

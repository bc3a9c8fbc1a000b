import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

/// One daemon's database in a temporary file, with the repository's legal tables, for testing
/// the rules of one group without the bus: ``record(_:as:)`` runs the same steps a daemon runs
/// for an officer's act (check, log append, projection, routing), ``receive(_:from:)`` applies
/// an act the hub relayed.
final class DomainFixture {
    let agency: AgencyID
    let role: Role
    let rules: ProvinceRules
    var today: CivilDate
    let database: PhoiHopDatabase
    let path: String
    private var seq: UInt64 = 0

    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    static func loadRules() throws -> ProvinceRules {
        try ProvinceRules.load(provinceFile: "\(configDirectory)/province/long-an.yaml", rulesDirectory: "\(configDirectory)/rules")
    }

    /// - Parameters:
    ///   - agency: the daemon's identity (`so-tttt` for the hub).
    ///   - today: the date deadlines count from.
    init(_ agency: String, role: Role, today: String = "2026-11-20") throws {
        self.agency = AgencyID(rawValue: agency)!
        self.role = role
        rules = try DomainFixture.loadRules()
        self.today = try CivilDate(parsing: today)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-domain-\(UUID().uuidString).sqlite").path
        database = try PhoiHopDatabase(path: path)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    var context: (Database) -> ActContext {
        { db in ActContext(db: db, agency: self.agency, role: self.role, rules: self.rules, today: self.today) }
    }

    /// Checks `body` as this daemon would before recording it; throws the refusal.
    func check(_ body: some CatalogBody) throws {
        try database.read { db in try ActValidator.check(context(db), body: MessageBody(body)) }
    }

    /// Records an officer's act here: checked, logged, projected. Returns whom the hub would
    /// pass it on to (meaningful when this fixture is the hub).
    @discardableResult
    func record(_ body: some CatalogBody) throws -> [AgencyID] {
        try check(body)
        return try apply(MessageBody(body), author: agency)
    }

    /// Applies an act recorded elsewhere (received by the hub, or relayed by it to an agency).
    @discardableResult
    func receive(_ body: some CatalogBody, from author: String) throws -> [AgencyID] {
        try apply(MessageBody(body), author: AgencyID(rawValue: author)!)
    }

    private func apply(_ body: MessageBody, author: AgencyID) throws -> [AgencyID] {
        seq += 1
        let seq = seq
        return try database.write { db in
            let position = try MessageLog.append(
                db, id: UUID().uuidString.lowercased(), origin: author, seq: seq, type: body.type, schema: body.type.schemaVersion,
                district: body.value.concernedDistrict, sentAt: 0, acceptedAt: 0, body: body.encoded(),
                business: body.value.concernedBusiness, actOn: body.value.actDate)
            try Projection.apply(db, position: position, author: author, body: body)
            return try ActRouting.recipients(RoutingContext(db: db, author: author, rules: rules), body: body)
        }
    }

    /// Asks a console query, decoding its answer.
    /// Asks query `name` as the console would; `reports` is the hub's `reports:` configuration.
    func query<R: Decodable>(_ name: String, _ parameters: [String: String] = [:], reports: ReportsSettings = ReportsSettings(),
                             as _: R.Type) throws -> R {
        guard let query = ConsoleQueries.named(name) else { throw DomainError("no query '\(name)'") }
        let bytes = try database.read { db in
            var context = QueryContext(db: db, agency: agency, role: role, rules: rules, today: today, parameters: parameters)
            context.reports = reports
            return try query.answer(context)
        }
        return try JSONDecoder().decode(R.self, from: Data(bytes))
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    func anomalies() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT problem FROM anomalies ORDER BY position") }
    }
}

func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }
func agency(_ text: String) -> AgencyID { AgencyID(rawValue: text)! }

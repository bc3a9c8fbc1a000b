public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import Foundation

/// What a console query is asked with.
public struct QueryContext {
    public let db: Database
    /// The daemon answering: the hub sees the province, an agency its own records and relays.
    public let agency: AgencyID
    public let role: Role
    public let rules: ProvinceRules
    public let today: CivilDate
    /// The console's `--name value` filters, by name.
    public let parameters: [String: String]
    /// The hub's `reports:` configuration: the issuer its reports carry (defaults elsewhere).
    public var reports = ReportsSettings()

    public init(db: Database, agency: AgencyID, role: Role, rules: ProvinceRules, today: CivilDate, parameters: [String: String]) {
        self.db = db; self.agency = agency; self.role = role; self.rules = rules; self.today = today; self.parameters = parameters
    }

    /// The calendar of the legal tables.
    public var calendar: LegalCalendar { LegalCalendar(rules.holidays) }

    /// Parameter `name`, or a clear error naming it.
    public func required(_ name: String) throws -> String {
        guard let value = parameters[name], !value.isEmpty else { throw DomainError("this query needs --\(name)") }
        return value
    }

    public func date(_ name: String) throws -> CivilDate? {
        guard let text = parameters[name] else { return nil }
        do { return try CivilDate(parsing: text, field: name) } catch { throw DomainError("--\(name): \(error)") }
    }
}

/// A named read-only question the console asks a daemon (`query` control command); the answer
/// is JSON of a Codable type the console decodes and prints as a Vietnamese table.
public struct ConsoleQuery: Sendable {
    public let name: String
    public let summary: String
    let run: @Sendable (QueryContext) throws -> [UInt8]

    /// A query answering with `T`, JSON-encoded as the control channel carries it.
    public init<T: Encodable & SendableMetatype>(_ name: String, _ summary: String, _ answer: @escaping @Sendable (QueryContext) throws -> T) {
        self.name = name; self.summary = summary
        run = { context in WireJSON.encode(try answer(context)) }
    }

    public func answer(_ context: QueryContext) throws -> [UInt8] { try run(context) }
}

/// Every console query, one list per group in `Queries/`.
public enum ConsoleQueries {
    public static var all: [ConsoleQuery] {
        core + registry + certificates + guidance + inspections + violations + fireSafety + complaints + deadlines
            + security + games + reportRequests + outreach + reports + review + compiledReports + archive
    }

    public static func named(_ name: String) -> ConsoleQuery? { all.first { $0.name == name } }
}

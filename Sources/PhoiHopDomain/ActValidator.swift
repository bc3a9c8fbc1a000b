/// # PhoiHopDomain
///
/// The rules of Decision 52/2009 that decide whether an officer's act may be recorded, whom the
/// hub passes each act on to, the legal deadlines, and the figures the console's queries and
/// reports compute. Reads the store through a `Database` it is handed; does no I/O of its own,
/// so it is tested against in-memory databases.
///
/// Each group of the catalog has one file in `Acts/` (its ``CheckedAct`` and ``RoutedAct``
/// conformances) and one in `Queries/` (what the console asks about it).
public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore

/// An act refused before it was recorded. Says, in Vietnamese for the officer who reads it, what
/// is wrong and, where it can, what to do; when a permission-table row is broken, names it.
/// Ids, agency ids, wire names and console options stay as they are written.
public struct DomainError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    /// A refusal under row `rule` of ``Permissions`` (e.g. "P12"): "quy tắc P12: …".
    public init(rule: String, _ message: String) { self.message = "quy tắc \(rule): \(message)" }
    public var description: String { message }
}

/// What an act is checked against: the recording daemon's own records and the province's rules.
public struct ActContext {
    public let db: Database
    /// The agency recording the act.
    public let agency: AgencyID
    public let role: Role
    public let rules: ProvinceRules
    /// Today in Vietnam (or the drill date of `PHOIHOP_TODAY`).
    public let today: CivilDate

    public init(db: Database, agency: AgencyID, role: Role, rules: ProvinceRules, today: CivilDate) {
        self.db = db; self.agency = agency; self.role = role; self.rules = rules; self.today = today
    }

    /// The permission row of `type`, for refusals that name it.
    public func rule(_ type: MessageType) -> String { Permissions.rule(for: type).id }
}

/// A body with state rules: the transitions it may make, the permission scopes that need
/// records (participant, addressee …). Conformances live in `Acts/`, one file per group.
public protocol CheckedAct: CatalogBody {
    /// Throws ``DomainError`` saying what is wrong and what to do.
    func check(_ context: ActContext) throws
}

/// Checks an act against the recording daemon's own state and the province's rules.
///
/// The recording daemon is where an officer can still correct an act, so the checks run there,
/// before anything is durable. The hub re-checks authority (role and district scope) and the
/// legal tables on receipt; a state conflict it still finds (two agencies racing) becomes an
/// anomaly of its projection, never a lost act.
public enum ActValidator {
    public static func check(_ context: ActContext, body: MessageBody) throws {
        do { try body.value.validate() } catch { throw DomainError("nội dung không hợp lệ — \(error.description)") }
        if let refusal = Authority.check(origin: context.agency, role: context.role, body: body) {
            throw DomainError(vietnamese(refusal))
        }
        if let problem = checkTables(body: body, rules: context.rules) { throw DomainError(problem) }
        if let act = body.value as? any CheckedAct { try act.check(context) }
    }

    /// An authority refusal as the officer reads it (the hub logs ``AuthorityRefusal/description``).
    static func vietnamese(_ refusal: AuthorityRefusal) -> String {
        switch refusal {
        case let .outOfRole(type, role, rule):
            let allowed = Permissions.rule(for: type).roles.map(\.rawValue).joined(separator: ", ")
            return "quy tắc \(rule): đơn vị vai trò \(role.rawValue) không được gửi \(type.rawValue) (\(type.vietnameseName)); chỉ: \(allowed)"
        case let .outOfScope(origin, district, rule):
            return "quy tắc \(rule): \(origin) chỉ được ghi nhận trên địa bàn của mình, không phải \(district)"
        }
    }

    /// A district speaks only about its own businesses: at the hub, an act a district sends about
    /// a business the hub's registry places in another district is refused (docs/PROTOCOL.md §5.2).
    /// A business the registry does not hold yet (its registration) passes; the generic check has
    /// already made the act's own district the sender's.
    public static func businessScope(_ db: Database, origin: AgencyID, role: Role, body: MessageBody) throws -> String? {
        guard role == .district, let business = body.value.concernedBusiness,
              let district = try String.fetchOne(db, cached: "SELECT district FROM businesses WHERE business_id = ?", arguments: [business]),
              district != origin.rawValue
        else { return nil }
        return "business \(business) is registered in \(district), not in \(origin): a district acts only about its own businesses"
    }

    /// The checks against the province's legal tables, which the hub repeats on receipt: the
    /// district must be a unit of the province file, the violation category in the catalog.
    public static func checkTables(body: MessageBody, rules: ProvinceRules) -> String? {
        if let district = body.value.concernedDistrict, rules.district(district) == nil {
            return "'\(district)' không phải đơn vị cấp huyện của tỉnh \(rules.province); xem tệp danh mục tỉnh (province file)"
        }
        if let v = body.as(ViolationRecorded.self), rules.violationCategory(v.category) == nil {
            return "hành vi vi phạm '\(v.category)' không có trong danh mục; các mã hợp lệ: \(rules.violationCategories.map(\.code).joined(separator: ", "))"
        }
        return nil
    }
}

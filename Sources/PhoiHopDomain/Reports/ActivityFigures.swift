public import GRDB
public import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// The periodic report's activity sections over a window (issue 6): certificates, inspections,
/// complaints and denunciations, security incidents, fire-safety checks, harmful games. Counts
/// of acts whose own dates fall in the window, province-wide; exact to the unit.
public struct ActivityFigures: Sendable, Codable, Equatable {
    public struct Certificates: Sendable, Codable, Equatable {
        public var issued = 0, extended = 0, suspended = 0, revoked = 0
        /// Whose validity ended in the window without having been revoked first.
        public var expired = 0

        public init(issued: Int = 0, extended: Int = 0, suspended: Int = 0, revoked: Int = 0, expired: Int = 0) {
            self.issued = issued; self.extended = extended; self.suspended = suspended; self.revoked = revoked; self.expired = expired
        }
    }

    public struct Inspections: Sendable, Codable, Equatable {
        public var periodic = 0, unannounced = 0
        /// Distinct businesses inspected.
        public var businesses = 0
        public var violationsFound = 0
        /// Inspections under a plan, by the plan's lead agency; those outside any plan are not here.
        public var byLead: [String: Int] = [:]
    }

    public struct Cases: Sendable, Codable, Equatable {
        public var received = 0, accepted = 0, refused = 0, resolved = 0
        /// Of those resolved, by their legal resolution deadline (``CaseDeadlines``, extensions included).
        public var resolvedOnTime = 0, resolvedLate = 0

        public init(received: Int = 0, accepted: Int = 0, refused: Int = 0, resolved: Int = 0, resolvedOnTime: Int = 0, resolvedLate: Int = 0) {
            self.received = received; self.accepted = accepted; self.refused = refused; self.resolved = resolved
            self.resolvedOnTime = resolvedOnTime; self.resolvedLate = resolvedLate
        }
    }

    public var window: ReportWindow
    public var certificates = Certificates()
    public var inspections = Inspections()
    public var complaints = Cases()
    public var denunciations = Cases()
    /// Security incidents by severity (`low`, `medium`, `high`, `critical`), occurring in the window.
    public var incidents: [String: Int] = [:]
    /// Fire-safety checks by result (`passed`, `failed`).
    public var fireSafetyChecks: [String: Int] = [:]
    public var gamesFlagged = 0
    /// Outreach campaigns and training (``OutreachFigures``).
    public var outreach = OutreachFigures()

    public init(window: ReportWindow) { self.window = window }

    /// - Parameters:
    ///   - rules: the legal deadlines and holidays, for complaints resolved on time or late.
    ///   - scope: the subset counted (``ReportScope``).
    public static func compute(_ db: Database, window: ReportWindow, rules: ProvinceRules, scope: ReportScope = .province) throws -> ActivityFigures {
        let at = scope.condition(district: "district", business: "business_id")
        let w: StatementArguments = [window.from.description, window.to.description]
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: w) ?? 0 }
        func grouped(_ sql: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: w) { result[row[0]] = row[1] }
            return result
        }
        var f = ActivityFigures(window: window)
        f.certificates.issued = try count("SELECT count(*) FROM certificates WHERE issued_on BETWEEN ?1 AND ?2 AND \(at)")
        f.certificates.extended = try count("SELECT count(*) FROM certificates WHERE extended_on BETWEEN ?1 AND ?2 AND \(at)")
        f.certificates.suspended = try count("SELECT count(*) FROM certificates WHERE suspended_from BETWEEN ?1 AND ?2 AND \(at)")
        f.certificates.revoked = try count("SELECT count(*) FROM certificates WHERE revoked_on BETWEEN ?1 AND ?2 AND \(at)")
        f.certificates.expired = try count("""
            SELECT count(*) FROM certificates WHERE valid_until BETWEEN ?1 AND ?2 AND (revoked_on IS NULL OR revoked_on > valid_until) AND \(at)
            """)
        // One pass over the window's inspections, on their date index (which carries every column
        // read): kinds, outcomes, distinct businesses and plans are counted here. Separate queries
        // took several times as long: SQLite sorts the window into a temporary b-tree for each
        // `GROUP BY` and `count(DISTINCT …)`, and joined every inspection to its plan.
        var inspected = Set<String>()
        var byPlan: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT kind, outcome = 'violations-found', business_id, plan_id FROM inspections WHERE conducted_on BETWEEN ?1 AND ?2 AND \(at)
            """, arguments: w)
        while let row = try rows.next() {
            switch row[0] as String {
            case InspectionKind.periodic.rawValue: f.inspections.periodic += 1
            case InspectionKind.unannounced.rawValue: f.inspections.unannounced += 1
            default: break
            }
            if row[1] as Bool { f.inspections.violationsFound += 1 }
            inspected.insert(row[2] as String)
            if let plan = row[3] as String? { byPlan[plan, default: 0] += 1 }
        }
        f.inspections.businesses = inspected.count
        // Inspections under a plan, by the plan's lead; a plan the hub does not hold counts for no lead.
        for (plan, inspections) in byPlan {
            if let lead = try String.fetchOne(db, cached: "SELECT lead FROM inspection_plans WHERE plan_id = ?", arguments: [plan]) {
                f.inspections.byLead[lead, default: 0] += inspections
            }
        }
        for (kind, keyPath) in [("complaint", \ActivityFigures.complaints), ("denunciation", \ActivityFigures.denunciations)] {
            let args: StatementArguments = [window.from.description, window.to.description, kind]
            func n(_ column: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = ?3 AND \(column) BETWEEN ?1 AND ?2 AND \(at)", arguments: args) ?? 0
            }
            let resolvedInWindow = "kind = ?3 AND resolved_on BETWEEN ?1 AND ?2 AND \(at)"
            let resolved = try CaseRecord.fetchAll(db, where: resolvedInWindow, args)
            let extensions = try CaseRecord.extensions(db, ofCasesWhere: resolvedInWindow, args)
            let late = resolved.filter { record in
                CaseDeadlines(record, extensions: extensions[record.caseID] ?? [], rules: rules).resolvedLate == true
            }.count
            f[keyPath: keyPath] = Cases(received: try n("received_on"), accepted: try n("accepted_on"), refused: try n("refused_on"),
                                        resolved: resolved.count, resolvedOnTime: resolved.count - late, resolvedLate: late)
        }
        f.incidents = try grouped("""
            SELECT severity, count(*) FROM incidents WHERE occurred_on BETWEEN ?1 AND ?2
            AND \(scope.condition(district: "district", business: "affected_business")) GROUP BY severity
            """)
        f.fireSafetyChecks = try grouped("SELECT result, count(*) FROM fire_safety_checks WHERE checked_on BETWEEN ?1 AND ?2 AND \(at) GROUP BY result")
        f.gamesFlagged = try count("SELECT count(*) FROM games WHERE flagged_on BETWEEN ?1 AND ?2 AND \(scope.condition(district: nil, business: nil))")
        f.outreach = try OutreachFigures.compute(db, window: window, scope: scope)
        return f
    }
}

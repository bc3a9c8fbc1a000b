public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol

/// A report's data window: whole days, both ends included, in Vietnam's calendar (the acts'
/// own dates — registered on, observed on, decided on — not the time the hub received them).
/// The periodic windows come from config/rules/report-periods.yaml (Decree 09/2019: the 15th
/// of the month before to the 14th); an ad-hoc report takes any window.
public struct ReportWindow: Sendable, Codable, Equatable {
    public var from: CivilDate
    public var to: CivilDate

    public init(from: CivilDate, to: CivilDate) { self.from = from; self.to = to }

    /// The window of `kind` ending in `endMonth` of `year`, or nil when that kind does not end then.
    public init?(_ kind: ReportPeriodKind, year: Int, endMonth: Int, rules: ReportPeriodRules) {
        guard let period = rules.period(kind, year: year, endMonth: endMonth) else { return nil }
        self.init(from: period.from, to: period.to)
    }

    /// The same window one year earlier (for "cùng kỳ năm trước").
    public var yearBefore: ReportWindow { ReportWindow(from: from.adding(years: -1), to: to.adding(years: -1)) }
}

/// Businesses under management of one kind in one district over a window.
public struct BusinessMovement: Sendable, Codable, Equatable {
    public var district: String
    public var kind: BusinessKind
    /// Operating the day before the window opened.
    public var atStart: Int
    public var registered: Int
    public var closed: Int
    /// Operating on the window's last day.
    public var atEnd: Int
}

/// Violations of one category in one district over a window, and the sanctions decided on them.
public struct ViolationFigures: Sendable, Codable, Equatable {
    public var district: String
    public var category: String
    /// Violations observed in the window.
    public var found: Int
    /// Sanctions decided in the window on violations of this category and district (whenever observed).
    public var sanctioned: Int
    /// The fines of those sanctions, in đồng.
    public var finesVND: Int64
    /// Fines paid in the window (`violation.fine-paid` by its `paidOn`) on violations of this
    /// category and district, whenever the sanction was decided, in đồng.
    public var collectedVND: Int64

    public init(district: String, category: String, found: Int, sanctioned: Int, finesVND: Int64, collectedVND: Int64 = 0) {
        self.district = district; self.category = category; self.found = found; self.sanctioned = sanctioned; self.finesVND = finesVND
        self.collectedVND = collectedVND
    }
}

/// The figures of the periodic report's first sections (issue 6): businesses under management,
/// violations and sanctions. Computed from the hub's aggregate tables, exact to the unit.
public struct PeriodicFigures: Sendable, Codable, Equatable {
    public var window: ReportWindow
    /// Every district of the province file × every kind, in the province's order, zeros included.
    public var businesses: [BusinessMovement]
    /// Only the district × category pairs with something to count, ordered by district then category.
    public var violations: [ViolationFigures]

    public init(window: ReportWindow, businesses: [BusinessMovement], violations: [ViolationFigures]) {
        self.window = window; self.businesses = businesses; self.violations = violations
    }

    /// - Parameter scope: the subset counted (``ReportScope``): the businesses table lists only
    ///   its districts and kinds, and every row is of them.
    public static func compute(_ db: Database, window: ReportWindow, rules: ProvinceRules, scope: ReportScope = .province) throws -> PeriodicFigures {
        let from = window.from.description, to = window.to.description
        // One pass over the registry, grouped; then every district × kind, zeros included.
        var counted: [String: BusinessMovement] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT district, kind,
              coalesce(sum(registered_on < ?1 AND (closed_on IS NULL OR closed_on >= ?1)), 0) AS atStart,
              coalesce(sum(registered_on BETWEEN ?1 AND ?2), 0) AS registered,
              coalesce(sum(closed_on BETWEEN ?1 AND ?2), 0) AS closed,
              coalesce(sum(registered_on <= ?2 AND (closed_on IS NULL OR closed_on > ?2)), 0) AS atEnd
            FROM businesses WHERE \(scope.condition(district: "district", business: "business_id")) GROUP BY district, kind
            """, arguments: [from, to]) {
            guard let kind = BusinessKind(rawValue: row["kind"]) else { continue }
            counted["\(row["district"] as String)|\(kind.rawValue)"] = BusinessMovement(
                district: row["district"], kind: kind, atStart: row["atStart"], registered: row["registered"],
                closed: row["closed"], atEnd: row["atEnd"])
        }
        let businesses = scope.districts(rules).flatMap { district in
            scope.kinds.map { kind in
                counted["\(district.id.rawValue)|\(kind.rawValue)"]
                    ?? BusinessMovement(district: district.id.rawValue, kind: kind, atStart: 0, registered: 0, closed: 0, atEnd: 0)
            }
        }
        let order = Dictionary(uniqueKeysWithValues: rules.districts.enumerated().map { ($0.element.id.rawValue, $0.offset) })
        // Three grouped counts by district and category — found, sanctioned, paid — each by its own date.
        var violations: [String: ViolationFigures] = [:]
        func add(_ sql: String, _ fill: (inout ViolationFigures, Row) -> Void) throws {
            for row in try Row.fetchAll(db, sql: sql, arguments: [from, to]) {
                let key = "\(row["district"] as String)|\(row["category"] as String)"
                var figures = violations[key] ?? ViolationFigures(district: row["district"], category: row["category"], found: 0, sanctioned: 0, finesVND: 0)
                fill(&figures, row)
                violations[key] = figures
            }
        }
        try add("""
            SELECT district, category, count(*) AS n FROM violations
            WHERE observed_on BETWEEN ? AND ? AND \(scope.condition(district: "district", business: "business_id")) GROUP BY district, category
            """) { $0.found = $1["n"] }
        try add("""
            SELECT v.district, v.category, count(*) AS n, coalesce(sum(s.fine_vnd), 0) AS fines
            FROM sanctions s JOIN violations v ON v.violation_id = s.violation_id
            WHERE s.decided_on BETWEEN ? AND ? AND \(scope.condition(district: "v.district", business: "v.business_id"))
            GROUP BY v.district, v.category
            """) { $0.sanctioned = $1["n"]; $0.finesVND = $1["fines"] }
        try add("""
            SELECT v.district, v.category, coalesce(sum(p.amount_vnd), 0) AS collected
            FROM fine_payments p JOIN violations v ON v.violation_id = p.violation_id
            WHERE p.paid_on BETWEEN ? AND ? AND \(scope.condition(district: "v.district", business: "v.business_id"))
            GROUP BY v.district, v.category
            """) { $0.collectedVND = $1["collected"] }
        let sorted = violations.values.sorted {
            (order[$0.district] ?? .max, $0.category) < (order[$1.district] ?? .max, $1.category)
        }
        return PeriodicFigures(window: window, businesses: businesses, violations: sorted)
    }
}

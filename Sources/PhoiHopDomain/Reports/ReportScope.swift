import Foundation
public import PhoiHopConfig
public import PhoiHopProtocol

/// A section of the report an ad-hoc report may be limited to (`--topic`): stable English ids.
public enum ReportTopic: String, Codable, Sendable, CaseIterable {
    /// Table 1: businesses under management.
    case businesses
    /// Table 2: certificates issued, extended, suspended, revoked, expired.
    case certificates
    /// Table 3: inspections conducted.
    case inspections
    /// Table 4: violations, sanctions, fines imposed and collected.
    case violations
    /// Table 5: complaints and denunciations.
    case complaints
    /// Table 6: security incidents, fire-safety checks, harmful games.
    case security
    /// Outreach campaigns and training proposals (``OutreachFigures``).
    case outreach
}

/// The subset of the province a report covers: one district, one business kind, some sections.
/// It is passed into every figure computation as a filter, so a subset's figures come from the
/// same queries as the province's.
///
/// * `district`: every figure counts only rows of that district — businesses, certificates,
///   inspections, violations and their sanctions and payments, fire-safety checks, complaints and
///   incidents placed in it, outreach campaigns held in it and training proposed by it. Acts that
///   belong to no district (harmful games, province-wide campaigns and incidents) count zero,
///   so the district reports of a window add up to the province's figures for every act that
///   has a district.
/// * `kind`: every business-related figure counts only businesses of that kind (an act that
///   names no business — a complaint or incident about none — counts zero); figures that
///   concern no business by nature (games, outreach, training) are the province's.
/// * `topics`: which sections appear; nil means all, in the report's order.
public struct ReportScope: Sendable, Codable, Equatable {
    /// The one district counted, or nil for the whole province.
    public var district: AgencyID?
    /// The one business kind counted, or nil for every kind.
    public var kind: BusinessKind?
    /// The sections shown, in the report's order, or nil for all.
    public var topics: [ReportTopic]?

    /// The whole province, every section: the periodic report.
    public static let province = ReportScope()

    public init(district: AgencyID? = nil, kind: BusinessKind? = nil, topics: [ReportTopic]? = nil) {
        self.district = district; self.kind = kind; self.topics = topics
    }

    /// The scope of the query parameters `district`, `kind`, `topic` (comma-separated); each
    /// unknown value is refused with the list of valid ones.
    public static func parse(district: String?, kind: String?, topics: String?, rules: ProvinceRules) throws -> ReportScope {
        var scope = ReportScope()
        if let district {
            guard let unit = AgencyID(rawValue: district).flatMap(rules.district) else {
                throw DomainError("--district: '\(district)' is not a district of the province file; use one of \(rules.districts.map(\.id.rawValue).joined(separator: ", "))")
            }
            scope.district = unit.id
        }
        if let kind {
            guard let value = BusinessKind(rawValue: kind) else {
                throw DomainError("--kind: '\(kind)' is not a business kind; use one of \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope.kind = value
        }
        if let topics {
            var chosen: [ReportTopic] = []
            for id in topics.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                guard let topic = ReportTopic(rawValue: id) else {
                    throw DomainError("--topic: '\(id)' is not a report topic; use one or more of \(ReportTopic.allCases.map(\.rawValue).joined(separator: ", ")) separated by commas")
                }
                if !chosen.contains(topic) { chosen.append(topic) }
            }
            guard !chosen.isEmpty else {
                throw DomainError("--topic: name at least one of \(ReportTopic.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope.topics = ReportTopic.allCases.filter(chosen.contains)
        }
        return scope
    }

    /// Whether the section of `topic` appears.
    public func includes(_ topic: ReportTopic) -> Bool { topics?.contains(topic) ?? true }

    /// The province file's districts the scope covers, in its order: all, or the one chosen.
    public func districts(_ rules: ProvinceRules) -> [DistrictUnit] {
        guard let district else { return rules.districts }
        return rules.districts.filter { $0.id == district }
    }

    /// The business kinds the scope covers.
    public var kinds: [BusinessKind] { kind.map { [$0] } ?? BusinessKind.allCases }

    /// "Tình hình quản lý dịch vụ Internet [đối với <kind>] trên địa bàn [<district>,] tỉnh <P> <title>":
    /// for the whole province exactly the periodic report's subject.
    public func subject(title: String, rules: ProvinceRules) -> String {
        let kindPhrase = kind.map { " đối với \(Self.lowercasingFirst($0.vietnameseName))" } ?? ""
        let districtPhrase = district.flatMap(rules.district).map { "\(Self.lowercasingFirst($0.name)), " } ?? ""
        return "Tình hình quản lý dịch vụ Internet\(kindPhrase) trên địa bàn \(districtPhrase)tỉnh \(rules.province) \(title)"
    }

    /// An SQL condition (to join with AND) keeping the rows of a table in the scope.
    /// - Parameters:
    ///   - district: the expression of the row's district, or nil when the table has none (its
    ///     rows then count zero under a district scope).
    ///   - business: the expression of the row's business id, or nil when the table's rows concern
    ///     no business by nature (a kind scope then leaves them alone).
    func condition(district column: String?, business: String?) -> String {
        var terms: [String] = []
        if let district {
            terms.append(column.map { "\($0) = \(Self.literal(district.rawValue))" } ?? "0")
        }
        if let kind, let business {
            terms.append("\(business) IN (SELECT business_id FROM businesses WHERE kind = \(Self.literal(kind.rawValue)))")
        }
        return terms.isEmpty ? "1" : terms.joined(separator: " AND ")
    }

    /// A string as an SQL literal. Scope values are checked against the province file and the
    /// kinds before they get here; the quoting still makes any value inert.
    static func literal(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }

    static func lowercasingFirst(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }
}

public import GRDB
public import PhoiHopConfig
public import PhoiHopStore
public import PhoiHopProtocol

/// The first report: counts per district and type, and the headline totals.
public enum ProvinceReport {
    /// - Parameter today: the day "valid" certificates are counted on (not expired, not suspended).
    public static func build(_ db: Database, rules: ProvinceRules, today: CivilDate) throws -> ReportFigures {
        ReportFigures(
            totals: try totals(db, today: today),
            counts: try ProvinceQueries.countsByDistrictAndType(db),
            districtNames: Dictionary(uniqueKeysWithValues: rules.districts.map { ($0.id.rawValue, $0.name) }))
    }
}

extension ProvinceReport {
    /// The headline totals, with certificates counted valid only when valid on `today`.
    public static func totals(_ db: Database, today: CivilDate) throws -> ProvinceTotals {
        var totals = try ProvinceQueries.totals(db)
        totals.validCertificates = try CertificateRecord.fetchAll(db).filter { $0.status(on: today) == .valid }.count
        return totals
    }
}

/// What ``ProvinceReport`` computes.
public struct ReportFigures: Sendable {
    public var totals: ProvinceTotals
    public var counts: [DistrictTypeCount]
    public var districtNames: [String: String]
}

public import GRDB
public import PhoiHopConfig
public import PhoiHopStore
import PhoiHopProtocol

/// The first report: counts per district and type, and the headline totals.
public enum ProvinceReport {
    public static func build(_ db: Database, rules: ProvinceRules) throws -> ReportFigures {
        ReportFigures(
            totals: try ProvinceQueries.totals(db),
            counts: try ProvinceQueries.countsByDistrictAndType(db),
            districtNames: Dictionary(uniqueKeysWithValues: rules.districts.map { ($0.id.rawValue, $0.name) }))
    }
}

/// What ``ProvinceReport`` computes.
public struct ReportFigures: Sendable {
    public var totals: ProvinceTotals
    public var counts: [DistrictTypeCount]
    public var districtNames: [String: String]
}

public import PhoiHopConfig

/// How a scope shapes the report's document: which districts its tables and charts list (which
/// sections appear is ``ReportScope/includes(_:)``, asked by ``PeriodicReportDocument/make``).
extension ReportScope {
    /// The rules with only the scope's districts, for the tables and charts that list districts.
    public func restricting(_ rules: ProvinceRules) -> ProvinceRules {
        var restricted = rules
        restricted.districts = districts(rules)
        return restricted
    }
}

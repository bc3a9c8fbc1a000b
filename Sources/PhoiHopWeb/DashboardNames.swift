import PhoiHopConfig
import PhoiHopProtocol

/// Agencies and districts by their Vietnamese names from the province file; an id the file
/// does not list is shown as it is.
struct DashboardNames {
    let rules: ProvinceRules

    func agency(_ id: String) -> String {
        guard let agencyID = AgencyID(rawValue: id) else { return id }
        if agencyID == .hub { return Role.hub.vietnameseName }
        return rules.agency(agencyID)?.name ?? rules.district(agencyID)?.name ?? id
    }

    func district(_ id: String) -> String {
        AgencyID(rawValue: id).flatMap { rules.district($0)?.name } ?? id
    }
}

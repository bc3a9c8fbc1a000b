public import GRDB
public import PhoiHopProtocol

extension FireSafetyGuidance: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(fire-safety)
    }
}

extension FireSafetyChecked: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(fire-safety)
    }
}

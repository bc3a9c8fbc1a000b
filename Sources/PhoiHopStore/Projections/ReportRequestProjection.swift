public import GRDB
public import PhoiHopProtocol

extension ReportRequested: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

extension ReportSubmitted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

public import GRDB
public import PhoiHopProtocol

extension GuidancePublished: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(guidance): guidance row + one guidance_addressees row per addressee.
    }
}

extension GuidanceAcknowledged: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(guidance): set acknowledged_on for (guidanceID, author); anomaly when not an addressee.
    }
}

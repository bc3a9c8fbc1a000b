public import GRDB
public import PhoiHopProtocol

extension GameFlagged: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

extension GameProposalDrafted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

extension GameProposalConcurred: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

extension GameProposalSubmitted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO
    }
}

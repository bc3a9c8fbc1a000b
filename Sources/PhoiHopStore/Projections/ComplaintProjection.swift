public import GRDB
public import PhoiHopProtocol

extension ComplaintReceived: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintAccepted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintRefused: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintAssigned: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintVerified: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintExtended: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension ComplaintResolved: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints)
    }
}

extension DeadlineReminded: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        // TODO(complaints): one reminders row per (subject, subjectID, state, dueOn).
    }
}

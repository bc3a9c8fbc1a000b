public import GRDB
public import PhoiHopProtocol

extension FinePaid: ProjectedAct {
    /// One row per receipt. A payment the hub cannot place — its sanction unknown, or not on this
    /// violation, or beyond the fine still unpaid — is kept and noted as an anomaly.
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        let sanction = try Row.fetchOne(db, cached: "SELECT violation_id, fine_vnd FROM sanctions WHERE sanction_id = ?", binding: sanctionID)
        let paidBefore = try Int64.fetchOne(
            db, cached: "SELECT coalesce(sum(amount_vnd), 0) FROM fine_payments WHERE sanction_id = ?", binding: sanctionID) ?? 0
        try db.execute(
            cached: """
                INSERT INTO fine_payments (sanction_id, receipt_ref, violation_id, amount_vnd, paid_on, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sanction_id, receipt_ref) DO NOTHING
                """,
            binding: sanctionID, receiptRef, violationID, amountVND, paidOn.description, author.rawValue)
        guard db.changesCount > 0 else {
            return try Projection.anomaly(db, position, "receipt \(receiptRef) of sanction \(sanctionID) was recorded again; the first payment stands")
        }
        guard let sanction else {
            return try Projection.anomaly(db, position, "payment \(receiptRef) of sanction \(sanctionID), which is unknown")
        }
        // One anomaly row per position: both problems in one line when both hold.
        var problems: [String] = []
        let violation: String = sanction["violation_id"]
        if violation != violationID {
            problems.append("payment \(receiptRef) names violation \(violationID) but sanction \(sanctionID) is on violation \(violation)")
        }
        let fine: Int64 = sanction["fine_vnd"] ?? 0
        if paidBefore + amountVND > fine {
            problems.append("payment \(receiptRef) brings sanction \(sanctionID) to \(paidBefore + amountVND) VND paid, above its fine of \(fine) VND")
        }
        if !problems.isEmpty { try Projection.anomaly(db, position, problems.joined(separator: "; ")) }
    }
}

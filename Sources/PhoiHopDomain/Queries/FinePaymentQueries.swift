import GRDB
import PhoiHopProtocol

/// One payment towards a sanction's fine (`violation.fine-paid`).
public struct FinePaymentRow: Codable, Sendable, Equatable {
    public var sanctionID: String
    public var receiptRef: String
    public var amountVND: Int64
    public var paidOn: String
    public var recordedBy: String
}

/// What a violation's file shows of its fine: the payments in date order and what remains.
public struct FineAccount: Codable, Sendable, Equatable {
    public var payments: [FinePaymentRow]
    /// The sum of the payments, in đồng.
    public var paidVND: Int64
    /// The fine minus the payments (negative only if the hub received an overpayment, an anomaly);
    /// nil when the sanction carries no fine.
    public var balanceVND: Int64?

    /// The payments of `violationID`'s sanction (if any) against `fineVND`.
    static func of(_ db: Database, violationID: String, fineVND: Int64?) throws -> FineAccount {
        let payments = try Row.fetchAll(db, sql: """
            SELECT * FROM fine_payments WHERE violation_id = ? ORDER BY paid_on, receipt_ref
            """, arguments: [violationID]).map { row in
            FinePaymentRow(sanctionID: row["sanction_id"], receiptRef: row["receipt_ref"], amountVND: row["amount_vnd"],
                           paidOn: row["paid_on"], recordedBy: row["recorded_by"])
        }
        let paid = payments.map(\.amountVND).reduce(0, +)
        return FineAccount(payments: payments, paidVND: paid, balanceVND: fineVND.map { $0 - paid })
    }
}

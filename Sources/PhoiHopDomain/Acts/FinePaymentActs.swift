import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Fines collected (Điều 4.4, 5.1, 10.2): a sanction's fine is paid in one or more instalments,
// each recorded by an agency handling the violation (its recorder or its district), each
// receipt once, never beyond the fine still unpaid, dated between the decision and today.

extension FinePaid: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        guard let sanction = try FineBalance.sanction(context.db, sanctionID) else {
            throw DomainError("quyết định xử phạt \(sanctionID) không có trong hồ sơ của \(context.agency); kiểm tra lại mã (phoihop violation show --violation \(violationID))")
        }
        guard sanction.violationID == violation.violationID else {
            throw DomainError("quyết định xử phạt \(sanctionID) là của vi phạm \(sanction.violationID), không phải \(violationID)")
        }
        guard let fine = sanction.fineVND else {
            throw DomainError("quyết định xử phạt \(sanctionID) (số \(sanction.decisionNo)) là cảnh cáo, không có tiền phạt để nộp")
        }
        guard paidOn.description >= sanction.decidedOn else {
            throw DomainError("quyết định xử phạt \(sanctionID) ra ngày \(VietnameseFormat.day(sanction.decidedOn)); không thể nộp phạt ngày \(paidOn.vietnameseText), trước ngày quyết định")
        }
        guard paidOn <= context.today else {
            throw DomainError("ngày nộp phạt \(paidOn.vietnameseText) chưa đến (hôm nay là \(context.today.vietnameseText)); ghi khoản nộp sau khi đã có biên lai")
        }
        if try FineBalance.hasReceipt(context.db, sanctionID, receiptRef) {
            throw DomainError("biên lai \(receiptRef) của quyết định xử phạt \(sanctionID) đã được ghi; mỗi biên lai chỉ ghi một lần")
        }
        let paid = try FineBalance.paid(context.db, sanctionID)
        guard amountVND <= fine - paid else {
            throw DomainError("số tiền \(VietnameseFormat.amount(amountVND)) đ vượt số tiền phạt còn phải nộp của quyết định \(sanction.decisionNo): "
                + "phạt \(VietnameseFormat.amount(fine)) đ, đã nộp \(VietnameseFormat.amount(paid)) đ, còn \(VietnameseFormat.amount(fine - paid)) đ")
        }
    }

    /// Like the sanction: the violation's district and its recorder.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, nil) }
}

/// A sanction's fine and what has been paid towards it, as a daemon holds them.
enum FineBalance {
    struct Sanction {
        var violationID: String
        var decisionNo: String
        var decidedOn: String
        var fineVND: Int64?
    }

    static func sanction(_ db: Database, _ sanctionID: String) throws -> Sanction? {
        try Row.fetchOne(db, cached: "SELECT violation_id, decision_no, decided_on, fine_vnd FROM sanctions WHERE sanction_id = ?",
                         arguments: [sanctionID]).map { row in
            Sanction(violationID: row["violation_id"], decisionNo: row["decision_no"], decidedOn: row["decided_on"], fineVND: row["fine_vnd"])
        }
    }

    /// The sum of the payments recorded for the sanction, in đồng.
    static func paid(_ db: Database, _ sanctionID: String) throws -> Int64 {
        try Int64.fetchOne(db, cached: "SELECT coalesce(sum(amount_vnd), 0) FROM fine_payments WHERE sanction_id = ?", arguments: [sanctionID]) ?? 0
    }

    static func hasReceipt(_ db: Database, _ sanctionID: String, _ receiptRef: String) throws -> Bool {
        try Bool.fetchOne(db, cached: "SELECT 1 FROM fine_payments WHERE sanction_id = ? AND receipt_ref = ?", arguments: [sanctionID, receiptRef]) ?? false
    }
}

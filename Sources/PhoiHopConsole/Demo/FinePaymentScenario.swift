import PhoiHopProtocol

extension DemoScenario {
    /// Fines collected (violations phase): the first district's two fines at `game1` paid — the
    /// 7.500.000 đ one in two instalments, the 5.000.000 đ one in full — before the files close.
    func playFinePayments(first: AgencyID, game1: String) throws {
        print("Ngày 23–25: \(game1) nộp tiền phạt (nộp hai lần cho quyết định 01, một lần cho quyết định 02)")
        try record(first, MessageBody(FinePaid(
            violationID: "VP-\(game1)", sanctionID: "XP-\(game1)", amountVND: 4_000_000, paidOn: day(23), receiptRef: "BL-\(game1)-01")),
            "nộp 4.000.000 đồng (lần 1), còn 3.500.000 đồng")
        try record(first, MessageBody(FinePaid(
            violationID: "VP-\(game1)-HS", sanctionID: "XP-\(game1)-HS", amountVND: 5_000_000, paidOn: day(24), receiptRef: "BL-\(game1)-02")),
            "nộp đủ 5.000.000 đồng theo quyết định 02")
        try record(first, MessageBody(FinePaid(
            violationID: "VP-\(game1)", sanctionID: "XP-\(game1)", amountVND: 3_500_000, paidOn: day(25), receiptRef: "BL-\(game1)-03")),
            "nộp 3.500.000 đồng (lần 2), đã nộp đủ")
    }
}

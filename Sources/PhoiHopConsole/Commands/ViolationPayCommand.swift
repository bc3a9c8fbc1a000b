import ArgumentParser
import PhoiHopDomain
import PhoiHopProtocol

extension ViolationCommand {
    /// `phoihop violation pay`: one payment (one receipt) towards the fine of the violation's
    /// sanction; the sanction is the one the violation's file holds.
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi một khoản nộp tiền phạt theo biên lai (có thể nộp nhiều lần, tổng không vượt số tiền phạt).")
        @OptionGroup var options: ControlOptions
        @Option(help: "Mã vi phạm.") var violation: String
        @Option(help: "Số tiền nộp lần này (đồng).") var amount: Int64
        @Option(help: "Số biên lai thu tiền phạt.") var receipt: String
        @Option(help: "Ngày nộp YYYY-MM-DD (mặc định hôm nay).") var on: String?

        func run() throws {
            let file = try queryDaemon(options, "violation.show", ["violation": violation], as: ViolationDetail.self)
            guard let sanction = file.sanction else {
                throw ConsoleFailure("vi phạm \(violation) chưa có quyết định xử phạt; ghi quyết định trước (phoihop violation sanction)")
            }
            try recordAct(options, MessageBody(FinePaid(
                violationID: violation, sanctionID: sanction.sanctionID, amountVND: amount, paidOn: try parseDate(on, "--on"),
                receiptRef: receipt)))
        }
    }

    /// The payment lines of `violation show`.
    static func printFine(_ fine: FineAccount) {
        for p in fine.payments {
            print("Nộp phạt ngày \(VietnameseFormat.day(p.paidOn)) (\(p.recordedBy)): \(money(p.amountVND)) đồng, biên lai \(p.receiptRef)")
        }
        if let balance = fine.balanceVND {
            print("Đã nộp \(money(fine.paidVND)) đồng; còn phải nộp \(money(balance)) đồng")
        }
    }
}

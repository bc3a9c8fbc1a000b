/// `violation.fine-paid`: a payment towards the fine of a sanction decision, as the receipt of
/// the State Treasury or the collecting bank shows it. A fine may be paid in several
/// instalments (one act per receipt); the sum of the payments never exceeds the fine.
public struct FinePaid: CatalogBody {
    public static let messageType = MessageType.violationFinePaid
    public var violationID: String
    /// The sanction decision whose fine is paid (`sanction.decided`'s `sanctionID`).
    public var sanctionID: String
    /// The amount of this payment, in đồng: positive.
    public var amountVND: Int64
    public var paidOn: CivilDate
    /// The receipt's number (biên lai thu tiền phạt): unique per sanction.
    public var receiptRef: String

    public init(violationID: String, sanctionID: String, amountVND: Int64, paidOn: CivilDate, receiptRef: String) {
        self.violationID = violationID; self.sanctionID = sanctionID; self.amountVND = amountVND
        self.paidOn = paidOn; self.receiptRef = receiptRef
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(violationID, "violationID")
        try Check.identifier(sanctionID, "sanctionID")
        guard amountVND > 0 else { throw .invalidField("amountVND", "a payment needs a positive amount in VND, not \(amountVND)") }
        try Check.amount(amountVND, "amountVND")
        try Check.text(receiptRef, "receiptRef", max: 100)
    }
}

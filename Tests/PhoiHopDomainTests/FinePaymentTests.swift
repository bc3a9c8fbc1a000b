import GRDB
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The payment of fines (`violation.fine-paid`): instalments up to the fine, dates between the
/// decision and today, each receipt once, by the violation's handlers; the hub keeps what it cannot
/// place as an anomaly.
struct FinePaymentTests {
    static let tanAn = ViolationTests.tanAn

    /// Đội 814 on 25/11/2026 with VP-1 (at TA-1, Tân An) fined 7.500.000 đ on 20/11 by decision XP-1.
    static func vhttdl(fine: Int64 = 7_500_000, category: String = "ND15-35-3-hours", penalty: SanctionPenalty = .fine) throws -> DomainFixture {
        let fixture = try DomainFixture("vhttdl", role: .vhttdl, today: "2026-11-25")
        try fixture.receive(BusinessRegistered(
            businessID: "TA-1", name: "Điểm TA-1", kind: .gamePoint, district: tanAn, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 10, registeredOn: date("2026-11-01")), from: tanAn.rawValue)
        try fixture.record(ViolationTests.violation(category: category))
        try fixture.record(ViolationTests.sanction(penalty: penalty, fine: penalty == .fine ? fine : nil))
        return fixture
    }

    static func payment(_ amount: Int64, receipt: String = "BL-1", on day: String = "2026-11-21", sanction: String = "XP-1",
                        violation: String = "VP-1") -> FinePaid {
        FinePaid(violationID: violation, sanctionID: sanction, amountVND: amount, paidOn: date(day), receiptRef: receipt)
    }

    static func message(_ body: FinePaid, at fixture: DomainFixture) -> String? { ViolationTests.message(body, at: fixture) }

    // MARK: validation

    @Test(arguments: [Int64(0), -1])
    func aPaymentOfNoOrNegativeAmountIsInvalid(amount: Int64) throws {
        let fixture = try Self.vhttdl()
        #expect(Self.message(Self.payment(amount), at: fixture)?.contains("amountVND") == true)
    }

    @Test func aReceiptNumberIsNeededAndAtMostAHundredCharacters() throws {
        let fixture = try Self.vhttdl()
        #expect(Self.message(Self.payment(1_000_000, receipt: " "), at: fixture)?.contains("receiptRef") == true)
        #expect(Self.message(Self.payment(1_000_000, receipt: String(repeating: "B", count: 101)), at: fixture)?.contains("receiptRef") == true)
        #expect(Self.message(Self.payment(1_000_000, receipt: String(repeating: "B", count: 100)), at: fixture) == nil)
    }

    // MARK: the fine and its balance

    @Test func aFineIsPaidInInstalmentsUpToItsAmountAndTheFileShowsTheBalance() throws {
        let fixture = try Self.vhttdl()
        try fixture.record(Self.payment(4_500_000, receipt: "BL-1", on: "2026-11-21"))
        var file = try fixture.query("violation.show", ["violation": "VP-1"], as: ViolationDetail.self)
        #expect(file.fine.paidVND == 4_500_000)
        #expect(file.fine.balanceVND == 3_000_000)
        try fixture.record(Self.payment(3_000_000, receipt: "BL-2", on: "2026-11-24"))
        file = try fixture.query("violation.show", ["violation": "VP-1"], as: ViolationDetail.self)
        #expect(file.fine.payments.map(\.receiptRef) == ["BL-1", "BL-2"])
        #expect(file.fine.payments.map(\.amountVND) == [4_500_000, 3_000_000])
        #expect(file.fine.balanceVND == 0)
        #expect(Self.message(Self.payment(1, receipt: "BL-3"), at: fixture)?.contains("còn 0 đ") == true)
    }

    @Test func anOverpaymentByOneDongIsRefusedNamingTheFineWhatWasPaidAndTheBalance() throws {
        let fixture = try Self.vhttdl()
        try fixture.record(Self.payment(4_500_000, receipt: "BL-1"))
        #expect(Self.message(Self.payment(3_000_001, receipt: "BL-2"), at: fixture)
            == "số tiền 3.000.001 đ vượt số tiền phạt còn phải nộp của quyết định XP-1/QĐ-XPVPHC: phạt 7.500.000 đ, đã nộp 4.500.000 đ, còn 3.000.000 đ")
        #expect(Self.message(Self.payment(3_000_000, receipt: "BL-2"), at: fixture) == nil)
    }

    @Test func aPaymentIsDatedFromTheDecisionToToday() throws {
        let fixture = try Self.vhttdl()  // decided 20/11, today 25/11
        #expect(Self.message(Self.payment(1_000_000, on: "2026-11-19"), at: fixture)?.contains("trước ngày quyết định") == true)
        #expect(Self.message(Self.payment(1_000_000, on: "2026-11-20"), at: fixture) == nil)
        #expect(Self.message(Self.payment(1_000_000, on: "2026-11-25"), at: fixture) == nil)
        #expect(Self.message(Self.payment(1_000_000, on: "2026-11-26"), at: fixture)?.contains("chưa đến (hôm nay là 25/11/2026)") == true)
    }

    @Test func aReceiptIsRecordedOncePerSanction() throws {
        let fixture = try Self.vhttdl()
        try fixture.record(Self.payment(1_000_000, receipt: "BL-1"))
        #expect(Self.message(Self.payment(1_000_000, receipt: "BL-1", on: "2026-11-22"), at: fixture)?.contains("biên lai BL-1") == true)
    }

    @Test func aWarningHasNoFineToPay() throws {
        let fixture = try Self.vhttdl(category: "ND15-35-1", penalty: .warning)
        #expect(Self.message(Self.payment(600_000), at: fixture)?.contains("là cảnh cáo, không có tiền phạt") == true)
    }

    @Test func thePaymentMustNameTheViolationsOwnSanction() throws {
        let fixture = try Self.vhttdl()
        #expect(Self.message(Self.payment(1_000_000, sanction: "XP-9"), at: fixture)?.contains("quyết định xử phạt XP-9 không có trong hồ sơ của vhttdl") == true)
        try fixture.record(ViolationTests.violation("VP-2"))
        try fixture.record(ViolationTests.sanction("XP-2", violation: "VP-2"))
        #expect(Self.message(Self.payment(1_000_000, violation: "VP-2"), at: fixture)?.contains("XP-1 là của vi phạm VP-1, không phải VP-2") == true)
    }

    @Test func onlyTheViolationsRecorderOrDistrictRecordsAPaymentAndItGoesToBoth() throws {
        // Bến Lức holds the file (say, by a relay) but is neither the recorder nor the district.
        let benLuc = try DomainFixture("district-ben-luc", role: .district, today: "2026-11-25")
        try benLuc.receive(ViolationTests.violation(), from: "vhttdl")
        try benLuc.receive(ViolationTests.sanction(), from: "vhttdl")
        #expect(Self.message(Self.payment(1_000_000), at: benLuc)?.hasPrefix("quy tắc P42:") == true)
        // The district of the violation may; the hub passes the payment on to the recorder.
        let tanAn = try DomainFixture("district-tan-an", role: .district, today: "2026-11-25")
        try tanAn.receive(ViolationTests.violation(), from: "vhttdl")
        try tanAn.receive(ViolationTests.sanction(), from: "vhttdl")
        #expect(Self.message(Self.payment(1_000_000), at: tanAn) == nil)
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-25")
        try hub.receive(ViolationTests.violation(), from: "vhttdl")
        try hub.receive(ViolationTests.sanction(), from: "vhttdl")
        #expect(Set(try hub.receive(Self.payment(1_000_000), from: "district-tan-an")).contains(agency("vhttdl")))
    }

    // MARK: the hub's projection

    @Test func aPaymentOfAnUnknownSanctionIsKeptAsAnAnomaly() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-25")
        try hub.receive(Self.payment(1_000_000), from: "vhttdl")
        #expect(try hub.count("SELECT count(*) FROM fine_payments") == 1)
        #expect(try hub.anomalies() == ["payment BL-1 of sanction XP-1, which is unknown"])
    }

    @Test func anOverpaymentReachingTheHubIsKeptAsAnAnomaly() throws {
        // Two handlers recorded receipts for the same fine without seeing each other's.
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-25")
        try hub.receive(ViolationTests.violation(), from: "vhttdl")
        try hub.receive(ViolationTests.sanction(fine: 5_000_000), from: "vhttdl")
        try hub.receive(Self.payment(3_000_000, receipt: "BL-1"), from: "vhttdl")
        #expect(try hub.anomalies() == [])
        try hub.receive(Self.payment(3_000_000, receipt: "BL-9"), from: "district-tan-an")
        #expect(try hub.anomalies() == ["payment BL-9 brings sanction XP-1 to 6000000 VND paid, above its fine of 5000000 VND"])
        #expect(try hub.count("SELECT sum(amount_vnd) FROM fine_payments") == 6_000_000)
    }

    @Test func aRepeatedReceiptIsAnAnomalyAndTheFirstPaymentStands() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-25")
        try hub.receive(ViolationTests.violation(), from: "vhttdl")
        try hub.receive(ViolationTests.sanction(), from: "vhttdl")
        try hub.receive(Self.payment(1_000_000, receipt: "BL-1"), from: "vhttdl")
        try hub.receive(Self.payment(2_000_000, receipt: "BL-1", on: "2026-11-22"), from: "district-tan-an")
        #expect(try hub.anomalies() == ["receipt BL-1 of sanction XP-1 was recorded again; the first payment stands"])
        #expect(try hub.count("SELECT amount_vnd FROM fine_payments") == 1_000_000)
    }

    @Test func aRebuildFromTheLogGivesTheSamePayments() throws {
        let fixture = try Self.vhttdl()
        try fixture.record(Self.payment(4_500_000, receipt: "BL-1"))
        try fixture.record(Self.payment(3_000_000, receipt: "BL-2", on: "2026-11-24"))
        let dump = "SELECT group_concat(sanction_id || receipt_ref || amount_vnd || paid_on, ';') FROM (SELECT * FROM fine_payments ORDER BY receipt_ref)"
        let before = try fixture.database.read { db in try String.fetchOne(db, sql: dump) }
        try fixture.database.write { db in _ = try Projection.rebuild(db) }
        #expect(try fixture.database.read { db in try String.fetchOne(db, sql: dump) } == before)
        #expect(before != nil)
    }
}

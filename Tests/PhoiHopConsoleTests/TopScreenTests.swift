@testable import PhoiHopBus
@testable import PhoiHopConsole
@testable import PhoiHopDomain
import PhoiHopProtocol
@testable import PhoiHopStore
import Testing

/// `phoihop top`'s renderer and throughput, on fixed snapshots: no daemon, no terminal.
struct TopScreenTests {
    // 20/11/2026 14:00:00 in Vietnam.
    static let now: Int64 = 1_795_158_000_000

    static func peer(_ id: String, online: Bool, lastSeenAgo: Int64? = 1000, applied: UInt64 = 12, inbound: UInt64 = 0, outbound: UInt64 = 0,
                     rejected: UInt64 = 0, skew: Int64? = 12) -> PeerStatus {
        PeerStatus(id: AgencyID(rawValue: id)!, role: id.hasPrefix("district-") ? .district : .congAn, online: online,
                   lastSeen: lastSeenAgo.map { now - $0 }, version: "0.7.0", peerLastSeq: applied + inbound, applied: applied,
                   outboundLastSeq: 4, outboundPending: outbound, inboundPending: inbound, peerRejected: rejected,
                   clockSkewMilliseconds: skew, heartbeatSinceStart: true)
    }

    static func status(now: Int64 = now, applied: UInt64 = 340, sent: UInt64 = 120, startedAt: Int64 = now - 3_723_000,
                       peers: [PeerStatus]? = nil) -> DaemonStatus {
        var counters = BusCounters()
        counters.applied = applied
        counters.sent = sent
        counters.rejected = ["bad-signature": 2]
        return DaemonStatus(
            agency: .hub, role: .hub, version: "0.7.0", startedAt: startedAt, now: now, counters: counters,
            peers: peers ?? [
                peer("district-tan-an", online: true, applied: 200, inbound: 3, skew: 12),
                peer("cong-an", online: true, applied: 140, outbound: 2, skew: -1500),
                peer("district-ben-luc", online: false, lastSeenAgo: 754_000, applied: 0, rejected: 1, skew: nil),
            ],
            totals: ProvinceTotals(messages: 352, businesses: 40, validCertificates: 30, revokedCertificates: 2, inspections: 5,
                                   violations: 3, incidents: 1, inspectionPlans: 2, anomalies: 0),
            today: try! CivilDate(year: 2026, month: 11, day: 20))
    }

    static func item(_ id: String, _ summary: String, due day: Int, daysLeft: Int, standing: DeadlineStanding,
                     responsible: String = "district-tan-an") -> DeadlineItem {
        DeadlineItem(subject: .caseResolution, subjectID: id, summary: summary, responsible: AgencyID(rawValue: responsible)!,
                     startedOn: try! CivilDate(year: 2026, month: 10, day: 1), dueOn: try! CivilDate(year: 2026, month: 11, day: day),
                     rule: "complaint-resolution", daysLeft: daysLeft, standing: standing, calendarCovered: true, lastReminder: nil)
    }

    static func act(_ position: Int64, _ type: MessageType, author: String = "district-tan-an", business: String? = "TA-1") -> ActEntry {
        ActEntry(position: position, id: "id-\(position)", type: type.rawValue, typeName: type.vietnameseName, author: author,
                 district: "district-tan-an", business: business, sentAt: now - (352 - position) * 60_000, actOn: "2026-11-20", body: "{}")
    }

    static func snapshot(acts: Int = 3, problem: String? = nil) -> TopSnapshot {
        let board = DeadlineBoardView(
            today: try! CivilDate(year: 2026, month: 11, day: 20), dueSoonWorkingDays: 3,
            items: [
                item("KN-2026-7", "Khiếu nại về giờ mở cửa của đại lý Internet Hòa Bình", due: 12, daysLeft: -6, standing: .overdue),
                item("KN-2026-9", "Tố cáo điểm trò chơi hoạt động quá giờ", due: 20, daysLeft: 0, standing: .dueSoon, responsible: "so-tttt"),
                item("KN-2026-3", "Khiếu nại thu phí", due: 18, daysLeft: -2, standing: .overdue),
                item("KN-2026-11", "Đơn đề nghị", due: 24, daysLeft: 2, standing: .dueSoon),
                item("KN-2026-12", "Đơn khác", due: 30, daysLeft: 6, standing: .onTime),
            ],
            reminders: [], coveredYears: 2025...2027)
        let types: [MessageType] = [.businessRegistered, .certificateIssued, .violationRecorded, .inspectionRecorded]
        return TopSnapshot(
            status: status(),
            throughput: Throughput(appliedPerSecond: 3.5, sentPerSecond: 1, appliedPerSecondByPeer: [AgencyID(rawValue: "district-tan-an")!: 2.5]),
            deadlines: board, recentActs: (0..<acts).map { act(352 - Int64($0), types[$0 % types.count]) }, interval: 2, problem: problem)
    }

    @Test func theFrameAt120By40ShowsEverySectionInVietnamese() {
        let lines = TopScreen.render(Self.snapshot(), width: 120, height: 40)
        #expect(lines == [
            "PhoiHop top — so-tttt (Sở Thông tin và Truyền thông) · 20/11/2026 14:00:00 giờ Việt Nam · chạy 1 giờ 2 phút",
            "Trực tuyến 2/3 · áp dụng 3,5 tin/giây · gửi 1 tin/giây · chờ nhận 3 · chờ gửi 2 · từ chối 2 · đã áp dụng 340",
            "ĐƠN VỊ — 2/3 trực tuyến",
            "Đơn vị            Trạng thái   Lần cuối  Chờ nhận  Chờ gửi  Từ chối   Lệch giờ  Tin/giây  Đã áp dụng  Vai trò",
            "district-ben-luc  NGOẠI TUYẾN  12 phút          0        0        1          —         —           0  district",
            "district-tan-an   trực tuyến   1 giây           3        0        0     +12 ms       2,5         200  district",
            "cong-an           trực tuyến   1 giây           0        2        0  -1,5 giây         —         140  cong-an",
            "",
            "THỜI HẠN — ngày 20/11/2026: 2 quá hạn · 1 đến hạn hôm nay · 2 sắp đến hạn",
            "Tình trạng  Còn  Mã         Cơ quan          Nội dung                                          Việc",
            "Quá hạn      -6  KN-2026-7  district-tan-an  Khiếu nại về giờ mở cửa của đại lý Internet Hòa…  Giải quyết đơn",
            "Quá hạn      -2  KN-2026-3  district-tan-an  Khiếu nại thu phí                                 Giải quyết đơn",
            "Hôm nay       0  KN-2026-9  so-tttt          Tố cáo điểm trò chơi hoạt động quá giờ            Giải quyết đơn",
            "",
            "HOẠT ĐỘNG MỚI NHẤT — 352 hoạt động trong nhật ký",
            " Số  Lúc             Hoạt động                Đơn vị ghi       Địa bàn          Doanh nghiệp",
            "352  20/11 14:00:00  Đăng ký điểm kinh doanh  district-tan-an  district-tan-an  TA-1",
            "351  20/11 13:59:00  Cấp giấy chứng nhận      district-tan-an  district-tan-an  TA-1",
            "350  20/11 13:58:00  Ghi nhận vi phạm         district-tan-an  district-tan-an  TA-1",
        ] + Array(repeating: "", count: 20) + [
            "q thoát · r làm mới · Tab chuyển khung — đang xem: Tổng quan",
        ])
    }

    @Test func theFrameAt60By20KeepsWholeColumnsAndCountsWhatDoesNotFit() {
        let lines = TopScreen.render(Self.snapshot(acts: 10), width: 60, height: 20)
        #expect(lines == [
            "PhoiHop top — so-tttt (Sở Thông tin và Truyền thông)",
            "Trực tuyến 2/3 · áp dụng 3,5 tin/giây · gửi 1 tin/giây",
            "ĐƠN VỊ — 2/3 trực tuyến",
            "Đơn vị            Trạng thái   Lần cuối  Chờ nhận  Chờ gửi",
            "district-ben-luc  NGOẠI TUYẾN  12 phút          0        0",
            "district-tan-an   trực tuyến   1 giây           3        0",
            "cong-an           trực tuyến   1 giây           0        2",
            "",
            "THỜI HẠN — ngày 20/11/2026: 2 quá hạn · 1 đến hạn hôm nay ·…",
            "Tình trạng  Còn  Mã         Cơ quan          Nội dung",
            "Quá hạn      -6  KN-2026-7  district-tan-an  Khiếu nại về g…",
            "Quá hạn      -2  KN-2026-3  district-tan-an  Khiếu nại thu …",
            "Hôm nay       0  KN-2026-9  so-tttt          Tố cáo điểm tr…",
            "",
            "HOẠT ĐỘNG MỚI NHẤT — 352 hoạt động trong nhật ký",
            " Số  Lúc             Hoạt động",
            "352  20/11 14:00:00  Đăng ký điểm kinh doanh",
            "351  20/11 13:59:00  Cấp giấy chứng nhận",
            "… và 8 hoạt động trước đó (phoihop acts)",
            "q thoát · r làm mới · Tab chuyển khung — đang xem: Tổng quan",
        ])
    }

    @Test func theFrameAt200By50ShowsEveryColumn() {
        let lines = TopScreen.render(Self.snapshot(acts: 40), width: 200, height: 50)
        #expect(lines.count == 50)
        #expect(Array(lines.prefix(19)) == [
            "PhoiHop top — so-tttt (Sở Thông tin và Truyền thông) · 20/11/2026 14:00:00 giờ Việt Nam · chạy 1 giờ 2 phút · làm mới mỗi 2 giây · phiên bản 0.7.0",
            "Trực tuyến 2/3 · áp dụng 3,5 tin/giây · gửi 1 tin/giây · chờ nhận 3 · chờ gửi 2 · từ chối 2 · đã áp dụng 340 · đã gửi 120",
            "ĐƠN VỊ — 2/3 trực tuyến",
            "Đơn vị            Trạng thái   Lần cuối  Chờ nhận  Chờ gửi  Từ chối   Lệch giờ  Tin/giây  Đã áp dụng  Vai trò   Phiên bản",
            "district-ben-luc  NGOẠI TUYẾN  12 phút          0        0        1          —         —           0  district  0.7.0",
            "district-tan-an   trực tuyến   1 giây           3        0        0     +12 ms       2,5         200  district  0.7.0",
            "cong-an           trực tuyến   1 giây           0        2        0  -1,5 giây         —         140  cong-an   0.7.0",
            "",
            "THỜI HẠN — ngày 20/11/2026: 2 quá hạn · 1 đến hạn hôm nay · 2 sắp đến hạn",
            "Tình trạng  Còn  Mã         Cơ quan          Nội dung                                          Việc            Hạn",
            "Quá hạn      -6  KN-2026-7  district-tan-an  Khiếu nại về giờ mở cửa của đại lý Internet Hòa…  Giải quyết đơn  12/11/2026",
            "Quá hạn      -2  KN-2026-3  district-tan-an  Khiếu nại thu phí                                 Giải quyết đơn  18/11/2026",
            "Hôm nay       0  KN-2026-9  so-tttt          Tố cáo điểm trò chơi hoạt động quá giờ            Giải quyết đơn  20/11/2026",
            "",
            "HOẠT ĐỘNG MỚI NHẤT — 352 hoạt động trong nhật ký",
            " Số  Lúc             Hoạt động                Đơn vị ghi       Địa bàn          Doanh nghiệp",
            "352  20/11 14:00:00  Đăng ký điểm kinh doanh  district-tan-an  district-tan-an  TA-1",
            "351  20/11 13:59:00  Cấp giấy chứng nhận      district-tan-an  district-tan-an  TA-1",
            "350  20/11 13:58:00  Ghi nhận vi phạm         district-tan-an  district-tan-an  TA-1",
        ])
        // The acts' section takes every row the others leave: 32 acts, then the count of the rest.
        #expect(lines[16..<48].map { String($0.prefix(4)) } == (321...352).reversed().map { "\($0) " })
        #expect(Array(lines.suffix(2)) == [
            "… và 8 hoạt động trước đó (phoihop acts)",
            "q thoát · r làm mới · Tab chuyển khung — đang xem: Tổng quan",
        ])
    }

    @Test func everyFrameFitsItsTerminalWhateverTheSize() {
        let snapshot = Self.snapshot(acts: 60, problem: "daemon tại /run/x.sock không trả lời trong 3 giây")
        for width in [1, 10, 33, 59, 80, 121, 300] {
            for height in [1, 2, 3, 5, 8, 13, 24, 70] {
                for pane in TopScreen.Pane.allCases {
                    let lines = TopScreen.render(snapshot, width: width, height: height, pane: pane)
                    #expect(lines.count <= height, "\(width)×\(height) \(pane)")
                    #expect(lines.allSatisfy { $0.count <= width }, "\(width)×\(height) \(pane)")
                }
            }
        }
    }

    @Test func anOfflineAgencyAndAnOverdueItemAreDrawnAsAlerts() {
        let lines = TopScreen.lines(Self.snapshot(), width: 120, height: 40)
        #expect(lines.first { $0.text.hasPrefix("district-ben-luc") }?.style == .alert)
        #expect(lines.first { $0.text.hasPrefix("district-tan-an") }?.style == .plain)
        #expect(lines.filter { $0.text.hasPrefix("Quá hạn") }.allSatisfy { $0.style == .alert })
        #expect(lines.filter { $0.style == .title }.map { String($0.text.prefix(8)) } == ["PhoiHop ", "ĐƠN VỊ —", "THỜI HẠN", "HOẠT ĐỘN", "q thoát "])
    }

    @Test func aPaneOnItsOwnGetsTheWholeScreen() {
        let lines = TopScreen.render(Self.snapshot(acts: 60), width: 120, height: 30, pane: .acts)
        #expect(lines.count == 30)
        #expect(!lines.contains { $0.hasPrefix("ĐƠN VỊ") })
        #expect(lines[lines.count - 2] == "… và 36 hoạt động trước đó (phoihop acts)")
        #expect(lines.last == "q thoát · r làm mới · Tab chuyển khung — đang xem: Hoạt động")
    }

    @Test func aFailedRefreshIsSaidUnderTheHeader() {
        let lines = TopScreen.lines(Self.snapshot(problem: "daemon không trả lời"), width: 120, height: 40)
        #expect(lines[2] == TopScreen.Line(text: "Lần làm mới cuối không thành công: daemon không trả lời", style: .alert))
    }

    @Test func combiningMarksCountAsOneColumnSoVietnameseRowsStayAligned() {
        let precomposed = "Nguy\u{1EC5}n Hòa", decomposed = "Nguye\u{0302}\u{0303}n Ho\u{0300}a"
        #expect(precomposed.unicodeScalars.count != decomposed.unicodeScalars.count)
        var table = ScreenTable([.init(header: "Tên"), .init(header: "Số", rightAligned: true)])
        table.add([precomposed, "1"])
        table.add([decomposed, "22"])
        let rows = table.render(width: 40).rows
        #expect(rows[0].count == rows[1].count)
        #expect(rows.map { $0.suffix(2) } == [" 1", "22"])
        #expect(ScreenText.fit(decomposed, 6) == "Nguye\u{0302}\u{0303}…")
    }

    @Test func throughputIsTheDifferenceOfTwoSamplesOverTheTimeBetweenThem() {
        let before = Self.status(now: Self.now, applied: 100, sent: 40)
        var after = Self.status(now: Self.now + 4000, applied: 130, sent: 42)
        after.peers[0].applied += 20
        let rates = Throughput.between(before, after)
        #expect(rates?.appliedPerSecond == 7.5)
        #expect(rates?.sentPerSecond == 0.5)
        #expect(rates?.appliedPerSecondByPeer[AgencyID(rawValue: "district-tan-an")!] == 5)
        #expect(rates?.appliedPerSecondByPeer[AgencyID(rawValue: "cong-an")!] == 0)
    }

    @Test func throughputIsUnknownAcrossARestartOrTheSameSampleTwice() {
        let before = Self.status(now: Self.now, applied: 100)
        #expect(Throughput.between(before, Self.status(now: Self.now + 2000, applied: 3, startedAt: Self.now + 1000)) == nil)
        #expect(Throughput.between(before, before) == nil)
        #expect(TopScreen.render(TopSnapshot(status: before, throughput: nil, deadlines: nil, recentActs: [], interval: 2, problem: nil),
                                 width: 120, height: 40)[1].hasPrefix("Trực tuyến 2/3 · tốc độ: đang đo · chờ nhận"))
    }

    @Test func keysQuitRefreshAndSwitchPanes() {
        #expect(TopCommand.command(Array("q".utf8)) == .quit)
        #expect(TopCommand.command([0x03]) == .quit)
        #expect(TopCommand.command(Array("r".utf8)) == .refresh)
        #expect(TopCommand.command([0x09]) == .nextPane)
        #expect(TopCommand.command([0x1B, 0x5B, 0x5A]) == .previousPane)
        #expect(TopCommand.command([0x1B, 0x5B, 0x41]) == nil) // an arrow key
        #expect(TopScreen.Pane.acts.next == .overview)
    }

    @Test func ratesAndSkewsAreWrittenTheVietnameseWay() {
        #expect(TopScreen.decimal(3.45) == "3,5")
        #expect(TopScreen.decimal(12) == "12")
        #expect(TopScreen.skew(-1500) == "-1,5 giây")
        #expect(TopScreen.skew(40) == "+40 ms")
        #expect(TopScreen.skew(nil) == "—")
    }
}

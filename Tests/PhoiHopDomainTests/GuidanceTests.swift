import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Guidance (Điều 7; Điều 2, 11.2): publication to addressees, acknowledgement, relays.
struct GuidanceTests {
    static let tanAn = agency("district-tan-an")
    static let kienTuong = agency("district-kien-tuong")
    static let khdt = agency("khdt")

    static func guidance(_ id: String = "HD-1", to addressees: [AgencyID] = [tanAn, kienTuong], on day: String = "2026-11-11") -> GuidancePublished {
        GuidancePublished(guidanceID: id, topic: .certificates, title: "Hướng dẫn cấp giấy chứng nhận", documentRef: "125/HD-SKHĐT",
                          issuedOn: date(day), addressees: addressees, summary: "Thành phần hồ sơ, thời hạn giải quyết.")
    }

    func refusal<T>(_ body: @autoclosure () throws -> T) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func khdtPublishesAndTheHubRelaysToTheAddressees() throws {
        let khdt = try DomainFixture("khdt", role: .khdt)
        try khdt.record(Self.guidance())
        let hub = try DomainFixture("so-tttt", role: .hub)
        #expect(try hub.receive(Self.guidance(), from: "khdt") == [Self.tanAn, Self.kienTuong])
        #expect(try hub.count("SELECT count(*) FROM guidance_addressees WHERE guidance_id = 'HD-1' AND acknowledged_on IS NULL") == 2)
    }

    @Test func onlyHubKhdtAndCongAnPublish() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(refusal(try district.record(Self.guidance(to: [Self.kienTuong]))).contains("không được gửi guidance.published"))
        let vhttdl = try DomainFixture("vhttdl", role: .vhttdl)
        #expect(!refusal(try vhttdl.record(Self.guidance())).isEmpty)
        let congAn = try DomainFixture("cong-an", role: .congAn)
        try congAn.record(Self.guidance())
    }

    @Test func everyAddresseeMustBeAnAgencyOfTheProvince() throws {
        let khdt = try DomainFixture("khdt", role: .khdt)
        #expect(refusal(try khdt.record(Self.guidance(to: [Self.tanAn, agency("district-nowhere")])))
            .contains("đơn vị nhận district-nowhere không phải cơ quan, đơn vị của tỉnh Long An"))
    }

    @Test func thePublisherIsNotItsOwnAddresseeAndAnIdIsUsedOnce() throws {
        let khdt = try DomainFixture("khdt", role: .khdt)
        #expect(refusal(try khdt.record(Self.guidance(to: [Self.khdt, Self.tanAn]))).contains("khdt ban hành văn bản hướng dẫn HD-1 nên không thể đồng thời là đơn vị nhận"))
        try khdt.record(Self.guidance())
        #expect(refusal(try khdt.record(Self.guidance())).contains("mã văn bản hướng dẫn HD-1 đã được dùng"))
    }

    @Test func anAddresseeThatReceivedItAcknowledgesOnceAndTheHubRelaysItToThePublisher() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.guidance(), from: "khdt")
        try district.record(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13"), note: "Đã phổ biến"))
        #expect(refusal(try district.record(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-14"))))
            .contains("district-tan-an đã xác nhận đã nhận văn bản hướng dẫn HD-1 ngày 13/11/2026"))

        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(Self.guidance(), from: "khdt")
        #expect(try hub.receive(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13")), from: "district-tan-an") == [Self.khdt])
        let shown = try hub.query("guidance.show", ["id": "HD-1"], as: GuidanceRecord.self)
        #expect(shown.addressees.first { $0.agency == "district-tan-an" }?.acknowledgedOn == date("2026-11-13"))
        #expect(shown.addressees.first { $0.agency == "district-tan-an" }?.agencyName == "Thành phố Tân An")
        #expect(try hub.query("guidance.list", as: [GuidanceRow].self).map { "\($0.acknowledged)/\($0.addressees)" } == ["1/2"])
        #expect(try hub.query("guidance.pending", as: [PendingAcknowledgement].self).map(\.agency) == ["district-kien-tuong"])
    }

    @Test func theHubsOwnGuidanceAcknowledgementGoesNowhereElse() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.record(Self.guidance())
        #expect(try hub.receive(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13")), from: "district-tan-an").isEmpty)
    }

    @Test func aGuidanceNotReceivedCannotBeAcknowledged() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        #expect(refusal(try district.record(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13"))))
            .contains("quy tắc P10: văn bản hướng dẫn HD-1 chưa được chuyển tới district-tan-an"))
    }

    @Test func anAgencyThatIsNotAnAddresseeCannotAcknowledge() throws {
        // The district holds the guidance (e.g. relayed for another reason) but is not addressed.
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.guidance(to: [Self.kienTuong]), from: "khdt")
        #expect(refusal(try district.record(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13"))))
            .contains("quy tắc P10: district-tan-an không phải đơn vị nhận văn bản hướng dẫn HD-1"))
    }

    @Test func anAcknowledgementBeforeTheIssueDateIsRefused() throws {
        let district = try DomainFixture("district-tan-an", role: .district)
        try district.receive(Self.guidance(), from: "khdt")
        #expect(refusal(try district.record(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-10")))).contains("HD-1 ban hành ngày 11/11/2026; không thể xác nhận đã nhận ngày 10/11/2026"))
    }

    @Test func acknowledgementsTheHubCannotPlaceAreAnomalies() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        try hub.receive(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13")), from: "district-tan-an")
        try hub.receive(Self.guidance(), from: "khdt")
        try hub.receive(GuidanceAcknowledged(guidanceID: "HD-1", acknowledgedOn: date("2026-11-13")), from: "vhttdl")
        try hub.receive(Self.guidance(), from: "khdt")
        let anomalies = try hub.anomalies()
        #expect(anomalies.count == 3)
        #expect(anomalies[0].contains("acknowledgement of guidance HD-1 by district-tan-an"))
        #expect(anomalies[1].contains("by vhttdl, which is not an addressee"))
        #expect(anomalies[2].contains("published again"))
    }

    @Test func pendingAcknowledgementsAreListedPerAgency() throws {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-11-30")
        try hub.receive(Self.guidance("HD-1"), from: "khdt")
        try hub.receive(Self.guidance("HD-2", to: [Self.tanAn], on: "2026-11-20"), from: "cong-an")
        let pending = try hub.query("guidance.pending", as: [PendingAcknowledgement].self)
        #expect(pending.map { "\($0.agency) \($0.guidanceID) \($0.daysWaiting)" }
            == ["district-kien-tuong HD-1 19", "district-tan-an HD-1 19", "district-tan-an HD-2 10"])
        #expect(try hub.query("guidance.pending", ["agency": "district-kien-tuong"], as: [PendingAcknowledgement].self).count == 1)
        #expect(try hub.query("guidance.list", ["publisher": "cong-an"], as: [GuidanceRow].self).map(\.guidanceID) == ["HD-2"])
    }
}

/// What an addressee's own daemon shows of a guidance it received.
struct GuidanceVisibilityTests {
    @Test func anAddresseeSeesOnlyItsOwnPendingAcknowledgementNotTheOthers() throws {
        let district = try DomainFixture("district-ben-luc", role: .district)
        let guidance = GuidancePublished(
            guidanceID: "HD-1", topic: .certificates, title: "Hướng dẫn cấp giấy chứng nhận", documentRef: "1/HD-SKHĐT",
            issuedOn: date("2026-11-10"), addressees: [agency("district-ben-luc"), agency("district-tan-an")], summary: "Nội dung")
        try district.receive(guidance, from: "khdt")
        let pending = try district.query("guidance.pending", as: [PendingAcknowledgement].self)
        #expect(pending.map(\.agency) == ["district-ben-luc"])
        let list = try district.query("guidance.list", as: [GuidanceRow].self)
        #expect(list.first?.addressees == 1)
    }
}

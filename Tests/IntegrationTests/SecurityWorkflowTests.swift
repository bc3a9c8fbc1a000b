import Foundation
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import Testing

/// Information security through real daemons: Công an's incident reaches its district; an
/// advisory reaches every agency.
@Suite(.serialized)
struct SecurityWorkflowTests {
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let gddt = AgencyID(rawValue: "gddt")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    @Test func anIncidentReportedByCongAnReachesItsDistrictAndTheHub() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.congAn)
        try province.start(Self.tanAn)

        let receipt = try province.record(Self.congAn, MessageBody(IncidentReported(
            incidentID: "SC-1", district: Self.tanAn, occurredOn: Self.date("2026-11-19"), severity: .critical,
            summary: "Mã độc tống tiền tại điểm truy nhập", measures: "Cách ly máy trạm")))
        #expect(receipt.recipients == [.hub])
        try province.waitUntil("the district holds the incident", timeout: 20) {
            (try? province.query(Self.tanAn, "incident.show", ["id": "SC-1"], as: IncidentRow.self)) != nil
        }
        let atDistrict = try province.query(Self.tanAn, "incident.show", ["id": "SC-1"], as: IncidentRow.self)
        #expect(atDistrict.reportedBy == "cong-an" && atDistrict.severity == "critical" && atDistrict.measures == "Cách ly máy trạm")
        let counts = try province.query(.hub, "incident.counts", ["district": Self.tanAn.rawValue], as: [SeverityCount].self)
        #expect(counts.first { $0.severity == "critical" }?.count == 1)

        // A second report under the same id is refused at Công an, naming the first.
        do {
            try province.record(Self.congAn, MessageBody(IncidentReported(
                incidentID: "SC-1", occurredOn: Self.date("2026-11-19"), severity: .low, summary: "Lặp")))
            Issue.record("the same incident id was reported twice")
        } catch let error as ControlError {
            #expect(error.description.contains("sự cố SC-1 đã được báo cáo"))
        }
    }

    @Test func anAdvisoryReachesEveryRunningAgency() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        for agency in [Self.congAn, Self.tanAn, Self.gddt] { try province.start(agency) }

        try province.record(Self.congAn, MessageBody(SecurityAdvisory(
            advisoryID: "CB-1", issuedOn: Self.date("2026-11-20"), severity: .high, title: "Lừa đảo qua mạng",
            advice: "Không mở tệp đính kèm lạ")))
        try province.waitUntil("the district and Sở GD-ĐT hold the advisory", timeout: 20) {
            try [Self.tanAn, Self.gddt].allSatisfy {
                try province.query($0, "advisory.list", as: [AdvisoryRow].self).map(\.advisoryID) == ["CB-1"]
            }
        }
        #expect(try province.query(.hub, "advisory.list", as: [AdvisoryRow].self).first?.issuedBy == "cong-an")
    }
}

import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopReports
import PhoiHopStore
import Testing

/// The Điều 11 review (`report.review`): figures per agency counted by hand from a scripted
/// November 2026 at the hub, with items due on the window's last day (30/11) and the day after.
struct CoordinationReviewTests {
    static let november = ["from": "2026-11-01", "to": "2026-11-30"]

    /// Milliseconds since 1970 at `time` (hh:mm) on `day` in Vietnam (UTC+7).
    static func vietnam(_ day: String, _ hour: Int, _ minute: Int) -> Int64 {
        (Int64(date(day).dayNumber) * 86_400 - 7 * 3_600 + Int64(hour * 3_600 + minute * 60)) * 1_000
    }

    static func request(_ id: String, due: String, _ addressees: [String]) -> ReportRequested {
        ReportRequested(
            requestID: id, kind: .adHoc, subject: "Báo cáo nhanh \(id)", periodFrom: date("2026-10-01"),
            periodTo: date("2026-10-31"), requestedOn: date("2026-11-15"), dueOn: date(due), addressees: addressees.map(agency))
    }

    static func inspection(_ id: String, on day: String, district: String) -> InspectionRecorded {
        InspectionRecorded(
            inspectionID: id, businessID: "B-\(id)", district: agency(district), kind: .unannounced,
            conductedOn: date(day), outcome: .compliant, findings: "Không phát hiện vi phạm")
    }

    /// The scripted month; see each line's comment for what it counts towards.
    static func scriptedHub() throws -> DomainFixture {
        let hub = try DomainFixture("so-tttt", role: .hub, today: "2026-12-20")
        // Report requests: BC-A due on the window's last day, BC-B the day after (outside).
        try hub.record(request("BC-A", due: "2026-11-30", ["district-tan-an", "cong-an", "khdt"]))
        try hub.record(request("BC-B", due: "2026-12-01", ["district-tan-an"]))
        try hub.receive(ReportSubmitted(requestID: "BC-A", submittedOn: date("2026-11-28"), figures: []), from: "district-tan-an")  // kept
        try hub.receive(ReportSubmitted(requestID: "BC-A", submittedOn: date("2026-12-02"), figures: []), from: "cong-an")  // late
        // khdt never answers BC-A (overdue); Tân An never answers BC-B (overdue now, not in the window).

        // KN-1: accepted 03/11 within its limit (12/11); verification by Bến Lức due 13/11, never done;
        // resolution due 03/12 (outside the window), open → overdue now. KN-2: received 16/11, due 26/11, never accepted.
        try hub.record(Cases.received("KN-1", on: "2026-11-02"))
        try hub.record(Cases.accepted("KN-1", on: "2026-11-03"))
        try hub.record(Cases.assigned("KN-1", to: "district-ben-luc", on: "2026-11-04", due: "2026-11-13"))
        try hub.record(Cases.received("KN-2", on: "2026-11-16"))

        try hub.database.write { db in
            // A new game-point certificate: 10 working days from 10/11 → 24/11; decided 25/11 (late).
            // Guidance issued 02/11 → acknowledgement due 16/11: Đội 814 on the day (kept), Sở GD-ĐT never (overdue).
            try db.execute(
                sql: """
                    INSERT INTO certificate_applications (application_id, business_id, district, kind, request, received_on, decided_on)
                      VALUES ('HS-1', 'BL-1', 'district-ben-luc', 'game-point-eligibility', 'new', '2026-11-10', '2026-11-25');
                    INSERT INTO guidance (guidance_id, topic, title, document_ref, issued_on, summary, published_by)
                      VALUES ('HD-1', 'registry', 'Hướng dẫn đăng ký', '01/HD-STTTT', '2026-11-02', 'x', 'so-tttt');
                    INSERT INTO guidance_addressees (guidance_id, addressee, acknowledged_on)
                      VALUES ('HD-1', 'vhttdl', '2026-11-16'), ('HD-1', 'gddt', NULL);
                    """)
        }

        // Inspections and when the hub logged their findings (Vietnam time).
        let findings: [(String, String, String, Int64)] = [
            ("I-1", "2026-11-05", "cong-an", vietnam("2026-11-07", 10, 0)),  // 2 days
            ("I-2", "2026-11-20", "cong-an", vietnam("2026-11-21", 23, 59)),  // 1 day (16:59 UTC on the 21st)
            ("I-3", "2026-11-10", "cong-an", vietnam("2026-11-10", 0, 30)),  // 0 days (17:30 UTC on the 9th)
            ("I-4", "2026-11-30", "district-tan-an", vietnam("2026-12-03", 8, 0)),  // 3 days
            ("I-5", "2026-12-01", "district-tan-an", vietnam("2026-12-01", 9, 0)),  // outside the window
        ]
        for (id, day, author, loggedAt) in findings {
            try hub.receive(inspection(id, on: day, district: "district-tan-an"), from: author)
            try hub.database.write { db in
                try db.execute(
                    sql: """
                        UPDATE message_log SET accepted_at = ? WHERE type = 'inspection.recorded'
                          AND json_extract(CAST(body AS TEXT), '$.inspectionID') = ?
                        """, arguments: [loggedAt, id])
            }
        }

        // Acts without a date of their own count on the day the hub logged them: 30/11 23:30 in, 01/12 00:10 out.
        for (id, loggedAt) in [("CT-1", vietnam("2026-11-30", 23, 30)), ("CT-2", vietnam("2026-12-01", 0, 10))] {
            try hub.receive(
                SchoolProgrammeReported(
                    programmeID: id, title: "Internet cho học sinh", schoolYear: "2026-2027", schools: 1,
                    ruralSchools: 0, students: 10), from: "gddt")
            try hub.database.write { db in
                try db.execute(
                    sql: "UPDATE message_log SET accepted_at = ? WHERE position = (SELECT max(position) FROM message_log)",
                    arguments: [loggedAt])
            }
        }

        // The hub's outbox to Công an: queued 01/11 00:00 and 30/11 23:59 (in), 01/12 00:00 (out); acknowledged up to 1.
        // To Tân An: queued 31/10 23:59 (before the window), acknowledged.
        try hub.database.write { db in
            for (peer, recordedAt) in [
                ("cong-an", vietnam("2026-11-01", 0, 0)), ("cong-an", vietnam("2026-11-30", 23, 59)),
                ("cong-an", vietnam("2026-12-01", 0, 0)), ("district-tan-an", vietnam("2026-10-31", 23, 59)),
            ] {
                let seq = try Outbox.reserveSeq(db, stream: agency(peer))
                try Outbox.append(
                    db, stream: agency(peer), seq: seq, id: "\(peer)-\(seq)", type: .deadlineReminded, header: [1],
                    body: [1], recordedAt: recordedAt)
            }
            try Outbox.acknowledge(db, stream: agency("cong-an"), upTo: 1)
            try Outbox.acknowledge(db, stream: agency("district-tan-an"), upTo: 1)
        }
        return hub
    }

    static func line(_ review: CoordinationReview, _ id: String) -> CoordinationReview.AgencyLine {
        review.agencies.first { $0.agency.rawValue == id }!
    }

    static func text(_ tally: CoordinationReview.Tally) -> String {
        "\(tally.kept)/\(tally.late)/\(tally.overdue)/\(tally.pending)"
    }

    @Test func reportRequestsDueInTheWindowAreCountedOnTimeLateAndUnansweredPerAddressee() throws {
        let review = try Self.scriptedHub().query("report.review", Self.november, as: CoordinationReviewAnswer.self).review
        // kept/late/overdue/pending; BC-B (due 01/12) is not in November's figures.
        #expect(Self.text(Self.line(review, "district-tan-an").tally(.reportRequest)) == "1/0/0/0")
        #expect(Self.text(Self.line(review, "cong-an").tally(.reportRequest)) == "0/1/0/0")
        #expect(Self.text(Self.line(review, "khdt").tally(.reportRequest)) == "0/0/1/0")
        #expect(Self.text(review.province.tally(.reportRequest)) == "1/1/1/0")
    }

    @Test func aRequestDueTheDayAfterTheWindowCountsInTheNextWindow() throws {
        let hub = try Self.scriptedHub()
        let december = try hub.query(
            "report.review", ["from": "2026-12-01", "to": "2026-12-31"], as: CoordinationReviewAnswer.self
        ).review
        // BC-B due 01/12, unanswered on 20/12; KN-1's resolution due 03/12, open.
        #expect(Self.text(Self.line(december, "district-tan-an").tally(.reportRequest)) == "0/0/1/0")
        #expect(Self.text(december.province.tally(.reportRequest)) == "0/0/1/0")
        #expect(Self.text(Self.line(december, "so-tttt").tally(.caseResolution)) == "0/0/1/0")
    }

    @Test func anOpenItemNotYetDueIsPendingNotOverdue() throws {
        let hub = try Self.scriptedHub()
        try hub.record(Self.request("BC-C", due: "2026-12-31", ["vhttdl"]))
        let december = try hub.query(
            "report.review", ["from": "2026-12-01", "to": "2026-12-31"], as: CoordinationReviewAnswer.self
        ).review
        #expect(Self.text(Self.line(december, "vhttdl").tally(.reportRequest)) == "0/0/0/1")
        #expect(Self.line(december, "vhttdl").overdueNow.isEmpty)
    }

    @Test func otherDeadlinesAreCountedByTheAgencyResponsibleAndByKind() throws {
        let review = try Self.scriptedHub().query("report.review", Self.november, as: CoordinationReviewAnswer.self).review
        let hub = Self.line(review, "so-tttt"), benLuc = Self.line(review, "district-ben-luc")
        #expect(Self.text(hub.tally(.caseAcceptance)) == "1/0/1/0")  // KN-1 accepted in time, KN-2 not accepted by 26/11
        #expect(Self.text(hub.tally(.caseResolution)) == "0/0/0/0")  // KN-1 due 03/12
        #expect(Self.text(benLuc.tally(.caseVerification)) == "0/0/1/0")
        #expect(Self.text(benLuc.tally(.certificateApplication)) == "0/1/0/0")
        #expect(Self.text(Self.line(review, "vhttdl").tally(.guidanceAcknowledgement)) == "1/0/0/0")
        #expect(Self.text(Self.line(review, "gddt").tally(.guidanceAcknowledgement)) == "0/0/1/0")
        #expect(Self.text(review.province.allDeadlines) == "3/2/4/0")
        let province = try DomainFixture.loadRules().agencies.map(\.id)
        #expect(review.agencies.map(\.agency) == province)
        #expect(Self.line(review, "district-tan-an").name == "Thành phố Tân An")
    }

    @Test func findingsDelayIsTheMedianAndMaximumOfDaysFromInspectionToTheHubsLogInVietnamTime() throws {
        let review = try Self.scriptedHub().query("report.review", Self.november, as: CoordinationReviewAnswer.self).review
        let congAn = Self.line(review, "cong-an").findings, tanAn = Self.line(review, "district-tan-an").findings
        #expect(congAn.inspections == 3 && congAn.medianDays == 1 && congAn.maxDays == 2)
        #expect(tanAn.inspections == 1 && tanAn.medianDays == 3 && tanAn.maxDays == 3)  // I-5 (01/12) is December's
        #expect(
            review.province.findings.inspections == 4 && review.province.findings.medianDays == 1.5
                && review.province.findings.maxDays == 3)
        #expect(Self.line(review, "khdt").findings.medianDays == nil)
    }

    @Test func messagesCountActsByTheirDateAndRelaysByTheDayQueuedWithTheBacklogNow() throws {
        let review = try Self.scriptedHub().query("report.review", Self.november, as: CoordinationReviewAnswer.self).review
        // Hub: BC-A, BC-B (15/11), KN-1 received, accepted, assigned, KN-2 received.
        #expect(Self.line(review, "so-tttt").messages.recorded == 6)
        #expect(Self.line(review, "district-tan-an").messages.recorded == 2)  // BC-A answer 28/11, I-4 30/11
        #expect(Self.line(review, "cong-an").messages.recorded == 3)  // I-1…I-3; its answer is dated 02/12
        #expect(Self.line(review, "gddt").messages.recorded == 1)  // CT-1 logged 30/11 23:30
        let congAn = Self.line(review, "cong-an").messages
        #expect("\(congAn.relayed) \(congAn.acknowledged) \(congAn.backlog)" == "2 1 2")
        let tanAn = Self.line(review, "district-tan-an").messages
        #expect("\(tanAn.relayed) \(tanAn.acknowledged) \(tanAn.backlog)" == "0 0 0")
        #expect(review.province.messages == CoordinationReview.Messages(recorded: 12, relayed: 2, acknowledged: 1, backlog: 2))
    }

    @Test func overdueNowListsTheBoardsOverdueItemsPerAgencyWhateverTheWindow() throws {
        let review = try Self.scriptedHub().query("report.review", Self.november, as: CoordinationReviewAnswer.self).review
        func ids(_ agency: String) -> [String] { Self.line(review, agency).overdueNow.map(\.subjectID) }
        #expect(ids("so-tttt") == ["KN-2", "KN-1"])  // acceptance due 26/11, resolution due 03/12
        #expect(ids("district-tan-an") == ["BC-B@district-tan-an"])
        #expect(ids("district-ben-luc") == ["KN-1"])
        #expect(ids("khdt") == ["BC-A@khdt"])
        #expect(ids("gddt") == ["HD-1@gddt"])
        #expect(review.province.overdueNow.count == 6)
    }

    @Test func theDocumentIsASoKetWithAComplianceChartAndAnAnnualWindowIsATongKet() throws {
        let hub = try Self.scriptedHub()
        let answer = try hub.query("report.review", Self.november, as: CoordinationReviewAnswer.self)
        #expect(
            answer.document.subject
                == "Sơ kết tình hình thực hiện Quy chế phối hợp quản lý dịch vụ Internet trên địa bàn tỉnh Long An từ ngày 01/11/2026 đến ngày 30/11/2026"
        )
        let markdown = answer.document.renderMarkdown()
        #expect(markdown.contains("| Thành phố Tân An | 1 | 1 | 0 | 0 | 0 |"))
        #expect(markdown.contains("| **Tổng cộng** | **3** | **1** | **1** | **1** | **0** |"))
        #expect(markdown.contains("| Huyện Bến Lức | Giải quyết hồ sơ cấp giấy chứng nhận | 1 | 0 | 1 | 0 | 0 |"))
        #expect(markdown.contains("| Công an tỉnh | 3 | 1 | 2 |"))
        #expect(markdown.contains("| **Toàn tỉnh** | **4** | **1,5** | **3** |"))
        #expect(markdown.contains("| Sở Kế hoạch và Đầu tư | Gửi báo cáo | BC-A | Báo cáo nhanh BC-A | 30/11/2026 | 14 |"))
        let html = answer.document.renderHTML()
        #expect(html.contains("Biểu đồ 1. Thực hiện đúng hạn") && html.contains("<svg"))
        #expect(try hub.query("report.review", Self.november, as: CoordinationReviewAnswer.self) == answer)

        let annual = try hub.query("report.review", ["kind": "annual", "month": "2026-12"], as: CoordinationReviewAnswer.self)
        #expect(
            annual.document.subject.hasPrefix("Tổng kết tình hình thực hiện Quy chế phối hợp")
                && annual.document.subject.hasSuffix("năm 2026"))
        #expect("\(annual.review.window.from)…\(annual.review.window.to)" == "2025-12-15…2026-12-14")
        let quarter = try hub.query(
            "report.review", ["kind": "quarterly", "month": "2026-12"], as: CoordinationReviewAnswer.self)
        #expect(quarter.document.subject.hasPrefix("Sơ kết") && quarter.document.subject.hasSuffix("quý IV năm 2026"))
    }

    @Test func aWindowGivenBothWaysOrNotAtAllIsRefusedSayingWhatToGive() throws {
        let hub = try DomainFixture("so-tttt", role: .hub)
        func refusal(_ parameters: [String: String]) -> String {
            do {
                _ = try hub.query("report.review", parameters, as: CoordinationReviewAnswer.self)
                return "answered"
            } catch let error as DomainError { return error.message } catch { return "\(error)" }
        }
        #expect(refusal(["kind": "annual", "month": "2026-12", "from": "2026-01-01"]).contains("not both"))
        #expect(refusal([:]).contains("--kind and --month"))
        #expect(refusal(["from": "2026-12-01", "to": "2026-11-01"]).contains("is after --to"))
        #expect(refusal(["kind": "weekly", "month": "2026-12"]).contains("'weekly' is not a report period"))
    }

    @Test func onlyTheHubAnswersTheReview() throws {
        let khdt = try DomainFixture("khdt", role: .khdt)
        do {
            _ = try khdt.query("report.review", Self.november, as: CoordinationReviewAnswer.self)
            Issue.record("an agency answered the province's review")
        } catch let error as DomainError {
            #expect(error.message.contains("hub's review") && error.message.contains("so-tttt"))
        }
    }
}

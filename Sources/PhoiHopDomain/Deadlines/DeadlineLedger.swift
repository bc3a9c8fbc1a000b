public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol

/// One item with a legal deadline, handled or not: what the deadline board shows while it is
/// open, and what the Điều 11 review counts as kept or missed once it is handled.
public struct DeadlineEntry: Codable, Sendable, Equatable {
    public var subject: DeadlineSubject
    /// The case, application or guidance id; `REQUEST@agency` for a report answer and
    /// `GUIDANCE@agency` for an acknowledgement (one entry per agency).
    public var subjectID: String
    public var summary: String
    public var responsible: AgencyID
    /// The event the limit runs from (receipt, acceptance, assignment, application, issue …).
    public var startedOn: CivilDate
    public var dueOn: CivilDate
    /// The rule id of config/rules (or the file and field) the deadline comes from.
    public var rule: String
    /// The day the step was done (accepted or refused, resolved, verified, decided, submitted,
    /// acknowledged); nil while open, or when the case closed without this step.
    public var handledOn: CivilDate?
    /// Still waiting for the step: the deadline board lists exactly the open entries.
    public var isOpen: Bool
    /// False when the period runs into a year config/rules/holidays.yaml does not list.
    public var calendarCovered: Bool

    /// Handled after its deadline (nil when not handled).
    public var handledLate: Bool? { handledOn.map { $0 > dueOn } }
}

/// Every item with a legal deadline in this daemon's tables, from the rules (Điều 11.2, "theo
/// dõi, đôn đốc, kiểm tra"): complaint and denunciation steps (``CaseDeadlines``), certificate
/// applications (config/rules/certificates.yaml), report answers (the request's `dueOn`) and
/// guidance acknowledgements (`guidance-acknowledge`). Deadlines are computed, never stored.
///
/// Who is responsible: the hub accepts and resolves cases (Điều 3.6, "chủ trì giải quyết"), the
/// assignee verifies, the district decides applications, each addressee answers and acknowledges.
public enum DeadlineLedger {
    /// The entries, in no particular order; `openOnly` reads only the rows still waiting (the
    /// board's view, cheap however long the history).
    public static func entries(_ db: Database, rules: ProvinceRules, openOnly: Bool = false) throws -> [DeadlineEntry] {
        let calendar = LegalCalendar(rules.holidays)
        var entries: [DeadlineEntry] = []
        func add(
            _ subject: DeadlineSubject, _ id: String, _ summary: String, _ responsible: AgencyID, from start: CivilDate,
            due: CivilDate, rule: String, handledOn: CivilDate?, open: Bool
        ) {
            guard open || !openOnly else { return }
            entries.append(
                DeadlineEntry(
                    subject: subject, subjectID: id, summary: summary, responsible: responsible, startedOn: start, dueOn: due,
                    rule: rule,
                    handledOn: handledOn, isOpen: open, calendarCovered: calendar.covers(start) && calendar.covers(due)))
        }

        for record in try CaseRecord.fetchAll(db, where: openOnly ? "status IN ('received', 'accepted')" : "1") {
            let summary = "\(record.kind.vietnameseName): \(record.subject)"
            let deadlines = CaseDeadlines(record, extensions: try CaseRecord.extensions(db, record.caseID), rules: rules)
            // A refusal in writing answers the acceptance step as well (Luật Khiếu nại 2011, Điều 27).
            add(
                .caseAcceptance, record.caseID, summary, .hub, from: record.receivedOn, due: deadlines.acceptanceDue,
                rule: deadlines.acceptanceRule, handledOn: record.acceptedOn ?? record.refusedOn, open: record.status == .received
            )
            if let due = deadlines.resolutionDue, let acceptedOn = record.acceptedOn {
                add(
                    .caseResolution, record.caseID, summary, .hub, from: acceptedOn, due: due,
                    rule: deadlines.resolutionRule ?? "",
                    handledOn: record.resolvedOn, open: record.status == .accepted)
            }
            if let assignee = record.assignee, let due = record.verificationDueOn {
                add(
                    .caseVerification, record.caseID, summary, assignee, from: record.assignedOn ?? due, due: due,
                    rule: "complaint.assigned dueOn", handledOn: record.verifiedOn,
                    open: record.status == .accepted && record.verifiedOn == nil)
            }
        }

        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT application_id, business_id, district, kind, request, received_on, decided_on FROM certificate_applications
                \(openOnly ? "WHERE decided_on IS NULL" : "") ORDER BY received_on, application_id
                """)
        {
            guard let kind = CertificateKind(rawValue: row["kind"]), let request = CertificateRequest(rawValue: row["request"]),
                let rule = rules.certificates.rule(kind), let days = rule.processingDays[request],
                let district = AgencyID(rawValue: row["district"]), let received = try? CivilDate(parsing: row["received_on"])
            else { continue }
            let decided = (row["decided_on"] as String?).flatMap { try? CivilDate(parsing: $0) }
            add(
                .certificateApplication, row["application_id"],
                "\(kind.vietnameseName) — \(request.vietnameseName), \(row["business_id"] as String)",
                district, from: received, due: calendar.deadline(after: received, days: days, counting: rule.processingCounting),
                rule: "certificates.yaml \(kind.rawValue).processing.\(request.rawValue)", handledOn: decided,
                open: decided == nil)
        }

        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT r.request_id, r.subject, r.requested_on, r.due_on, a.agency, a.submitted_on FROM report_requests r
                JOIN report_answers a ON a.request_id = r.request_id
                \(openOnly ? "WHERE a.submitted_on IS NULL" : "") ORDER BY r.due_on, r.request_id, a.agency
                """)
        {
            guard let agency = AgencyID(rawValue: row["agency"]), let due = try? CivilDate(parsing: row["due_on"]),
                let requested = try? CivilDate(parsing: row["requested_on"])
            else { continue }
            let submitted = (row["submitted_on"] as String?).flatMap { try? CivilDate(parsing: $0) }
            add(
                .reportRequest, "\(row["request_id"] as String)@\(agency)", row["subject"], agency, from: requested, due: due,
                rule: "report.requested dueOn", handledOn: submitted, open: submitted == nil)
        }

        let acknowledge = rules.deadlines.rule("guidance-acknowledge")
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT g.guidance_id, g.title, g.issued_on, a.addressee, a.acknowledged_on FROM guidance g
                JOIN guidance_addressees a ON a.guidance_id = g.guidance_id
                \(openOnly ? "WHERE a.acknowledged_on IS NULL" : "") ORDER BY g.issued_on, g.guidance_id, a.addressee
                """)
        {
            guard let addressee = AgencyID(rawValue: row["addressee"]), let issued = try? CivilDate(parsing: row["issued_on"])
            else { continue }
            let acknowledged = (row["acknowledged_on"] as String?).flatMap { try? CivilDate(parsing: $0) }
            add(
                .guidanceAcknowledgement, "\(row["guidance_id"] as String)@\(addressee)", row["title"], addressee, from: issued,
                due: calendar.deadline(after: issued, days: acknowledge.days("normal"), counting: acknowledge.counting),
                rule: acknowledge.id, handledOn: acknowledged, open: acknowledged == nil)
        }
        return entries
    }
}

public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol

/// The Điều 11 review (sơ kết / tổng kết, Decision 52/2009 Điều 11.2): how the coordination
/// itself performed over a window, per agency of the province file and for the province.
///
/// * Deadlines (``DeadlineLedger``): every item whose deadline falls in the window, by the agency
///   responsible and by kind — handled by the deadline (kept), handled after it (late), still
///   open past it as of `today` (overdue), still open and not yet due (pending). Report
///   requests are one of the kinds.
/// * Inspection findings: no document the project encodes sets a deadline for sending them
///   (Decision 52/2009, docs/catalog/inspections.md), so the review gives the delay in calendar
///   days from the inspection to the day the hub logged its findings, never a "late" count.
/// * Messages: acts each agency recorded whose own date (`act_on`, or the day the hub logged it
///   when the act carries no date) is in the window; acts the hub put in its outbox to the agency
///   in the window (Vietnam days) and how many of those it has acknowledged; its backlog now.
/// * Overdue now: the deadline board's overdue items as of `today`, whatever the window.
///
/// Every agency of the province file is listed, in its order, zeros included; the same state
/// and arguments always give the same figures.
public struct CoordinationReview: Codable, Sendable, Equatable {
    /// Items with a deadline in the window, by outcome.
    public struct Tally: Codable, Sendable, Equatable {
        /// Handled by the deadline; handled after it; open past it on `today`; open and not yet due.
        public var kept = 0, late = 0, overdue = 0, pending = 0

        public init(kept: Int = 0, late: Int = 0, overdue: Int = 0, pending: Int = 0) {
            self.kept = kept; self.late = late; self.overdue = overdue; self.pending = pending
        }

        /// Every item counted.
        public var total: Int { kept + late + overdue + pending }

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(kept: a.kept + b.kept, late: a.late + b.late, overdue: a.overdue + b.overdue, pending: a.pending + b.pending)
        }
    }

    /// One kind of item and its tally.
    public struct KindTally: Codable, Sendable, Equatable {
        /// The kind of item (report answer, case acceptance …).
        public var subject: DeadlineSubject
        /// Its items with a deadline in the window.
        public var tally: Tally
    }

    /// Inspections conducted in the window and how long their findings took to reach the hub.
    public struct FindingsDelay: Codable, Sendable, Equatable {
        /// Inspections conducted in the window whose finding the hub holds.
        public var inspections = 0
        /// Calendar days from `conducted_on` to the Vietnam day the hub logged the finding; nil without inspections.
        public var medianDays: Double?
        /// The longest of those delays; nil without inspections.
        public var maxDays: Int?

        /// The figures of these delays (days each), in any order.
        public init(delays: [Int]) {
            let sorted = delays.sorted()
            inspections = sorted.count
            maxDays = sorted.last
            if !sorted.isEmpty {
                let middle = sorted.count / 2
                medianDays = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
            }
        }
    }

    /// Acts exchanged with the hub.
    public struct Messages: Codable, Sendable, Equatable {
        /// Acts the agency recorded (authored) dated in the window.
        public var recorded = 0
        /// Acts the hub queued to the agency in the window, and how many of those it acknowledged.
        public var relayed = 0, acknowledged = 0
        /// Acts queued to the agency, whenever, that it has not acknowledged yet (now).
        public var backlog = 0

        public init(recorded: Int = 0, relayed: Int = 0, acknowledged: Int = 0, backlog: Int = 0) {
            self.recorded = recorded; self.relayed = relayed; self.acknowledged = acknowledged; self.backlog = backlog
        }
    }

    /// One agency's line.
    public struct AgencyLine: Codable, Sendable, Equatable {
        /// The agency's bus identity.
        public var agency: AgencyID
        /// Its name in the province file.
        public var name: String
        /// Every kind of ``DeadlineSubject`` in its declaration order, zeros included.
        public var deadlines: [KindTally]
        /// How long the findings of its inspections in the window took to reach the hub.
        public var findings: FindingsDelay
        /// Acts it recorded, acts relayed to it and acknowledged, its backlog.
        public var messages: Messages
        /// Its items overdue as of `today` (the deadline board), earliest deadline first.
        public var overdueNow: [DeadlineItem]

        /// The tally of one kind.
        public func tally(_ subject: DeadlineSubject) -> Tally { deadlines.first { $0.subject == subject }?.tally ?? Tally() }
        /// Every kind together.
        public var allDeadlines: Tally { deadlines.map(\.tally).reduce(Tally(), +) }
    }

    /// The days whose deadlines, inspections and acts are counted, both ends included.
    public var window: ReportWindow
    /// The day open items are judged on: overdue if their deadline is before it.
    public var today: CivilDate
    /// Every agency of the province file (departments, then districts), in the file's order.
    public var agencies: [AgencyLine]
    /// The province line (named "Toàn tỉnh", under the hub's id, which compiles it): the sums, the
    /// findings' delay over every inspection, the whole backlog, every overdue item.
    public var province: AgencyLine

    /// - Parameter today: the day "overdue" is judged on (items open past their deadline).
    public static func compute(_ db: Database, window: ReportWindow, rules: ProvinceRules, today: CivilDate) throws
        -> CoordinationReview
    {
        var tallies: [AgencyID: [DeadlineSubject: Tally]] = [:]
        for entry in try DeadlineLedger.entries(db, rules: rules) where window.from <= entry.dueOn && entry.dueOn <= window.to {
            var tally = tallies[entry.responsible, default: [:]][entry.subject, default: Tally()]
            switch entry.handledLate {
            case false?: tally.kept += 1
            case true?: tally.late += 1
            case nil where !entry.isOpen: continue  // the case closed without this step (e.g. resolved unverified)
            case nil: if entry.dueOn < today { tally.overdue += 1 } else { tally.pending += 1 }
            }
            tallies[entry.responsible, default: [:]][entry.subject] = tally
        }
        let delays = try findingsDelays(db, window: window)
        let messages = try messages(db, window: window)
        let overdue = Dictionary(
            grouping: try DeadlineBoard.items(db, rules: rules, today: today).filter { $0.standing == .overdue },
            by: \.responsible)
        func line(_ id: AgencyID, _ name: String) -> AgencyLine {
            AgencyLine(
                agency: id, name: name,
                deadlines: DeadlineSubject.allCases.map { KindTally(subject: $0, tally: tallies[id]?[$0] ?? Tally()) },
                findings: FindingsDelay(delays: delays[id] ?? []), messages: messages[id] ?? Messages(),
                overdueNow: overdue[id] ?? [])
        }
        let agencies = rules.agencies.map { line($0.id, $0.name) }
        let province = AgencyLine(
            agency: .hub, name: "Toàn tỉnh",
            deadlines: DeadlineSubject.allCases.map { subject in
                KindTally(subject: subject, tally: agencies.map { $0.tally(subject) }.reduce(Tally(), +))
            },
            findings: FindingsDelay(delays: agencies.flatMap { delays[$0.agency] ?? [] }),
            messages: agencies.map(\.messages).reduce(Messages()) {
                Messages(
                    recorded: $0.recorded + $1.recorded, relayed: $0.relayed + $1.relayed,
                    acknowledged: $0.acknowledged + $1.acknowledged, backlog: $0.backlog + $1.backlog)
            },
            overdueNow: agencies.flatMap(\.overdueNow).sorted {
                ($0.dueOn, $0.subject.rawValue, $0.subjectID) < ($1.dueOn, $1.subject.rawValue, $1.subjectID)
            })
        return CoordinationReview(window: window, today: today, agencies: agencies, province: province)
    }


    /// Per recording agency, the days from each inspection conducted in the window to the day the
    /// hub logged its finding (the first log entry carrying its id).
    static func findingsDelays(_ db: Database, window: ReportWindow) throws -> [AgencyID: [Int]] {
        var delays: [AgencyID: [Int]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT i.recorded_by, i.conducted_on, min(m.accepted_at) AS logged_at
                FROM inspections i JOIN message_log m
                  ON m.type = ? AND json_extract(CAST(m.body AS TEXT), '$.inspectionID') = i.inspection_id
                WHERE i.conducted_on BETWEEN ? AND ? GROUP BY i.inspection_id ORDER BY i.inspection_id
                """, arguments: [MessageType.inspectionRecorded.rawValue, window.from.description, window.to.description])
        {
            guard let agency = AgencyID(rawValue: row["recorded_by"]),
                let conducted = try? CivilDate(parsing: row["conducted_on"])
            else { continue }
            let loggedAt: Int64 = row["logged_at"]
            delays[agency, default: []].append(VietnamTime.day(atUnixMilliseconds: loggedAt).dayNumber - conducted.dayNumber)
        }
        return delays
    }

    /// Per agency: acts it recorded dated in the window; acts queued to it in the window and
    /// acknowledged; its backlog now.
    static func messages(_ db: Database, window: ReportWindow) throws -> [AgencyID: Messages] {
        var result: [AgencyID: Messages] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT coalesce(author, origin) AS agency, count(*) AS n FROM message_log
                WHERE coalesce(act_on, date(accepted_at / 1000 + \(VietnamTime.offsetSeconds), 'unixepoch')) BETWEEN ? AND ? GROUP BY 1
                """, arguments: [window.from.description, window.to.description])
        {
            guard let agency = AgencyID(rawValue: row["agency"]) else { continue }
            result[agency, default: Messages()].recorded = row["n"]
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.peer, s.last_seq - min(s.acked, s.last_seq) AS backlog,
                  (SELECT count(*) FROM outbox o WHERE o.stream = s.peer AND o.recorded_at >= ?1 AND o.recorded_at < ?2) AS relayed,
                  (SELECT count(*) FROM outbox o WHERE o.stream = s.peer AND o.recorded_at >= ?1 AND o.recorded_at < ?2 AND o.seq <= s.acked) AS acked
                FROM outbound_streams s
                """, arguments: [VietnamTime.start(of: window.from), VietnamTime.start(of: window.to.adding(days: 1))])
        {
            guard let agency = AgencyID(rawValue: row["peer"]) else { continue }
            result[agency, default: Messages()].relayed = row["relayed"]
            result[agency, default: Messages()].acknowledged = row["acked"]
            result[agency, default: Messages()].backlog = row["backlog"]
        }
        return result
    }
}

public import PhoiHopConfig
public import PhoiHopProtocol

/// The hub's compilation of the answers to one report request (Điều 3.5, 11.2): who answered and
/// when, measured against the due date as of `asOf`; the province's figures as the sum of the
/// answers received; and each answer as sent. Pure and deterministic: agencies in province-file
/// order, figure keys in the order of ``AgencyAnswerSection/groups(_:)`` (topics in a fixed
/// order; within a topic, first appearance in province order, `acts.*` by key).
public struct CompiledReport: Codable, Sendable, Equatable {
    /// Where an addressee stands against the due date.
    public enum AnswerState: String, Codable, Sendable, Equatable {
        /// Answered on or before the due date.
        case onTime = "on-time"
        /// Answered after the due date.
        case late
        /// Not answered, and the due date has passed.
        case overdue
        /// Not answered, and the due date is today or later.
        case notYetDue = "not-yet-due"
    }

    /// One addressee of the request.
    public struct Addressee: Codable, Sendable, Equatable {
        /// The agency id, e.g. "district-tan-an".
        public var agency: String
        /// Its name from the province file, e.g. "Thành phố Tân An".
        public var name: String
        /// The request's due date.
        public var dueOn: CivilDate
        /// When it answered; nil while it has not.
        public var submittedOn: CivilDate?
        public var state: AnswerState
        /// Calendar days past the due date: to the answer (`late`), or to `asOf` (`overdue`); else 0.
        public var daysLate: Int
        /// The figures it sent, as sent; empty while it has not answered.
        public var figures: [ReportFigure]
        /// The note it sent, if any.
        public var note: String?

        /// "Đúng hạn", "Trễ 1 ngày", "Chưa gửi (quá hạn 3 ngày)", "Chưa đến hạn".
        public var stateText: String {
            switch state {
            case .onTime: "Đúng hạn"
            case .late: "Trễ \(daysLate) ngày"
            case .overdue: "Chưa gửi (quá hạn \(daysLate) ngày)"
            case .notYetDue: "Chưa đến hạn"
            }
        }
    }

    /// One figure over the province: the sum of the answers that carry its key.
    public struct ProvinceFigure: Codable, Sendable, Equatable {
        /// The figure key, e.g. "outreach.reach".
        public var key: String
        /// The label of the first answer (in province order) that carries the key.
        public var label: String
        /// The sum of the key's values over the answers that carry it.
        public var total: Int64
        /// How many answering agencies reported this key.
        public var agencies: Int
    }

    /// The request compiled.
    public var request: ReportRequestRecord
    /// The day the states are measured on.
    public var asOf: CivilDate
    /// Every addressee, in province-file order (an addressee not in the file last, by id).
    public var addressees: [Addressee]
    /// Every key of the answers received, summed, in the stable order described above.
    public var provinceFigures: [ProvinceFigure]

    /// Addressees who answered, and how many are in each state (written out for JSON readers).
    public var answered: Int
    public var onTime: Int
    public var late: Int
    public var overdue: Int
    public var notYetDue: Int

    /// Addressees in `state`.
    public func count(_ state: AnswerState) -> Int {
        switch state {
        case .onTime: onTime
        case .late: late
        case .overdue: overdue
        case .notYetDue: notYetDue
        }
    }

    /// "3/21 đơn vị đã gửi, 1 trễ hạn; 2 đơn vị quá hạn chưa gửi, 16 đơn vị chưa đến hạn."
    public var summaryLine: String {
        var line = "\(answered)/\(addressees.count) đơn vị đã gửi, \(count(.late)) trễ hạn"
        let open = [(count(.overdue), "quá hạn chưa gửi"), (count(.notYetDue), "chưa đến hạn")].filter { $0.0 > 0 }
        if !open.isEmpty { line += "; " + open.map { "\($0.0) đơn vị \($0.1)" }.joined(separator: ", ") }
        return line + "."
    }

    /// Compiles `answers` (one per addressee, as ``ReportRequestQueries`` reads them) for `request` as of `today`.
    public static func make(request: ReportRequestRecord, answers: [ReportAnswerStatus], rules: ProvinceRules, today: CivilDate) -> CompiledReport {
        let order = Dictionary(uniqueKeysWithValues: rules.agencies.enumerated().map { ($1.id.rawValue, $0) })
        let sorted = answers.sorted { (order[$0.agency] ?? Int.max, $0.agency) < (order[$1.agency] ?? Int.max, $1.agency) }
        let addressees = sorted.map { answer -> Addressee in
            let due = request.dueOn
            let state: AnswerState
            let days: Int
            if let submitted = answer.submittedOn {
                days = max(0, submitted.dayNumber - due.dayNumber)
                state = days > 0 ? .late : .onTime
            } else {
                days = max(0, today.dayNumber - due.dayNumber)
                state = days > 0 ? .overdue : .notYetDue
            }
            return Addressee(agency: answer.agency, name: answer.agencyName, dueOn: due, submittedOn: answer.submittedOn, state: state,
                             daysLate: days, figures: answer.submittedOn == nil ? [] : answer.figures, note: answer.note)
        }
        func count(_ state: AnswerState) -> Int { addressees.filter { $0.state == state }.count }
        return CompiledReport(
            request: request, asOf: today, addressees: addressees, provinceFigures: provinceFigures(addressees),
            answered: addressees.filter { $0.submittedOn != nil }.count, onTime: count(.onTime), late: count(.late),
            overdue: count(.overdue), notYetDue: count(.notYetDue))
    }

    /// Every key any answer carries, summed over the answers that carry it.
    static func provinceFigures(_ addressees: [Addressee]) -> [ProvinceFigure] {
        var sums: [String: ProvinceFigure] = [:]
        var firstSeen: [ReportFigure] = []
        for figure in addressees.filter({ $0.submittedOn != nil }).flatMap(\.figures) {
            if sums[figure.key] == nil { firstSeen.append(figure) }
            sums[figure.key, default: ProvinceFigure(key: figure.key, label: figure.label, total: 0, agencies: 0)].total += figure.value
            sums[figure.key]?.agencies += 1
        }
        return AgencyAnswerSection.groups(firstSeen).flatMap(\.figures).compactMap { sums[$0.key] }
    }
}

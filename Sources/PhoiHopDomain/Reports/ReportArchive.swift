public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import Foundation
import PhoiHopReports
public import PhoiHopStore
import Sodium

/// A report the hub stored (`issued_reports`), as the console lists it.
public struct IssuedReport: Codable, Sendable, Equatable {
    public var id: Int64
    /// The period kind (`monthly`, `quarterly`, …).
    public var kind: String
    /// `schedule` or `console`.
    public var trigger: String
    public var periodFrom: CivilDate
    public var periodTo: CivilDate
    /// Nil when left blank for the clerical office.
    public var number: Int?
    public var symbol: String
    public var issuedOn: CivilDate
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var generatedAt: Int64
    public var logPosition: Int64
    /// The chain hash at `logPosition`, hex.
    public var chainHead: String
    /// SHA-256 of the HTML document, hex.
    public var documentSHA256: String
    public var softwareVersion: String

    /// The period as the subject names it: "tháng 11 năm 2026", "quý IV năm 2026" …
    public var periodName: String {
        let months = (periodTo.year * 12 + periodTo.month) - (periodFrom.year * 12 + periodFrom.month)
        return PeriodicReportDocument.periodName(months: months, endingOn: periodTo)
    }

    /// "12/BC-STTTT", or "…/BC-STTTT" when the number is blank.
    public var numberAndSymbol: String { "\(number.map(String.init) ?? "…")/\(symbol)" }

    init(_ row: IssuedReportRow) throws {
        id = row.id; kind = row.kind; trigger = row.trigger
        periodFrom = try CivilDate(parsing: row.periodFrom); periodTo = try CivilDate(parsing: row.periodTo)
        number = row.number; symbol = row.symbol; issuedOn = try CivilDate(parsing: row.issuedOn)
        generatedAt = row.generatedAt; logPosition = row.logPosition; chainHead = Fingerprint.hex(row.chainHead)
        documentSHA256 = Fingerprint.hex(row.documentSHA256); softwareVersion = row.softwareVersion
    }
}

/// The hub's stored reports (issue 6): each periodic report it issues — on schedule after the
/// cut-off, or on an officer's demand — is stored with the exact state it was computed from:
/// the log position and the hash chain's head there, the legal tables and the issuer in force.
/// ``verify(_:id:)`` regenerates it from the log alone and compares.
public enum ReportArchive {
    /// Computes the periodic report of `kind` ending in `month` ("2026-11") from `db`'s state
    /// now and stores it, numbered per `settings.numbering`. Call it inside one write
    /// transaction: the log position, the figures and the number are read in it, so the stored
    /// position is exactly the state the figures come from.
    /// - Parameters:
    ///   - trigger: `schedule` or `console`.
    ///   - today: the hub's date, which the report carries; it must be after the period's last
    ///     day (a report of a window still open is refused: it would not be final).
    ///   - generatedAt: the wall clock, milliseconds; stored, not printed.
    public static func issue(_ db: Database, rules: ProvinceRules, settings: ReportsSettings, kind: String, month: String,
                             trigger: String, today: CivilDate, generatedAt: Int64) throws -> IssuedReport {
        let period = try ReportPeriods.period(rules.reportPeriods, kind: kind, month: month)
        // An issued report is final: its window must be closed, or later acts would change it.
        guard period.to < today else {
            throw DomainError("kỳ \(VietnameseFormat.day(period.from.description))–\(VietnameseFormat.day(period.to.description)) chưa chốt số liệu (đến hết ngày \(VietnameseFormat.day(period.to.description))); chỉ lưu được báo cáo của kỳ đã kết thúc — xem trước bằng 'phoihop report periodic'")
        }
        let issuedOn = today
        let number: Int?
        switch settings.numbering {
        case .blank: number = nil
        case let .sequential(first): number = max(first, (try IssuedReports.lastNumber(db, year: issuedOn.year) ?? 0) + 1)
        }
        let head = try IssuedReports.logHead(db)
        let answer = try answer(db, rules: rules, issuer: settings.issuer, kind: kind, month: month, issuedOn: issuedOn, number: number)
        let html = Array(answer.document.renderHTML().utf8)
        var row = IssuedReportRow(
            kind: kind, trigger: trigger, periodFrom: period.from.description, periodTo: period.to.description, number: number,
            year: issuedOn.year, symbol: settings.issuer.symbol, issuedOn: issuedOn.description, generatedAt: generatedAt,
            logPosition: head.position, chainHead: head.chainHash, rulesJSON: try encode(rules), issuerJSON: try encode(settings.issuer),
            softwareVersion: PhoiHopProtocolInfo.softwareVersion, documentSHA256: SHA256.hash(html), documentHTML: html,
            answerJSON: try answerJSON(answer))
        row.id = try IssuedReports.insert(db, row)
        return try IssuedReport(row)
    }

    /// ``issue(_:rules:settings:kind:month:trigger:today:generatedAt:)`` in a write transaction of its own.
    public static func issue(_ database: PhoiHopDatabase, rules: ProvinceRules, settings: ReportsSettings, kind: String, month: String,
                             trigger: String, today: CivilDate, generatedAt: Int64) throws -> IssuedReport {
        try database.write { db in
            try issue(db, rules: rules, settings: settings, kind: kind, month: month, trigger: trigger, today: today, generatedAt: generatedAt)
        }
    }

    /// The report as ``issue`` computes it, from `db`'s aggregate tables and log, with the given
    /// legal tables, issuer, date and number: the same function for issuing and regenerating.
    static func answer(_ db: Database, rules: ProvinceRules, issuer: ReportIssuer, kind: String, month: String,
                       issuedOn: CivilDate, number: Int?) throws -> PeriodicReportAnswer {
        var context = QueryContext(db: db, agency: .hub, role: .hub, rules: rules, today: issuedOn,
                                   parameters: ["kind": kind, "month": month])
        context.reports.issuer = issuer
        return try ConsoleQueries.periodic(context, number: number)
    }

    /// The answer as `phoihop report periodic --format json` prints it: pretty, keys sorted, a final newline.
    static func answerJSON(_ answer: PeriodicReportAnswer) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(answer)) + [0x0A]
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// "2026-11": the month a period ending `to` is asked by.
    static func month(of to: CivilDate) -> String {
        "\(to.year)-\(to.month < 10 ? "0" : "")\(to.month)"
    }

    /// Every stored report, oldest first.
    public static func list(_ db: Database) throws -> [IssuedReport] {
        try IssuedReports.list(db).map(IssuedReport.init)
    }

    /// Stored report `id` with its document and answer, byte for byte as stored.
    public static func show(_ db: Database, id: Int64) throws -> ArchivedReport {
        guard let row = try IssuedReports.fetch(db, id: id) else { throw notFound(id) }
        return ArchivedReport(report: try IssuedReport(row), html: String(decoding: row.documentHTML, as: UTF8.self),
                              answerJSON: String(decoding: row.answerJSON, as: UTF8.self))
    }

    static func notFound(_ id: Int64) -> DomainError {
        DomainError("--id: không có báo cáo số lưu trữ \(id); xem danh sách bằng 'phoihop report archive list'")
    }
}

/// A stored report with its document (HTML) and its answer (JSON), as stored.
public struct ArchivedReport: Codable, Sendable, Equatable {
    public var report: IssuedReport
    public var html: String
    public var answerJSON: String
}

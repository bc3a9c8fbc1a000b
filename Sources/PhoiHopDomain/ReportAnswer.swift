public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import Foundation
import PhoiHopStore

/// The periods of periodic reports (config/rules/report-periods.yaml) and their default due dates.
public enum ReportPeriods {
    /// The period of kind `kindID` ending in `month` ("2026-11"), or an error naming the kinds and
    /// their end months.
    public static func period(_ rules: ReportPeriodRules, kind kindID: String, month text: String) throws -> (from: CivilDate, to: CivilDate) {
        guard let kind = rules.kind(kindID) else {
            throw DomainError("'\(kindID)' không phải kỳ báo cáo; các kỳ hợp lệ: \(rules.kinds.map(\.id).joined(separator: ", "))")
        }
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            throw DomainError("'\(text)' không phải tháng dạng YYYY-MM (ví dụ 2026-11)")
        }
        guard let period = rules.period(kind, year: year, endMonth: month) else {
            throw DomainError("kỳ báo cáo \(kind.id) không kết thúc vào tháng \(month); kỳ này kết thúc vào các tháng \(kind.endMonths.map(String.init).joined(separator: ", "))")
        }
        return period
    }

    /// The default due date: `answerWorkingDaysAfterCutoff` working days after the cut-off.
    public static func defaultDue(_ rules: ProvinceRules, periodTo: CivilDate) -> CivilDate {
        LegalCalendar(rules.holidays).addingWorkingDays(rules.reportPeriods.answerWorkingDaysAfterCutoff, to: periodTo)
    }

    /// The configured kind whose period is exactly `period`, if any.
    public static func kind(of period: (from: CivilDate, to: CivilDate), in rules: ReportPeriodRules) -> ReportPeriodKind? {
        rules.kinds.first { kind in
            guard let candidate = rules.period(kind, year: period.to.year, endMonth: period.to.month) else { return false }
            return candidate.from == period.from && candidate.to == period.to
        }
    }
}

/// A report request as a daemon holds it.
public struct ReportRequestRecord: Codable, Sendable, Equatable {
    public var requestID: String
    public var kind: String
    public var subject: String
    public var periodFrom: CivilDate
    public var periodTo: CivilDate
    public var requestedOn: CivilDate
    public var dueOn: CivilDate

    static func fetch(_ db: Database, _ requestID: String) throws -> ReportRequestRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM report_requests WHERE request_id = ?", arguments: [requestID]).map(record)
    }

    static func record(_ row: Row) throws -> ReportRequestRecord {
        ReportRequestRecord(
            requestID: row["request_id"], kind: row["kind"], subject: row["subject"],
            periodFrom: try CivilDate(parsing: row["period_from"] as String), periodTo: try CivilDate(parsing: row["period_to"] as String),
            requestedOn: try CivilDate(parsing: row["requested_on"] as String), dueOn: try CivilDate(parsing: row["due_on"] as String))
    }
}

/// What an addressee's daemon proposes to answer a report request with.
public struct ReportDraft: Codable, Sendable, Equatable {
    public var request: ReportRequestRecord
    public var agency: AgencyID
    /// When this agency already answered (then the draft is for reading only).
    public var submittedOn: CivilDate?
    public var figures: [ReportFigure]
}

/// Assembles an agency's answer to a report request from its own records, over the request's
/// period.
///
/// Two kinds of figures:
/// * `acts.<type>` — how many acts of each type this agency recorded, counted in the message log
///   by the day each act took effect (`act_on`, from the body: `CatalogBody.actDate`) falling
///   within the period, both ends included — not by when it crossed the bus, so a month recorded
///   late counts in its own period. An act without a date of its own (a school programme, which
///   is dated by its school year) is in no period's act counts.
/// * role-specific figures, counted by the act's own date in the body (registration date, date of
///   issue, date observed …) from the aggregate tables.
public enum ReportAnswer {
    public static func draft(_ db: Database, agency: AgencyID, role: Role, requestID: String) throws -> ReportDraft {
        guard let request = try ReportRequestRecord.fetch(db, requestID) else {
            throw DomainError("yêu cầu báo cáo \(requestID) không có trong dữ liệu của \(agency)")
        }
        guard let answer = try Row.fetchOne(db, sql: "SELECT submitted_on FROM report_answers WHERE request_id = ? AND agency = ?",
                                            arguments: [requestID, agency.rawValue]) else {
            throw DomainError("\(agency) không phải đơn vị phải báo cáo theo yêu cầu báo cáo \(requestID)")
        }
        let submitted: String? = answer["submitted_on"]
        let figures = try self.figures(db, agency: agency, role: role, from: request.periodFrom, to: request.periodTo)
        return ReportDraft(request: request, agency: agency, submittedOn: try submitted.map { try CivilDate(parsing: $0) }, figures: figures)
    }

    public static func figures(_ db: Database, agency: AgencyID, role: Role, from: CivilDate, to: CivilDate) throws -> [ReportFigure] {
        var figures: [ReportFigure] = []
        let me = agency.rawValue
        let span: StatementArguments = [from.description, to.description]
        func count(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
            try Int64.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
        func add(_ key: String, _ label: String, _ value: Int64) { figures.append(ReportFigure(key: key, label: label, value: value)) }

        // Acts recorded by this agency, by type, dated within the period.
        let acts = try Row.fetchAll(db, sql: """
            SELECT type, count(*) AS n FROM message_log
            WHERE coalesce(author, origin) = ? AND act_on BETWEEN ? AND ?
            GROUP BY type ORDER BY type
            """, arguments: [me] + span)
        for row in acts {
            let type: String = row["type"]
            add("acts.\(type)", "Số lượt: \(MessageType(rawValue: type)?.vietnameseName ?? type)", row["n"])
        }

        switch role {
        case .district:
            add("district.businesses-registered", "Điểm kinh doanh đăng ký mới trong kỳ",
                try count("SELECT count(*) FROM businesses WHERE district = ? AND registered_on BETWEEN ? AND ?", [me] + span))
            add("district.certificates-issued", "Giấy chứng nhận cấp mới trong kỳ",
                try count("SELECT count(*) FROM certificates WHERE district = ? AND issued_on BETWEEN ? AND ?", [me] + span))
            add("district.certificates-revoked", "Giấy chứng nhận thu hồi trong kỳ",
                try count("SELECT count(*) FROM certificates WHERE district = ? AND revoked_on BETWEEN ? AND ?", [me] + span))
            add("district.certificates-active", "Giấy chứng nhận còn hiệu lực tại ngày chốt số liệu",
                try count("""
                    SELECT count(*) FROM certificates WHERE district = ? AND issued_on <= ? AND valid_until >= ?
                    AND (revoked_on IS NULL OR revoked_on > ?)
                    """, [me, to.description, to.description, to.description]))
            add("district.violations", "Vi phạm phát hiện trên địa bàn trong kỳ",
                try count("SELECT count(*) FROM violations WHERE district = ? AND observed_on BETWEEN ? AND ?", [me] + span))
        case .congAn:
            for severity in IncidentSeverity.allCases {
                add("incidents.\(severity.rawValue)", "Sự cố an ninh thông tin — mức \(severity.vietnameseName.lowercased())",
                    try count("SELECT count(*) FROM incidents WHERE reported_by = ? AND severity = ? AND occurred_on BETWEEN ? AND ?",
                              [me, severity.rawValue] + span))
            }
            add("fire-safety.checks", "Lượt kiểm tra phòng cháy, chữa cháy",
                try count("SELECT count(*) FROM fire_safety_checks WHERE checked_by = ? AND checked_on BETWEEN ? AND ?", [me] + span))
        case .vhttdl:
            add("vhttdl.inspections", "Lượt kiểm tra của Đội 814",
                try count("SELECT count(*) FROM inspections WHERE recorded_by = ? AND conducted_on BETWEEN ? AND ?", [me] + span))
            add("vhttdl.violations", "Vi phạm phát hiện",
                try count("SELECT count(*) FROM violations WHERE recorded_by = ? AND observed_on BETWEEN ? AND ?", [me] + span))
            add("vhttdl.sanctions", "Quyết định xử phạt",
                try count("SELECT count(*) FROM sanctions WHERE decided_by = ? AND decided_on BETWEEN ? AND ?", [me] + span))
            add("vhttdl.fines-vnd", "Tổng tiền phạt (đồng)",
                try count("SELECT coalesce(sum(fine_vnd), 0) FROM sanctions WHERE decided_by = ? AND decided_on BETWEEN ? AND ?", [me] + span))
        case .taiChinh:
            add("funding.allocations", "Quyết định phân bổ kinh phí",
                try count("SELECT count(*) FROM funding_requests WHERE allocated_by = ? AND allocated_on BETWEEN ? AND ?", [me] + span))
            add("funding.allocated-vnd", "Tổng kinh phí phân bổ (đồng)",
                try count("SELECT coalesce(sum(allocated_vnd), 0) FROM funding_requests WHERE allocated_by = ? AND allocated_on BETWEEN ? AND ?", [me] + span))
        case .gddt:
            add("schools.programmes", "Chương trình Internet trong trường học (lũy kế)",
                try count("SELECT count(*) FROM school_programmes WHERE reported_by = ?", [me]))
            add("schools.students", "Học sinh, sinh viên được tham gia (lũy kế)",
                try count("SELECT coalesce(sum(students), 0) FROM school_programmes WHERE reported_by = ?", [me]))
        case .hub, .khdt, .tinhDoan:
            break
        }

        // Figures every agency has: outreach, complaints received, training and funding asked.
        add("outreach.campaigns", "Đợt tuyên truyền kết thúc trong kỳ",
            try count("SELECT count(*) FROM outreach_campaigns WHERE reported_by = ? AND to_on BETWEEN ? AND ?", [me] + span))
        add("outreach.reach", "Lượt người được tuyên truyền",
            try count("SELECT coalesce(sum(reach), 0) FROM outreach_campaigns WHERE reported_by = ? AND to_on BETWEEN ? AND ?", [me] + span))
        add("complaints.forwarded", "Đơn thư khiếu nại, tố cáo tiếp nhận và chuyển Sở TT&TT",
            try count("SELECT count(*) FROM cases WHERE received_by = ? AND received_on BETWEEN ? AND ?", [me] + span))
        add("training.proposals", "Đề xuất đào tạo, bồi dưỡng",
            try count("SELECT count(*) FROM training_proposals WHERE proposed_by = ? AND proposed_on BETWEEN ? AND ?", [me] + span))
        add("funding.requested-vnd", "Kinh phí đề nghị (đồng)",
            try count("SELECT coalesce(sum(amount_vnd), 0) FROM funding_requests WHERE requested_by = ? AND requested_on BETWEEN ? AND ?", [me] + span))
        return figures
    }
}

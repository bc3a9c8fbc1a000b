public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopReports

/// The periodic report on Internet service activity (issue 6) as an official document: the
/// figures of a window (``PeriodicFigures``, ``ActivityFigures``) beside those of the window
/// before, in numbered sections of tables, in the Decree 30/2020 form. The number is left blank
/// ("Số: …/BC-STTTT") for the clerical office to fill in unless one is given (a stored report
/// numbered in sequence, ``ReportArchive``); the issuer and signer are the configuration's.
public enum PeriodicReportDocument {
    /// Who issues the report and where: the hub's `reports.issuer` configuration
    /// (``ReportIssuer``; its defaults are Long An's Sở TT&TT).
    public struct Issuer: Sendable, Codable, Equatable {
        public var superiorBody: String?
        public var issuingBody: String
        public var symbol: String
        public var place: String
        public var signature: SignatureBlock
        public var recipients: [String]
        /// The "Lưu:" line.
        public var archivedAt: [String]

        /// The issuer `configured` names (by default, Long An's Sở TT&TT).
        public init(_ configured: ReportIssuer = ReportIssuer()) {
            superiorBody = configured.superiorBody; issuingBody = configured.issuingBody; symbol = configured.symbol
            place = configured.place; recipients = configured.recipients; archivedAt = configured.archivedAt
            signature = SignatureBlock(capacity: configured.signerCapacity, position: configured.signerPosition, name: configured.signerName)
        }
    }

    /// How the period is named in a subject: "tháng 11 năm 2026", "quý IV năm 2026", "6 tháng
    /// đầu năm 2026", "9 tháng đầu năm 2026", "năm 2026" — by the kind's length in months and the
    /// month its window ends in.
    public static func periodName(months: Int, endingOn end: CivilDate) -> String {
        switch months {
        case 1: "tháng \(end.month) năm \(end.year)"
        case 3: "quý \(["I", "II", "III", "IV"][max(0, min(3, (end.month - 1) / 3))]) năm \(end.year)"
        case 12: "năm \(end.year)"
        default: "\(months) tháng đầu năm \(end.year)"
        }
    }

    /// - Parameters:
    ///   - title: the period's name ("quý IV năm 2026", ``periodName(months:endingOn:)``), used in the subject.
    ///   - current: the window's figures; `previous`: the activity of the window before, and
    ///     `lastYear` of the same window a year earlier, for comparison (the business table needs
    ///     neither: its start-of-period column is the comparison).
    ///   - date: the report's date (the day it is issued).
    ///   - number: the document's number in the issuer's register; nil prints "…".
    ///   - scope: the subset the figures were computed for (``ReportScope``): it names the subject,
    ///     limits the business table to its districts and keeps only its topics' sections.
    public static func make(
        title: String, current: (PeriodicFigures, ActivityFigures), previous activityBefore: ActivityFigures,
        lastYear: ActivityFigures, trend: [PeriodicReportCharts.TrendPoint] = [],
        rules: ProvinceRules, date: CivilDate, scope: ReportScope = .province, issuer: Issuer = Issuer(), number: Int? = nil
    ) -> OfficialDocument {
        let (figures, activity) = current
        let periods = [activity, activityBefore, lastYear]
        let window = "từ ngày \(VietnameseFormat.day(figures.window.from.description)) đến ngày \(VietnameseFormat.day(figures.window.to.description))"
        let shown = scope.restricting(rules)
        // Tables and charts are numbered in the order they appear, whichever topics the scope keeps.
        var numbers = CaptionNumbers()
        var sections: [DocumentSection] = []
        if scope.includes(.businesses) {
            sections.append(DocumentSection(title: "Tình hình quản lý các điểm cung cấp dịch vụ Internet", blocks: [
                .paragraph("Số liệu tính \(window) (ngày chốt số liệu theo Nghị định 09/2019/NĐ-CP)."),
                .table(businessTable(figures, rules: shown, caption: numbers.table("Điểm cung cấp dịch vụ Internet đang quản lý"))),
            ] + numbers.chart { PeriodicReportCharts.businessesByDistrict(figures, rules: shown, number: $0) }))
        }
        if scope.includes(.certificates) {
            sections.append(DocumentSection(title: "Cấp, gia hạn, đình chỉ, thu hồi giấy chứng nhận", blocks: [
                .table(comparison(numbers.table("Giấy chứng nhận"), periods, [
                    ("Cấp mới", { $0.certificates.issued }),
                    ("Gia hạn", { $0.certificates.extended }),
                    ("Tạm đình chỉ", { $0.certificates.suspended }),
                    ("Thu hồi", { $0.certificates.revoked }),
                    ("Hết hiệu lực", { $0.certificates.expired }),
                ])),
            ]))
        }
        if scope.includes(.inspections) || scope.includes(.violations) {
            var blocks: [DocumentBlock] = []
            if scope.includes(.inspections) {
                blocks.append(.table(comparison(numbers.table("Kiểm tra"), periods, [
                    ("Kiểm tra định kỳ", { $0.inspections.periodic }),
                    ("Kiểm tra đột xuất", { $0.inspections.unannounced }),
                    ("Số điểm được kiểm tra", { $0.inspections.businesses }),
                    ("Lượt kiểm tra phát hiện vi phạm", { $0.inspections.violationsFound }),
                ])))
            }
            if scope.includes(.violations) {
                blocks.append(.table(violationTable(figures, rules: rules, caption: numbers.table("Vi phạm và xử phạt theo địa bàn và hành vi"))))
                blocks += numbers.chart { PeriodicReportCharts.violationsByDistrict(figures, rules: shown, number: $0) }
            }
            sections.append(DocumentSection(title: "Kiểm tra, xử lý vi phạm", blocks: blocks))
        }
        if scope.includes(.complaints) {
            sections.append(DocumentSection(title: "Tiếp nhận, giải quyết khiếu nại, tố cáo", blocks: [
                .table(ReportTable(caption: numbers.table("Khiếu nại, tố cáo"),
                                   header: ["Loại", "Tiếp nhận", "Thụ lý", "Không thụ lý", "Đã giải quyết", "Đúng hạn", "Trễ hạn"],
                                   rows: [
                                       ["Khiếu nại"] + casesRow(activity.complaints),
                                       ["Tố cáo"] + casesRow(activity.denunciations),
                                   ], numericColumns: [1, 2, 3, 4, 5, 6])),
            ] + numbers.chart { PeriodicReportCharts.caseCompliance(activity, number: $0) }))
        }
        if scope.includes(.security) {
            sections.append(DocumentSection(title: "An toàn thông tin, phòng cháy chữa cháy, trò chơi điện tử có hại", blocks: [
                .table(comparison(numbers.table("Sự cố, kiểm tra phòng cháy chữa cháy, trò chơi bị phát hiện"), periods, [
                    ("Sự cố an toàn thông tin", { $0.incidents.values.reduce(0, +) }),
                    ("Kiểm tra PCCC đạt", { $0.fireSafetyChecks["passed"] ?? 0 }),
                    ("Kiểm tra PCCC không đạt", { $0.fireSafetyChecks["failed"] ?? 0 }),
                    ("Trò chơi điện tử có nội dung có hại bị phát hiện", { $0.gamesFlagged }),
                ])),
            ]))
        }
        if scope.includes(.outreach) {
            sections.append(outreachSection(periods, caption: numbers.table("Tuyên truyền, phổ biến và đào tạo")))
        }
        if scope.includes(.inspections) || scope.includes(.complaints) || scope.includes(.security) {
            let chart = numbers.chart { PeriodicReportCharts.trend(trend, number: $0) }
            if !chart.isEmpty {
                sections.append(DocumentSection(title: "Diễn biến qua các kỳ", blocks: [
                    .paragraph("Số liệu của \(trend.count) kỳ gần nhất, kỳ báo cáo này là kỳ cuối cùng, tính theo cùng cách như các bảng trên."),
                ] + chart))
            }
        }
        return OfficialDocument(
            superiorBody: issuer.superiorBody, issuingBody: issuer.issuingBody, number: number, symbol: issuer.symbol,
            place: issuer.place, date: date, kind: "BÁO CÁO", subject: scope.subject(title: title, rules: rules), sections: sections,
            signature: issuer.signature, recipients: issuer.recipients, archivedAt: issuer.archivedAt)
    }

    /// The numbers of a document's tables ("Bảng 3. …") and charts ("Biểu đồ 2. …"), in the
    /// order they are placed; a chart with nothing to draw takes no number.
    struct CaptionNumbers {
        private(set) var tables = 0, charts = 0

        /// "Bảng n. `title`", n the next table number.
        mutating func table(_ title: String) -> String {
            tables += 1
            return "Bảng \(tables). \(title)"
        }

        /// The chart `make` draws with the next chart number, as a block; none (and the number
        /// kept for the next chart) when it has nothing to draw.
        mutating func chart(_ make: (Int) -> ReportChart?) -> [DocumentBlock] {
            guard let chart = make(charts + 1) else { return [] }
            charts += 1
            return [.chart(chart)]
        }
    }

    /// Businesses under management: one row per district, columns start / new / closed / end,
    /// all kinds together, and a total row.
    static func businessTable(_ figures: PeriodicFigures, rules: ProvinceRules, caption: String) -> ReportTable {
        var total = [0, 0, 0, 0]
        let rows = rules.districts.map { district -> [String] in
            let m = figures.businesses.filter { $0.district == district.id.rawValue }
            let values = [m.map(\.atStart).reduce(0, +), m.map(\.registered).reduce(0, +), m.map(\.closed).reduce(0, +), m.map(\.atEnd).reduce(0, +)]
            for i in 0..<4 { total[i] += values[i] }
            return [district.name] + values.map(VietnameseFormat.amount)
        }
        return ReportTable(caption: caption,
                           header: ["Địa bàn", "Đầu kỳ", "Đăng ký mới", "Ngừng hoạt động", "Cuối kỳ"],
                           rows: rows, numericColumns: [1, 2, 3, 4], total: ["Tổng cộng"] + total.map(VietnameseFormat.amount))
    }

    static func violationTable(_ figures: PeriodicFigures, rules: ProvinceRules, caption: String) -> ReportTable {
        let names = Dictionary(uniqueKeysWithValues: rules.districts.map { ($0.id.rawValue, $0.name) })
        let titles = Dictionary(uniqueKeysWithValues: rules.violationCategories.map { ($0.code, $0.title) })
        let rows = figures.violations.map { v in
            [names[v.district] ?? v.district, titles[v.category] ?? v.category,
             VietnameseFormat.amount(v.found), VietnameseFormat.amount(v.sanctioned), VietnameseFormat.amount(v.finesVND),
             VietnameseFormat.amount(v.collectedVND)]
        }
        let total = ["Tổng cộng", "", VietnameseFormat.amount(figures.violations.map(\.found).reduce(0, +)),
                     VietnameseFormat.amount(figures.violations.map(\.sanctioned).reduce(0, +)),
                     VietnameseFormat.amount(figures.violations.map(\.finesVND).reduce(0, +)),
                     VietnameseFormat.amount(figures.violations.map(\.collectedVND).reduce(0, +))]
        return ReportTable(caption: caption,
                           header: ["Địa bàn", "Hành vi vi phạm", "Phát hiện", "Xử phạt", "Tiền phạt (đồng)", "Đã thu (đồng)"],
                           rows: rows, numericColumns: [2, 3, 4, 5], total: total)
    }

    /// This period, the one before and the change, the same period a year earlier and the change.
    /// `periods` are this, before and last year's figures; each line reads one figure from them.
    static func comparison(_ caption: String, _ periods: [ActivityFigures], _ lines: [(String, (ActivityFigures) -> Int)]) -> ReportTable {
        ReportTable(caption: caption, header: ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm", "Cùng kỳ năm trước", "Tăng/giảm"],
                    rows: lines.map { name, figure in
                        let (now, before, lastYear) = (figure(periods[0]), figure(periods[1]), figure(periods[2]))
                        return [name, VietnameseFormat.amount(now), VietnameseFormat.amount(before), signed(now - before),
                                VietnameseFormat.amount(lastYear), signed(now - lastYear)]
                    }, numericColumns: [1, 2, 3, 4, 5])
    }

    static func casesRow(_ cases: ActivityFigures.Cases) -> [String] {
        [cases.received, cases.accepted, cases.refused, cases.resolved, cases.resolvedOnTime, cases.resolvedLate].map(VietnameseFormat.amount)
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+" + VietnameseFormat.amount(n) : n < 0 ? "−" + VietnameseFormat.amount(-n) : "0" }
}


import PhoiHopProtocol

/// An official administrative document as Decree 30/2020/NĐ-CP (Art. 8, Appendix I) lays it out:
/// the issuing body under its superior body, the number and symbol, the place and date, the kind
/// ("BÁO CÁO") and its subject, numbered sections, the signature block and "Nơi nhận:".
///
/// A plain value: it holds the text an officer reads (in Vietnamese) and nothing else. The
/// renderers (``renderHTML()``, ``renderMarkdown()``) are pure and deterministic — the same
/// document always renders to byte-identical output.
public struct OfficialDocument: Codable, Sendable, Equatable {
    /// The body the issuer answers to, upper case, e.g. "UBND TỈNH LONG AN"; nil when there is none.
    public var superiorBody: String?
    /// The issuing body, upper case, e.g. "SỞ THÔNG TIN VÀ TRUYỀN THÔNG".
    public var issuingBody: String
    /// The document number; nil leaves "…" for the clerk to fill in by hand when it is registered.
    public var number: Int?
    /// The symbol after the slash, e.g. "BC-STTTT".
    public var symbol: String
    /// The place written before the date, e.g. "Tân An".
    public var place: String
    /// The date the document is signed.
    public var date: CivilDate
    /// The kind of document, upper case, e.g. "BÁO CÁO".
    public var kind: String
    /// The summary of the content under the kind, e.g. "Tình hình quản lý dịch vụ Internet quý IV năm 2026".
    public var subject: String
    /// The body of the document; numbered "I.", "II.", … in order.
    public var sections: [DocumentSection]
    /// Who signs, and in what capacity.
    public var signature: SignatureBlock
    /// The recipients, one per "Nơi nhận:" line, without the dash and the semicolon, e.g. "UBND tỉnh".
    public var recipients: [String]
    /// The archive codes on the last "Nơi nhận:" line, e.g. ["VT", "TTBCXB"] → "- Lưu: VT, TTBCXB.".
    public var archivedAt: [String]

    /// Every table of the document in the order it prints them (sections, then their
    /// subsections): the numbering of the CSV files `bang-1.csv`, `bang-2.csv` … wherever the
    /// tables are exported.
    public var tables: [ReportTable] {
        sections.flatMap { $0.blocks + $0.subsections.flatMap(\.blocks) }.compactMap { block in
            if case let .table(table) = block { table } else { nil }
        }
    }

    /// A document with every element given; `archivedAt` defaults to the clerical office "VT".
    public init(
        superiorBody: String?, issuingBody: String, number: Int?, symbol: String,
        place: String, date: CivilDate, kind: String, subject: String,
        sections: [DocumentSection], signature: SignatureBlock,
        recipients: [String], archivedAt: [String] = ["VT"]
    ) {
        self.superiorBody = superiorBody
        self.issuingBody = issuingBody
        self.number = number
        self.symbol = symbol
        self.place = place
        self.date = date
        self.kind = kind
        self.subject = subject
        self.sections = sections
        self.signature = signature
        self.recipients = recipients
        self.archivedAt = archivedAt
    }

    /// "Số: 12/BC-STTTT", or "Số: …/BC-STTTT" while the number is not yet given.
    public var numberLine: String {
        "Số: " + (number.map(String.init) ?? "…") + "/" + symbol
    }

    /// "Tân An, ngày 05 tháng 01 năm 2027" (Decree 30/2020 Appendix I; see ``CivilDate/administrativeText``).
    public var placeAndDateLine: String {
        place + ", " + date.administrativeText
    }

    /// The "Nơi nhận:" lines after the heading: "- UBND tỉnh;" for each recipient, then "- Lưu: VT, ….".
    public var recipientLines: [String] {
        recipients.map { "- " + $0 + ";" }
            + (archivedAt.isEmpty ? [] : ["- Lưu: " + archivedAt.joined(separator: ", ") + "."])
    }

    /// The heading of section `index` (0-based): "I. Title", "II. Title", …
    public static func sectionHeading(_ index: Int, _ title: String) -> String {
        RomanNumeral.text(index + 1) + ". " + title
    }

    /// The heading of subsection `index` (0-based): "1. Title", "2. Title", …
    public static func subsectionHeading(_ index: Int, _ title: String) -> String {
        "\(index + 1). " + title
    }
}

/// The national motto lines every document carries (Decree 30/2020 Art. 8).
public enum NationalMotto {
    /// Quốc hiệu.
    public static let country = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    /// Tiêu ngữ.
    public static let motto = "Độc lập - Tự do - Hạnh phúc"
}

/// Upper-case Roman numerals for section numbers.
enum RomanNumeral {
    static func text(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = n
        var out = ""
        for (value, symbol) in table {
            while rest >= value { out += symbol; rest -= value }
        }
        return out
    }
}

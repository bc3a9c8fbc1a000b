import Foundation
public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopReports

/// An agency's answer to a report request as its own official document (Decree 30/2020): issued
/// by that agency under "UBND TỈNH <province>", kind "BÁO CÁO", the request's subject, an opening
/// paragraph naming the request and the period, one numbered section per topic of its figures
/// (``AgencyAnswerSection``), and its note. Same answer → byte-identical document.
public enum AgencyReportDocument {
    /// The document for `agency`'s answer to `request`.
    ///
    /// - Parameters:
    ///   - figures: the figures answered (or proposed, before answering), in the order assembled.
    ///   - date: the day the answer is (or was) sent.
    public static func make(request: ReportRequestRecord, agency: AgencyUnit, figures: [ReportFigure], note: String?,
                            rules: ProvinceRules, date: CivilDate) -> OfficialDocument {
        let issuer = PeriodicReportDocument.Issuer.agency(agency, rules: rules)
        let hubName = rules.agency(.hub)?.name ?? "Sở Thông tin và Truyền thông"
        let opening = DocumentBlock.paragraph(
            "Thực hiện yêu cầu báo cáo \(request.requestID) ngày \(request.requestedOn.vietnameseText) của \(hubName), "
                + "\(agency.name) báo cáo số liệu từ ngày \(request.periodFrom.vietnameseText) đến ngày \(request.periodTo.vietnameseText), "
                + "tổng hợp từ dữ liệu của đơn vị, như sau:")
        var tableNumber = 1
        var sections = AgencyAnswerSection.tables(figures, tableNumber: &tableNumber).map { title, table in
            DocumentSection(title: title, blocks: [.table(table)])
        }
        if sections.isEmpty { sections = [DocumentSection(title: "Số liệu", blocks: [.paragraph("Đơn vị không nêu số liệu.")])] }
        sections[0].blocks.insert(opening, at: 0)
        if let note, !note.isEmpty { sections.append(DocumentSection(title: "Ghi chú, kiến nghị", blocks: [.paragraph(note)])) }
        return OfficialDocument(
            superiorBody: issuer.superiorBody, issuingBody: issuer.issuingBody, number: nil, symbol: issuer.symbol,
            place: issuer.place, date: date, kind: "BÁO CÁO", subject: request.subject, sections: sections,
            signature: issuer.signature, recipients: issuer.recipients)
    }
}

extension PeriodicReportDocument.Issuer {
    /// How `agency` heads its own report (Decree 30/2020 Art. 8, Appendix I), from the province
    /// file: the superior body "UBND TỈNH LONG AN"; the issuing body in upper case ("UBND HUYỆN
    /// BẾN LỨC" for a district, "SỞ TÀI CHÍNH" for a department, without a parenthesised unit);
    /// the symbol "BC-UBND" for a district, else "BC-" and the initials of its name ("BC-STC");
    /// the place: the district's own name without "Huyện"/"Thị xã"/"Thành phố", else the
    /// province's seat; the head's signature; the hub as recipient. The hub gets the defaults.
    public static func agency(_ agency: AgencyUnit, rules: ProvinceRules) -> Self {
        var issuer = Self()
        guard agency.role != .hub else { return issuer }
        let name = agency.name.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? agency.name
        issuer.superiorBody = "UBND TỈNH " + rules.province.uppercased()
        issuer.recipients = ["\(rules.agency(.hub)?.name ?? "Sở Thông tin và Truyền thông") (để tổng hợp)"]
        switch agency.role {
        case .district:
            issuer.issuingBody = "UBND " + name.uppercased()
            issuer.symbol = "BC-UBND"
            issuer.place = ["Thành phố ", "Thị xã ", "Huyện ", "Quận "].first { name.hasPrefix($0) }.map { String(name.dropFirst($0.count)) } ?? name
            issuer.signature = SignatureBlock(capacity: "TM. ỦY BAN NHÂN DÂN", position: "CHỦ TỊCH", name: "")
        case .tinhDoan:
            issuer.issuingBody = name.uppercased()
            issuer.symbol = "BC-" + initials(name)
            issuer.place = rules.seat
            issuer.signature = SignatureBlock(capacity: "TM. BAN THƯỜNG VỤ", position: "BÍ THƯ", name: "")
        default:
            issuer.issuingBody = name.uppercased()
            issuer.symbol = "BC-" + initials(name)
            issuer.place = rules.seat
            issuer.signature = SignatureBlock(position: "GIÁM ĐỐC", name: "")
        }
        return issuer
    }

    /// "Sở Tài chính" → "STC", "Sở Kế hoạch và Đầu tư" → "SKHĐT": each word's first letter in upper
    /// case without its tone or vowel marks (Đ stays Đ), "và" left out — as agencies abbreviate
    /// themselves in document symbols.
    static func initials(_ name: String) -> String {
        name.split(whereSeparator: { $0 == " " || $0 == "," }).filter { $0 != "và" }.compactMap(\.first).map { letter in
            let upper = String(letter).uppercased()
            return upper == "Đ" ? upper : upper.folding(options: .diacriticInsensitive, locale: nil)
        }.joined()
    }
}

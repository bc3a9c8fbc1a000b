/// A numbered part of the document's content ("I.", "II." …): its own blocks, then its
/// subsections ("1.", "2." …).
public struct DocumentSection: Codable, Sendable, Equatable {
    /// The heading without its number, e.g. "TÌNH HÌNH CHUNG".
    public var title: String
    /// Paragraphs, tables and charts before the first subsection, in order.
    public var blocks: [DocumentBlock]
    /// The numbered subsections, in order.
    public var subsections: [DocumentSubsection]

    /// A section; its number comes from its position in ``OfficialDocument/sections``.
    public init(title: String, blocks: [DocumentBlock] = [], subsections: [DocumentSubsection] = []) {
        self.title = title
        self.blocks = blocks
        self.subsections = subsections
    }
}

/// A numbered subsection ("1.", "2." …) of a ``DocumentSection``.
public struct DocumentSubsection: Codable, Sendable, Equatable {
    /// The heading without its number.
    public var title: String
    /// Paragraphs, tables and charts, in order.
    public var blocks: [DocumentBlock]

    /// A subsection; its number comes from its position in ``DocumentSection/subsections``.
    public init(title: String, blocks: [DocumentBlock] = []) {
        self.title = title
        self.blocks = blocks
    }
}

/// One piece of content, rendered in the order given.
public enum DocumentBlock: Codable, Sendable, Equatable {
    /// A paragraph of plain text (escaped on output; no markup is interpreted).
    case paragraph(String)
    /// A table of figures.
    case table(ReportTable)
    /// A chart drawn elsewhere, embedded as it is.
    case chart(ReportChart)
}

/// A chart as an SVG payload and its caption. The SVG comes from the chart generator of this
/// module and is embedded in HTML as it is (not escaped) — never put text from outside in it
/// without escaping it there. Markdown shows the caption and a note instead.
public struct ReportChart: Codable, Sendable, Equatable {
    /// The caption under the figure, e.g. "Biểu đồ 1. Số đại lý Internet theo huyện".
    public var caption: String
    /// A complete `<svg>…</svg>` element.
    public var svg: String

    /// A chart with its caption.
    public init(caption: String, svg: String) {
        self.caption = caption
        self.svg = svg
    }
}

/// The signature block (Decree 30/2020 Art. 8 and Appendix I): the capacity, the position, the
/// signature mark and the name, centred in the right half under the content.
public struct SignatureBlock: Codable, Sendable, Equatable {
    /// "KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN" … above the position; nil when the head signs.
    public var capacity: String?
    /// The signer's position, upper case, e.g. "GIÁM ĐỐC" or "PHÓ GIÁM ĐỐC".
    public var position: String
    /// The signer's full name, e.g. "Nguyễn Văn A".
    public var name: String
    /// Whether to print "(Đã ký)" in the space for the signature (a copy of a signed original).
    public var signed: Bool

    /// A signature block.
    public init(capacity: String? = nil, position: String, name: String, signed: Bool = false) {
        self.capacity = capacity
        self.position = position
        self.name = name
        self.signed = signed
    }
}

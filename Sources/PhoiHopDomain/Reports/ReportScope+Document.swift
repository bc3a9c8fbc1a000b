public import PhoiHopConfig
public import PhoiHopReports

/// How a scope shapes the report's document: which sections and tables appear, which districts
/// the business table lists, and the tables' numbers once some are left out.
extension ReportScope {
    /// `section` when one of `topics` is in the scope and it has something to show, else nil.
    public func section(_ topics: [ReportTopic], _ section: DocumentSection) -> DocumentSection? {
        guard topics.contains(where: includes), !section.blocks.isEmpty || !section.subsections.isEmpty else { return nil }
        return section
    }

    /// The blocks of the topics in the scope, in their order.
    public func blocks(_ tagged: [(ReportTopic, DocumentBlock)]) -> [DocumentBlock] {
        tagged.filter { includes($0.0) }.map(\.1)
    }

    /// The rules with only the scope's districts, for the tables and charts that list districts.
    public func restricting(_ rules: ProvinceRules) -> ProvinceRules {
        var restricted = rules
        restricted.districts = districts(rules)
        return restricted
    }

    /// The sections with their tables numbered 1, 2, … in order ("Bảng 1. …") when topics left
    /// some out; untouched otherwise, so the full report keeps its fixed numbers.
    public func numbering(_ sections: [DocumentSection]) -> [DocumentSection] {
        guard topics != nil else { return sections }
        var next = 0
        func renumber(_ blocks: [DocumentBlock]) -> [DocumentBlock] {
            blocks.map { block in
                guard case var .table(table) = block, table.caption.hasPrefix("Bảng "),
                      let dot = table.caption.firstIndex(of: "."),
                      Int(table.caption[table.caption.index(table.caption.startIndex, offsetBy: 5)..<dot]) != nil
                else { return block }
                next += 1
                table.caption = "Bảng \(next)" + table.caption[dot...]
                return .table(table)
            }
        }
        return sections.map { section in
            var section = section
            section.blocks = renumber(section.blocks)
            section.subsections = section.subsections.map { sub in
                var sub = sub
                sub.blocks = renumber(sub.blocks)
                return sub
            }
            return section
        }
    }
}

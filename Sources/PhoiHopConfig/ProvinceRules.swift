public import PhoiHopProtocol
import Yams

/// A district-level unit (UBND huyện, thị xã, thành phố) that runs a district daemon.
public struct DistrictUnit: Sendable, Equatable, Codable {
    public var id: AgencyID
    /// The full Vietnamese name, e.g. "Huyện Bến Lức".
    public var name: String
}

/// A violation category an officer may record, with its fine band and legal source.
public struct ViolationCategory: Sendable, Equatable, Codable {
    public var code: String
    public var title: String
    public var fineMin: Int
    public var fineMax: Int
    public var warningAllowed: Bool
    public var source: String
}

/// The legal facts of one province, loaded from data files that name their sources
/// (config/province/*.yaml, config/rules/*.yaml): a new decree changes a file, not the code.
public struct ProvinceRules: Sendable, Equatable {
    public var province: String
    /// Where the document "place, date" line is written (e.g. "Tân An").
    public var seat: String
    public var districtSource: String
    public var districts: [DistrictUnit]
    public var violationCategories: [ViolationCategory]

    public func district(_ id: AgencyID) -> DistrictUnit? { districts.first { $0.id == id } }
    public func violationCategory(_ code: String) -> ViolationCategory? { violationCategories.first { $0.code == code } }

    /// Loads the district list and the violation catalog.
    public static func load(provinceFile: String, violationCategoriesFile: String) throws(ConfigError) -> ProvinceRules {
        let doc = try YAMLDocument(file: provinceFile)
        try doc.checkKeys(doc.root, allowed: ["province", "seat", "source", "districts"], at: "")
        let province = try doc.requiredString(doc.root, "province", at: "")
        let seat = try doc.requiredString(doc.root, "seat", at: "")
        let source = try doc.requiredString(doc.root, "source", at: "")
        guard let items = try doc.sequence(doc.root, "districts", at: ""), !items.isEmpty else {
            throw doc.fail("districts", "is required and must list at least one district unit")
        }
        var districts: [DistrictUnit] = []
        for (index, item) in items.enumerated() {
            let path = "districts[\(index)]"
            guard let mapping = item.mapping else { throw doc.fail(path, "must be a mapping with id and name") }
            try doc.checkKeys(mapping, allowed: ["id", "name"], at: path)
            let idText = try doc.requiredString(mapping, "id", at: path)
            guard let id = AgencyID(rawValue: idText), idText.hasPrefix("district-") else {
                throw doc.fail("\(path).id", "'\(idText)' must be 'district-' followed by lower-case letters, digits and '-'")
            }
            guard !districts.contains(where: { $0.id == id }) else { throw doc.fail("\(path).id", "'\(idText)' is listed twice") }
            districts.append(DistrictUnit(id: id, name: try doc.requiredString(mapping, "name", at: path)))
        }

        let rules = try YAMLDocument(file: violationCategoriesFile)
        try rules.checkKeys(rules.root, allowed: ["categories"], at: "")
        guard let entries = try rules.sequence(rules.root, "categories", at: ""), !entries.isEmpty else {
            throw rules.fail("categories", "is required and must list at least one category")
        }
        var categories: [ViolationCategory] = []
        for (index, entry) in entries.enumerated() {
            let path = "categories[\(index)]"
            guard let m = entry.mapping else { throw rules.fail(path, "must be a mapping") }
            try rules.checkKeys(m, allowed: ["code", "title", "fineMin", "fineMax", "warningAllowed", "source"], at: path)
            let code = try rules.requiredString(m, "code", at: path)
            let min = try rules.int(m, "fineMin", at: path, range: 0...10_000_000_000) ?? 0
            let max = try rules.int(m, "fineMax", at: path, range: 0...10_000_000_000) ?? 0
            guard min <= max else { throw rules.fail("\(path).fineMax", "\(max) is below fineMin \(min)") }
            guard !categories.contains(where: { $0.code == code }) else { throw rules.fail("\(path).code", "'\(code)' is listed twice") }
            categories.append(ViolationCategory(
                code: code, title: try rules.requiredString(m, "title", at: path), fineMin: min, fineMax: max,
                warningAllowed: m["warningAllowed"]?.bool ?? false, source: try rules.requiredString(m, "source", at: path)))
        }
        return ProvinceRules(province: province, seat: seat, districtSource: source, districts: districts,
                             violationCategories: categories)
    }
}

public import PhoiHopProtocol
import Yams

/// A district-level unit (UBND huyện, thị xã, thành phố) that runs a district daemon.
public struct DistrictUnit: Sendable, Equatable, Codable {
    public var id: AgencyID
    /// The full Vietnamese name, e.g. "Huyện Bến Lức".
    public var name: String
    /// Vùng sâu, vùng xa / biên giới: the longer complaint limits apply (Luật Khiếu nại 2011, Điều 28, 37).
    public var remoteArea: Bool
}

/// An agency of the province with its role (Sở TT&TT, the departments, and the districts).
public struct AgencyUnit: Sendable, Equatable, Codable {
    public var id: AgencyID
    public var role: Role
    public var name: String

    public init(id: AgencyID, role: Role, name: String) { self.id = id; self.role = role; self.name = name }
}

/// A violation category an officer may record, with its fine band and legal source.
public struct ViolationCategory: Sendable, Equatable, Codable {
    public var code: String
    public var title: String
    public var fineMin: Int
    public var fineMax: Int
    public var warningAllowed: Bool
    /// The longest certificate suspension the category allows as an additional sanction (0: none).
    public var maxSuspensionMonths: Int
    /// Whether the category allows revoking the certificate as an additional sanction.
    public var revocationAllowed: Bool
    public var source: String
}

/// The legal facts of one province, loaded from data files that name their sources
/// (config/province/*.yaml, config/rules/*.yaml): a new decree changes a file, not the code.
public struct ProvinceRules: Sendable, Equatable, Codable {
    public var province: String
    /// Where the document "place, date" line is written (e.g. "Tân An").
    public var seat: String
    public var districtSource: String
    public var districts: [DistrictUnit]
    /// Sở TT&TT and the provincial departments (not the districts), from the province file.
    public var departments: [AgencyUnit]
    public var violationCategories: [ViolationCategory]
    public var holidays: HolidayTable
    public var deadlines: DeadlineRules
    public var certificates: CertificateRules
    public var reportPeriods: ReportPeriodRules

    public func district(_ id: AgencyID) -> DistrictUnit? { districts.first { $0.id == id } }
    public func violationCategory(_ code: String) -> ViolationCategory? { violationCategories.first { $0.code == code } }

    /// Every agency of the province: the departments, then the districts.
    public var agencies: [AgencyUnit] {
        departments + districts.map { AgencyUnit(id: $0.id, role: .district, name: $0.name) }
    }

    public func agency(_ id: AgencyID) -> AgencyUnit? {
        departments.first { $0.id == id } ?? district(id).map { AgencyUnit(id: $0.id, role: .district, name: $0.name) }
    }

    /// The agencies of `role`, in the order of ``agencies``. The hub's routing asks this for
    /// every act it relays, so it reads the two lists as they are instead of making ``agencies``.
    public func agencies(of role: Role) -> [AgencyID] {
        departments.compactMap { $0.role == role ? $0.id : nil } + (role == .district ? districts.map(\.id) : [])
    }

    /// The file names under the rules directory.
    public static let ruleFiles = [
        "violation-categories.yaml", "holidays.yaml", "deadlines.yaml", "certificates.yaml", "report-periods.yaml",
    ]

    /// Loads the province file and every legal table of `rulesDirectory`.
    public static func load(provinceFile: String, rulesDirectory: String) throws(ConfigError) -> ProvinceRules {
        let doc = try YAMLDocument(file: provinceFile)
        try doc.checkKeys(doc.root, allowed: ["province", "seat", "source", "departments", "districts"], at: "")
        let province = try doc.requiredString(doc.root, "province", at: "")
        let seat = try doc.requiredString(doc.root, "seat", at: "")
        let source = try doc.requiredString(doc.root, "source", at: "")
        var districts: [DistrictUnit] = []
        for (mapping, path) in try doc.mappings(doc.root, "districts", at: "") {
            try doc.checkKeys(mapping, allowed: ["id", "name", "remoteArea"], at: path)
            let idText = try doc.requiredString(mapping, "id", at: path)
            guard let id = AgencyID(rawValue: idText), idText.hasPrefix("district-") else {
                throw doc.fail("\(path).id", "'\(idText)' must be 'district-' followed by lower-case letters, digits and '-'")
            }
            guard !districts.contains(where: { $0.id == id }) else { throw doc.fail("\(path).id", "'\(idText)' is listed twice") }
            districts.append(DistrictUnit(id: id, name: try doc.requiredString(mapping, "name", at: path),
                                          remoteArea: try doc.bool(mapping, "remoteArea", at: path) ?? false))
        }
        guard !districts.isEmpty else { throw doc.fail("districts", "must list at least one district unit") }
        var departments: [AgencyUnit] = []
        for (mapping, path) in try doc.mappings(doc.root, "departments", at: "") {
            try doc.checkKeys(mapping, allowed: ["id", "role", "name"], at: path)
            let idText = try doc.requiredString(mapping, "id", at: path)
            guard let id = AgencyID(rawValue: idText), !idText.hasPrefix("district-") else {
                throw doc.fail("\(path).id", "'\(idText)' must be an agency id not starting with 'district-'")
            }
            let roleText = try doc.requiredString(mapping, "role", at: path)
            guard let role = Role(rawValue: roleText), role != .district else {
                throw doc.fail("\(path).role", "'\(roleText)' must be one of \(Role.allCases.filter { $0 != .district }.map(\.rawValue).joined(separator: ", "))")
            }
            guard role != .hub || id == .hub else { throw doc.fail("\(path).id", "the hub's id must be '\(AgencyID.hub)'") }
            guard !departments.contains(where: { $0.id == id }) else { throw doc.fail("\(path).id", "'\(idText)' is listed twice") }
            departments.append(AgencyUnit(id: id, role: role, name: try doc.requiredString(mapping, "name", at: path)))
        }
        guard departments.contains(where: { $0.role == .hub }) else { throw doc.fail("departments", "must list the hub (so-tttt, role hub)") }

        let directory = rulesDirectory.hasSuffix("/") ? rulesDirectory : rulesDirectory + "/"
        return ProvinceRules(
            province: province, seat: seat, districtSource: source, districts: districts, departments: departments,
            violationCategories: try loadViolationCategories(YAMLDocument(file: directory + "violation-categories.yaml")),
            holidays: try HolidayTable.load(YAMLDocument(file: directory + "holidays.yaml")),
            deadlines: try DeadlineRules.load(YAMLDocument(file: directory + "deadlines.yaml")),
            certificates: try CertificateRules.load(YAMLDocument(file: directory + "certificates.yaml")),
            reportPeriods: try ReportPeriodRules.load(YAMLDocument(file: directory + "report-periods.yaml")))
    }

    static func loadViolationCategories(_ rules: YAMLDocument) throws(ConfigError) -> [ViolationCategory] {
        try rules.checkKeys(rules.root, allowed: ["categories"], at: "")
        var categories: [ViolationCategory] = []
        for (m, path) in try rules.mappings(rules.root, "categories", at: "") {
            try rules.checkKeys(m, allowed: ["code", "title", "fineMin", "fineMax", "warningAllowed", "maxSuspensionMonths",
                                             "revocationAllowed", "source"], at: path)
            let code = try rules.requiredString(m, "code", at: path)
            let min = try rules.int(m, "fineMin", at: path, range: 0...10_000_000_000) ?? 0
            let max = try rules.int(m, "fineMax", at: path, range: 0...10_000_000_000) ?? 0
            guard min <= max else { throw rules.fail("\(path).fineMax", "\(max) is below fineMin \(min)") }
            guard !categories.contains(where: { $0.code == code }) else { throw rules.fail("\(path).code", "'\(code)' is listed twice") }
            categories.append(ViolationCategory(
                code: code, title: try rules.requiredString(m, "title", at: path), fineMin: min, fineMax: max,
                warningAllowed: try rules.bool(m, "warningAllowed", at: path) ?? false,
                maxSuspensionMonths: try rules.int(m, "maxSuspensionMonths", at: path, range: 0...24) ?? 0,
                revocationAllowed: try rules.bool(m, "revocationAllowed", at: path) ?? false,
                source: try rules.requiredString(m, "source", at: path)))
        }
        guard !categories.isEmpty else { throw rules.fail("categories", "must list at least one category") }
        return categories
    }
}

public import PhoiHopProtocol
import Yams

/// What the law says of one kind of certificate (config/rules/certificates.yaml).
public struct CertificateRule: Sendable, Equatable, Codable {
    public var kind: CertificateKind
    /// Nil: the certificate does not expire.
    public var validityYears: Int?
    public var maxExtensions: Int
    public var maxExtensionMonths: Int
    public var processingCounting: DayCounting
    /// Processing time limit per request kind, in days.
    public var processingDays: [CertificateRequest: Int]
    public var source: String
    public var verified: Bool

    /// The last day of validity of a certificate issued on `issuedOn`: the day before the
    /// anniversary `validityYears` later. A certificate issued on 29 February whose last year has
    /// none ends on 28 February, the last day of that month (Bộ luật Dân sự 2015, Điều 148).
    public func validUntil(issuedOn: CivilDate) -> CivilDate? {
        validityYears.map { years in
            var anniversary = issuedOn.adding(years: years)
            if issuedOn.month == 2, issuedOn.day == 29, anniversary.day == 28 { anniversary = anniversary.adding(days: 1) }
            return anniversary.adding(days: -1)
        }
    }
}

/// The certificate rules, one per kind.
public struct CertificateRules: Sendable, Equatable, Codable {
    public var kinds: [CertificateKind: CertificateRule]

    public func rule(_ kind: CertificateKind) -> CertificateRule? { kinds[kind] }

    static func load(_ doc: YAMLDocument) throws(ConfigError) -> CertificateRules {
        try doc.checkKeys(doc.root, allowed: ["kinds"], at: "")
        var kinds: [CertificateKind: CertificateRule] = [:]
        for (m, path) in try doc.mappings(doc.root, "kinds", at: "") {
            try doc.checkKeys(m, allowed: ["kind", "validityYears", "maxExtensions", "maxExtensionMonths", "processing", "source", "verified"], at: path)
            let kindText = try doc.requiredString(m, "kind", at: path)
            guard let kind = CertificateKind(rawValue: kindText) else {
                throw doc.fail("\(path).kind", "'\(kindText)' is not one of \(CertificateKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard kinds[kind] == nil else { throw doc.fail("\(path).kind", "'\(kindText)' is listed twice") }
            guard let processing = try doc.mapping(m, "processing", at: path) else {
                throw doc.fail("\(path).processing", "is required: {counting: working, new: 10, amend: 5, extend: 5, reissue: 5}")
            }
            try doc.checkKeys(processing, allowed: ["counting", "new", "amend", "extend", "reissue"], at: "\(path).processing")
            let countingText = try doc.requiredString(processing, "counting", at: "\(path).processing")
            guard let counting = DayCounting(rawValue: countingText) else {
                throw doc.fail("\(path).processing.counting", "'\(countingText)' must be calendar or working")
            }
            var days: [CertificateRequest: Int] = [:]
            for request in CertificateRequest.allCases {
                guard let value = try doc.int(processing, request.rawValue, at: "\(path).processing", range: 1...365) else {
                    throw doc.fail("\(path).processing.\(request.rawValue)", "is required (days)")
                }
                days[request] = value
            }
            kinds[kind] = CertificateRule(
                kind: kind, validityYears: try doc.int(m, "validityYears", at: path, range: 1...50),
                maxExtensions: try doc.int(m, "maxExtensions", at: path, range: 0...10) ?? 0,
                maxExtensionMonths: try doc.int(m, "maxExtensionMonths", at: path, range: 0...60) ?? 0,
                processingCounting: counting, processingDays: days, source: try doc.requiredString(m, "source", at: path),
                verified: try doc.bool(m, "verified", at: path) ?? true)
        }
        for kind in CertificateKind.allCases where kinds[kind] == nil { throw doc.fail("kinds", "must define '\(kind.rawValue)'") }
        return CertificateRules(kinds: kinds)
    }
}

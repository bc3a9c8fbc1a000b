/// # PhoiHopDomain
///
/// The rules of Decision 52/2009 that decide whether an officer's act may be recorded, and the
/// figures the console's reports compute. Reads the store through a `Database` it is handed; does
/// no I/O of its own, so it is tested against in-memory databases.
public import GRDB
public import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore

/// An act refused before it was recorded. Says what is wrong and, where it can, what to do.
public struct DomainError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Checks an act against the recording daemon's own state and the province's rules.
///
/// The recording daemon is where an officer can still correct an act, so the checks run there,
/// before anything is durable. The hub re-checks authority (role and district scope) on receipt.
public enum ActValidator {
    /// - Parameters:
    ///   - knownAgencies: the agencies that may take part in a plan (the hub's allow-list).
    public static func check(
        _ db: Database, body: MessageBody, by agency: AgencyID, role: Role, rules: ProvinceRules,
        knownAgencies: Set<AgencyID> = []
    ) throws -> Void {
        do { try body.value.validate() } catch { throw DomainError(error.description) }
        if let refusal = Authority.check(origin: agency, role: role, body: body) { throw DomainError(refusal.description) }
        if let problem = checkTables(body: body, rules: rules) { throw DomainError(problem) }
        switch body {
        case let .businessRegistered(b):
            if let existing = try ProvinceQueries.businessDistrict(db, businessID: b.businessID) {
                throw DomainError("business \(b.businessID) is already registered (district \(existing))")
            }
        case let .certificateIssued(c):
            guard let district = try ProvinceQueries.businessDistrict(db, businessID: c.businessID) else {
                throw DomainError("business \(c.businessID) is not in \(agency)'s registry; register it first (phoihop business register)")
            }
            guard district == c.district else {
                throw DomainError("business \(c.businessID) is registered in \(district), not \(c.district)")
            }
            if try ProvinceQueries.certificate(db, number: c.certificateNo) != nil {
                throw DomainError("certificate number \(c.certificateNo) is already used; numbers are never reused")
            }
        case let .certificateRevoked(r):
            guard let certificate = try ProvinceQueries.certificate(db, number: r.certificateNo) else {
                throw DomainError("certificate \(r.certificateNo) is unknown to \(agency); check the number")
            }
            if certificate.status == "revoked" {
                throw DomainError("certificate \(r.certificateNo) is already revoked (revoked \(certificate.revokedOn ?? "?") by \(certificate.revokedBy ?? "?"))")
            }
            guard certificate.district == r.district.rawValue else {
                throw DomainError("certificate \(r.certificateNo) was issued by \(certificate.district), not \(r.district)")
            }
        case let .inspectionPlanned(p):
            let unknown = p.participants.filter { !knownAgencies.contains($0) && $0 != agency }
            guard unknown.isEmpty else {
                throw DomainError("participants not on the bus: \(unknown.map(\.rawValue).joined(separator: ", "))")
            }
        case .inspectionRecorded, .incidentReported, .violationRecorded:
            break
        }
    }

    /// The checks against the province's legal tables, which the hub repeats on receipt: the
    /// district must be a unit of the province file, the violation category in the catalog.
    public static func checkTables(body: MessageBody, rules: ProvinceRules) -> String? {
        if let district = body.value.concernedDistrict, rules.district(district) == nil {
            return "'\(district)' is not a district unit of \(rules.province); see the province file"
        }
        if case let .violationRecorded(v) = body, rules.violationCategory(v.category) == nil {
            return "violation category '\(v.category)' is not in the catalog; known: \(rules.violationCategories.map(\.code).joined(separator: ", "))"
        }
        return nil
    }
}

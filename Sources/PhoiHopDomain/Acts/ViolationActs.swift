import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Violations and sanctions (Điều 4.4, 5.1, 10.2): recorded → sanctioned → followed up → closed.
//
// A violation found by Công an, Đội 814 or the hub is relayed to the business's district; every
// later act on it goes to the district and to the recorder, so both hold the whole file and
// either may carry it on (scope violation-handler).

extension ViolationRecorded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try ViolationRecords.violation(context.db, violationID) {
            throw DomainError("violation \(violationID) is already recorded (by \(existing.recordedBy)); choose another id")
        }
        guard let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) else {
            throw DomainError("business \(businessID) is not in \(context.agency)'s registry; check the id (a district registers its businesses first)")
        }
        guard registered == district else {
            throw DomainError("business \(businessID) is registered in \(registered), not \(district)")
        }
        guard let inspectionID else { return }
        // Findings of a plan travel to its lead only, so an agency may cite an inspection it never
        // received; it is checked where it is known, and the hub (which holds every inspection) checks always.
        guard let row = try Row.fetchOne(
            context.db, sql: "SELECT business_id, outcome FROM inspections WHERE inspection_id = ?", arguments: [inspectionID])
        else {
            if context.role == .hub {
                throw DomainError("inspection \(inspectionID) is not recorded; record the inspection first or leave inspectionID out")
            }
            return
        }
        let business: String = row["business_id"]
        let outcome: String = row["outcome"]
        guard business == businessID else {
            throw DomainError("inspection \(inspectionID) concerns business \(business), not \(businessID)")
        }
        guard outcome == InspectionOutcome.violationsFound.rawValue else {
            throw DomainError("inspection \(inspectionID) found the business \(outcome); only an inspection with outcome violations-found can ground a violation")
        }
    }

    /// The district of the business learns of every violation found there.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [district] }
}

extension SanctionDecided: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        guard violation.businessID == businessID, violation.district == district.rawValue else {
            throw DomainError("violation \(violationID) concerns \(violation.businessID) in \(violation.district), not \(businessID) in \(district)")
        }
        if let closed = violation.closedOn { throw DomainError("violation \(violationID) was closed on \(closed); it can no longer be sanctioned") }
        if let earlier = try Row.fetchOne(
            context.db, sql: "SELECT sanction_id, decision_no FROM sanctions WHERE violation_id = ?", arguments: [violationID]) {
            throw DomainError("violation \(violationID) already has sanction \(earlier["sanction_id"] as String) (decision \(earlier["decision_no"] as String)); one sanction per violation")
        }
        if try String.fetchOne(context.db, sql: "SELECT sanction_id FROM sanctions WHERE sanction_id = ?", arguments: [sanctionID]) != nil {
            throw DomainError("sanction \(sanctionID) is already recorded; choose another id")
        }
        guard decidedOn.description >= violation.observedOn else {
            throw DomainError("violation \(violationID) was observed on \(violation.observedOn); the decision cannot be dated \(decidedOn)")
        }
        guard let category = context.rules.violationCategory(violation.category) else {
            throw DomainError("violation \(violationID) has category \(violation.category), which is no longer in the catalog; see config/rules/violation-categories.yaml")
        }
        try SanctionBands.check(self, category)
        guard let certificateNo else { return }
        guard let certificate = try ProvinceQueries.certificate(context.db, number: certificateNo) else {
            throw DomainError("certificate \(certificateNo) is unknown to \(context.agency); check the number")
        }
        let holder = try String.fetchOne(context.db, sql: "SELECT business_id FROM certificates WHERE certificate_no = ?", arguments: [certificateNo])
        guard holder == businessID else {
            throw DomainError("certificate \(certificateNo) belongs to \(holder ?? "?"), not \(businessID)")
        }
        if certificate.status == "revoked" {
            throw DomainError("certificate \(certificateNo) is already revoked (revoked \(certificate.revokedOn ?? "?") by \(certificate.revokedBy ?? "?"))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, district) }
}

extension ViolationFollowedUp: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        if let closed = violation.closedOn { throw DomainError("violation \(violationID) was closed on \(closed); no follow-up after closure") }
        let sanctioned = try String.fetchOne(context.db, sql: "SELECT decided_on FROM sanctions WHERE violation_id = ?", arguments: [violationID])
        let earliest = sanctioned ?? violation.observedOn
        guard checkedOn.description >= earliest else {
            throw DomainError("a follow-up of \(violationID) must come after \(sanctioned == nil ? "the violation (\(earliest))" : "the sanction (\(earliest))"), not on \(checkedOn)")
        }
        if try Int.fetchOne(
            context.db, sql: "SELECT count(*) FROM violation_follow_ups WHERE violation_id = ? AND checked_on = ? AND checked_by = ?",
            arguments: [violationID, checkedOn.description, context.agency.rawValue]) ?? 0 > 0 {
            throw DomainError("\(context.agency) already recorded a follow-up of \(violationID) on \(checkedOn)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, nil) }
}

extension ViolationClosed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        if let closed = violation.closedOn { throw DomainError("violation \(violationID) was already closed on \(closed)") }
        let lastStep = try String.fetchOne(context.db, sql: """
            SELECT max(d) FROM (SELECT decided_on AS d FROM sanctions WHERE violation_id = ?1
                                UNION ALL SELECT checked_on FROM violation_follow_ups WHERE violation_id = ?1)
            """, arguments: [violationID])
        guard let lastStep else {
            throw DomainError("violation \(violationID) has neither a sanction nor a follow-up; record the sanction decision "
                + "(phoihop violation sanction) or a follow-up check (phoihop violation follow-up) before closing it")
        }
        guard closedOn.description >= lastStep else {
            throw DomainError("the last step on \(violationID) is dated \(lastStep); it cannot be closed on \(closedOn)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, nil) }
}

/// The fine band and additional measures of a violation category (Decree 15/2020, Art. 35, as data).
enum SanctionBands {
    static func check(_ sanction: SanctionDecided, _ category: ViolationCategory) throws {
        let band = "\(category.fineMin.vndGrouped)–\(category.fineMax.vndGrouped) VND (\(category.source))"
        switch sanction.penalty {
        case .warning:
            guard category.warningAllowed else {
                throw DomainError("category \(category.code) allows no warning; impose a fine of \(band)")
            }
        case .fine:
            let fine = sanction.fineVND ?? 0
            guard fine >= Int64(category.fineMin), fine <= Int64(category.fineMax) else {
                throw DomainError("a fine of \(Int(fine).vndGrouped) VND is outside the band of category \(category.code): \(band)")
            }
        }
        if let months = sanction.suspensionMonths, months > category.maxSuspensionMonths {
            throw DomainError(category.maxSuspensionMonths == 0
                ? "category \(category.code) allows no suspension of the certificate (\(category.source))"
                : "category \(category.code) allows a suspension of at most \(category.maxSuspensionMonths) months, not \(months) (\(category.source))")
        }
        if sanction.revokeCertificate, !category.revocationAllowed {
            throw DomainError("category \(category.code) does not allow revoking the certificate (\(category.source))")
        }
    }
}

/// A violation as a daemon holds it.
struct StoredViolation {
    var violationID: String
    var businessID: String
    var district: String
    var category: String
    var observedOn: String
    var recordedBy: String
    var closedOn: String?
}

enum ViolationRecords {
    static func violation(_ db: Database, _ violationID: String) throws -> StoredViolation? {
        try Row.fetchOne(db, sql: "SELECT * FROM violations WHERE violation_id = ?", arguments: [violationID]).map { row in
            StoredViolation(violationID: row["violation_id"], businessID: row["business_id"], district: row["district"],
                            category: row["category"], observedOn: row["observed_on"], recordedBy: row["recorded_by"],
                            closedOn: row["closed_on"])
        }
    }

    /// The violation, if the sender may handle it: it recorded it or it is its district.
    static func requireHandler(_ context: ActContext, _ violationID: String, _ type: MessageType) throws -> StoredViolation {
        guard let violation = try violation(context.db, violationID) else {
            throw DomainError("violation \(violationID) is not in \(context.agency)'s records; check the id")
        }
        guard violation.recordedBy == context.agency.rawValue || violation.district == context.agency.rawValue else {
            throw DomainError(rule: context.rule(type),
                              "violation \(violationID) was recorded by \(violation.recordedBy) in \(violation.district); only they handle it")
        }
        return violation
    }

    /// The district of the violation and its recorder.
    static func handlers(_ context: RoutingContext, _ violationID: String, _ district: AgencyID?) throws -> [AgencyID] {
        guard let violation = try violation(context.db, violationID) else { return district.map { [$0] } ?? [] }
        return [AgencyID(rawValue: violation.district), AgencyID(rawValue: violation.recordedBy)].compactMap { $0 }
    }
}

extension Int {
    /// "5.000.000": the Vietnamese thousands separator, for messages officers read.
    var vndGrouped: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}

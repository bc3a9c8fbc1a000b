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
            throw DomainError("vi phạm \(violationID) đã được ghi nhận (bởi \(existing.recordedBy)); hãy chọn mã khác")
        }
        guard let registered = try ProvinceQueries.businessDistrict(context.db, businessID: businessID) else {
            throw DomainError("điểm kinh doanh \(businessID) không có trong sổ đăng ký của \(context.agency); kiểm tra lại mã (huyện phải đăng ký điểm kinh doanh trước)")
        }
        guard registered == district else {
            throw DomainError("điểm kinh doanh \(businessID) đăng ký tại \(registered), không phải \(district)")
        }
        guard let inspectionID else { return }
        // Findings of a plan travel to its lead only, so an agency may cite an inspection it never
        // received; it is checked where it is known, and the hub (which holds every inspection) checks always.
        guard let row = try Row.fetchOne(
            context.db, sql: "SELECT business_id, outcome FROM inspections WHERE inspection_id = ?", arguments: [inspectionID])
        else {
            if context.role == .hub {
                throw DomainError("lượt kiểm tra \(inspectionID) chưa được ghi; hãy ghi kết quả kiểm tra trước, hoặc bỏ --inspection")
            }
            return
        }
        let business: String = row["business_id"]
        let outcome: String = row["outcome"]
        guard business == businessID else {
            throw DomainError("lượt kiểm tra \(inspectionID) là của điểm kinh doanh \(business), không phải \(businessID)")
        }
        guard outcome == InspectionOutcome.violationsFound.rawValue else {
            throw DomainError("lượt kiểm tra \(inspectionID) có kết quả \(outcome) (\(InspectionOutcome(rawValue: outcome)?.vietnameseName.lowercased() ?? outcome)); chỉ lượt kiểm tra có kết quả violations-found mới làm căn cứ ghi nhận vi phạm")
        }
    }

    /// The district of the business learns of every violation found there.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [district] }
}

extension SanctionDecided: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        guard violation.businessID == businessID, violation.district == district.rawValue else {
            throw DomainError("vi phạm \(violationID) là của \(violation.businessID) tại \(violation.district), không phải \(businessID) tại \(district)")
        }
        if let closed = violation.closedOn { throw DomainError("hồ sơ vi phạm \(violationID) đã kết thúc ngày \(VietnameseFormat.day(closed)); không thể ra quyết định xử phạt nữa") }
        if let earlier = try Row.fetchOne(
            context.db, sql: "SELECT sanction_id, decision_no FROM sanctions WHERE violation_id = ?", arguments: [violationID]) {
            throw DomainError("vi phạm \(violationID) đã có quyết định xử phạt \(earlier["sanction_id"] as String) (số \(earlier["decision_no"] as String)); mỗi vi phạm chỉ có một quyết định xử phạt")
        }
        if try String.fetchOne(context.db, sql: "SELECT sanction_id FROM sanctions WHERE sanction_id = ?", arguments: [sanctionID]) != nil {
            throw DomainError("quyết định xử phạt \(sanctionID) đã được ghi; hãy chọn mã khác")
        }
        guard decidedOn.description >= violation.observedOn else {
            throw DomainError("vi phạm \(violationID) được phát hiện ngày \(VietnameseFormat.day(violation.observedOn)); quyết định xử phạt không thể đề ngày \(decidedOn.vietnameseText)")
        }
        guard let category = context.rules.violationCategory(violation.category) else {
            throw DomainError("vi phạm \(violationID) thuộc hành vi \(violation.category), mã này không còn trong danh mục; xem config/rules/violation-categories.yaml")
        }
        try SanctionBands.check(self, category)
        guard let certificateNo else { return }
        guard let certificate = try CertificateRecord.fetch(context.db, number: certificateNo) else {
            throw DomainError("\(context.agency) không có giấy chứng nhận \(certificateNo); kiểm tra lại số giấy chứng nhận")
        }
        guard certificate.businessID == businessID else {
            throw DomainError("giấy chứng nhận \(certificateNo) là của \(certificate.businessID), không phải của \(businessID)")
        }
        if certificate.revoked {
            throw DomainError("giấy chứng nhận \(certificateNo) đã bị thu hồi (ngày \(certificate.revokedOn?.vietnameseText ?? "?"), bởi \(certificate.revokedBy ?? "?"))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, district) }
}

extension ViolationFollowedUp: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        if let closed = violation.closedOn { throw DomainError("hồ sơ vi phạm \(violationID) đã kết thúc ngày \(VietnameseFormat.day(closed)); không ghi kiểm tra khắc phục sau khi kết thúc hồ sơ") }
        let sanctioned = try String.fetchOne(context.db, sql: "SELECT decided_on FROM sanctions WHERE violation_id = ?", arguments: [violationID])
        let earliest = sanctioned ?? violation.observedOn
        guard checkedOn.description >= earliest else {
            throw DomainError("kiểm tra khắc phục vi phạm \(violationID) phải sau \(sanctioned == nil ? "ngày phát hiện vi phạm (\(VietnameseFormat.day(earliest)))" : "ngày quyết định xử phạt (\(VietnameseFormat.day(earliest)))"), không phải ngày \(checkedOn.vietnameseText)")
        }
        if try Int.fetchOne(
            context.db, sql: "SELECT count(*) FROM violation_follow_ups WHERE violation_id = ? AND checked_on = ? AND checked_by = ?",
            arguments: [violationID, checkedOn.description, context.agency.rawValue]) ?? 0 > 0 {
            throw DomainError("\(context.agency) đã ghi kiểm tra khắc phục vi phạm \(violationID) ngày \(checkedOn.vietnameseText)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, nil) }
}

extension ViolationClosed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let violation = try ViolationRecords.requireHandler(context, violationID, Self.messageType)
        if let closed = violation.closedOn { throw DomainError("hồ sơ vi phạm \(violationID) đã kết thúc ngày \(VietnameseFormat.day(closed))") }
        let lastStep = try String.fetchOne(context.db, sql: """
            SELECT max(d) FROM (SELECT decided_on AS d FROM sanctions WHERE violation_id = ?1
                                UNION ALL SELECT checked_on FROM violation_follow_ups WHERE violation_id = ?1)
            """, arguments: [violationID])
        guard let lastStep else {
            throw DomainError("vi phạm \(violationID) chưa có quyết định xử phạt hay kiểm tra khắc phục; hãy ghi quyết định xử phạt "
                + "(phoihop violation sanction) hoặc kiểm tra khắc phục (phoihop violation follow-up) trước khi kết thúc hồ sơ")
        }
        guard closedOn.description >= lastStep else {
            throw DomainError("bước xử lý cuối cùng của vi phạm \(violationID) là ngày \(VietnameseFormat.day(lastStep)); không thể kết thúc hồ sơ ngày \(closedOn.vietnameseText)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ViolationRecords.handlers(context, violationID, nil) }
}

/// The fine band and additional measures of a violation category (Decree 15/2020, Art. 35, as data).
enum SanctionBands {
    static func check(_ sanction: SanctionDecided, _ category: ViolationCategory) throws {
        let band = "\(VietnameseFormat.amount(category.fineMin))–\(VietnameseFormat.amount(category.fineMax)) đ (\(category.source))"
        switch sanction.penalty {
        case .warning:
            guard category.warningAllowed else {
                throw DomainError("hành vi \(category.code) không được xử phạt cảnh cáo; hãy phạt tiền trong khung \(band)")
            }
        case .fine:
            let fine = sanction.fineVND ?? 0
            guard fine >= Int64(category.fineMin), fine <= Int64(category.fineMax) else {
                throw DomainError("số tiền phạt \(VietnameseFormat.amount(fine)) đ nằm ngoài khung tiền phạt của hành vi \(category.code): \(band)")
            }
        }
        if let months = sanction.suspensionMonths, months > category.maxSuspensionMonths {
            throw DomainError(category.maxSuspensionMonths == 0
                ? "hành vi \(category.code) không áp dụng đình chỉ giấy chứng nhận (\(category.source))"
                : "hành vi \(category.code) chỉ được đình chỉ giấy chứng nhận tối đa \(category.maxSuspensionMonths) tháng, không phải \(months) tháng (\(category.source))")
        }
        if sanction.revokeCertificate, !category.revocationAllowed {
            throw DomainError("hành vi \(category.code) không áp dụng thu hồi giấy chứng nhận (\(category.source))")
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
        try Row.fetchOne(db, cached: "SELECT * FROM violations WHERE violation_id = ?", arguments: [violationID]).map { row in
            StoredViolation(violationID: row["violation_id"], businessID: row["business_id"], district: row["district"],
                            category: row["category"], observedOn: row["observed_on"], recordedBy: row["recorded_by"],
                            closedOn: row["closed_on"])
        }
    }

    /// The violation, if the sender may handle it: it recorded it or it is its district.
    static func requireHandler(_ context: ActContext, _ violationID: String, _ type: MessageType) throws -> StoredViolation {
        guard let violation = try violation(context.db, violationID) else {
            throw DomainError("vi phạm \(violationID) không có trong hồ sơ của \(context.agency); kiểm tra lại mã")
        }
        guard violation.recordedBy == context.agency.rawValue || violation.district == context.agency.rawValue else {
            throw DomainError(rule: context.rule(type),
                              "vi phạm \(violationID) do \(violation.recordedBy) ghi nhận tại \(violation.district); chỉ đơn vị ghi nhận và huyện sở tại được xử lý")
        }
        return violation
    }

    /// The district of the violation and its recorder.
    static func handlers(_ context: RoutingContext, _ violationID: String, _ district: AgencyID?) throws -> [AgencyID] {
        guard let violation = try violation(context.db, violationID) else { return district.map { [$0] } ?? [] }
        return [AgencyID(rawValue: violation.district), AgencyID(rawValue: violation.recordedBy)].compactMap { $0 }
    }
}

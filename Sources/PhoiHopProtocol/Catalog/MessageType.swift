/// Every message type the bus carries. The raw value is the `type` string on the wire.
///
/// The catalog is the protocol's definition, so it lives in code: a type's schema version, its
/// body struct and (in ``Permissions``) the roles that may send it change only with a new
/// protocol release (docs/PROTOCOL.md). Legal facts — deadlines, violation categories,
/// districts, holidays — are data in `config/`, not here.
///
/// The types are grouped by the duty of Decision 52/2009 they carry; each group's bodies live in
/// one file of `Bodies/`.
public enum MessageType: String, Codable, Sendable, CaseIterable {
    // Registry of businesses (Điều 10.1) — Bodies/Registry.swift
    case businessRegistered = "business.registered"
    case businessChanged = "business.changed"
    case businessClosed = "business.closed"

    // Certificates (Điều 10.3, under KH-ĐT guidance, Điều 7) — Bodies/Certificates.swift
    case certificateApplied = "certificate.applied"
    case certificateIssued = "certificate.issued"
    case certificateExtended = "certificate.extended"
    case certificateSuspended = "certificate.suspended"
    case certificateRevoked = "certificate.revoked"

    // Guidance (Điều 7; Điều 2, 11.2) — Bodies/Guidance.swift
    case guidancePublished = "guidance.published"
    case guidanceAcknowledged = "guidance.acknowledged"

    // Inspections (Điều 3.3, 4.4, 5.1, 10.2) — Bodies/Inspections.swift
    case inspectionPlanned = "inspection.planned"
    case inspectionConfirmed = "inspection.confirmed"
    case inspectionRecorded = "inspection.recorded"
    case inspectionConcluded = "inspection.concluded"

    // Violations and sanctions (Điều 4.4, 5.1, 10.2) — Bodies/Violations.swift
    case violationRecorded = "violation.recorded"
    case sanctionDecided = "sanction.decided"
    case violationFollowedUp = "violation.followed-up"
    case violationClosed = "violation.closed"
    /// Bodies/FinePayments.swift
    case violationFinePaid = "violation.fine-paid"

    // Complaints and denunciations (Điều 3.6) — Bodies/Complaints.swift
    case complaintReceived = "complaint.received"
    case complaintAccepted = "complaint.accepted"
    case complaintRefused = "complaint.refused"
    case complaintAssigned = "complaint.assigned"
    case complaintVerified = "complaint.verified"
    case complaintExtended = "complaint.extended"
    case complaintResolved = "complaint.resolved"
    case deadlineReminded = "deadline.reminded"

    // Information security (Điều 4.1–4.2) — Bodies/Security.swift
    case incidentReported = "incident.reported"
    case securityAdvisory = "security.advisory"

    // Fire prevention (Điều 4.3) — Bodies/FireSafety.swift
    case fireSafetyGuidance = "fire-safety.guidance"
    case fireSafetyChecked = "fire-safety.checked"

    // Harmful online games (Điều 5.2) — Bodies/Games.swift
    case gameFlagged = "game.flagged"
    case gameProposalDrafted = "game.proposal-drafted"
    case gameProposalConcurred = "game.proposal-concurred"
    case gameProposalSubmitted = "game.proposal-submitted"

    // Report requests and answers (Điều 3.5, 11.2) — Bodies/ReportRequests.swift
    case reportRequested = "report.requested"
    case reportSubmitted = "report.submitted"

    // Training, outreach, schools, funding (Điều 3.4, 3.7, 6, 8, 9) — Bodies/Outreach.swift
    case trainingProposed = "training.proposed"
    case outreachReported = "outreach.reported"
    case schoolProgrammeReported = "school-programme.reported"
    case fundingRequested = "funding.requested"
    case fundingAllocated = "funding.allocated"

    /// The body schema version this release writes and accepts.
    public var schemaVersion: Int { 1 }

    /// The roles allowed to send this type (``Permissions``). Anything else is rejected as out-of-role.
    public var senders: Set<Role> { Set(Permissions.rule(for: self).roles) }

    /// Only the hub sends it: it travels hub → agencies.
    public var isDirective: Bool { senders == [.hub] }

    /// The struct its body decodes into.
    public var bodyType: any CatalogBody.Type {
        switch self {
        case .businessRegistered: BusinessRegistered.self
        case .businessChanged: BusinessChanged.self
        case .businessClosed: BusinessClosed.self
        case .certificateApplied: CertificateApplied.self
        case .certificateIssued: CertificateIssued.self
        case .certificateExtended: CertificateExtended.self
        case .certificateSuspended: CertificateSuspended.self
        case .certificateRevoked: CertificateRevoked.self
        case .guidancePublished: GuidancePublished.self
        case .guidanceAcknowledged: GuidanceAcknowledged.self
        case .inspectionPlanned: InspectionPlanned.self
        case .inspectionConfirmed: InspectionConfirmed.self
        case .inspectionRecorded: InspectionRecorded.self
        case .inspectionConcluded: InspectionConcluded.self
        case .violationRecorded: ViolationRecorded.self
        case .sanctionDecided: SanctionDecided.self
        case .violationFollowedUp: ViolationFollowedUp.self
        case .violationClosed: ViolationClosed.self
        case .violationFinePaid: FinePaid.self
        case .complaintReceived: ComplaintReceived.self
        case .complaintAccepted: ComplaintAccepted.self
        case .complaintRefused: ComplaintRefused.self
        case .complaintAssigned: ComplaintAssigned.self
        case .complaintVerified: ComplaintVerified.self
        case .complaintExtended: ComplaintExtended.self
        case .complaintResolved: ComplaintResolved.self
        case .deadlineReminded: DeadlineReminded.self
        case .incidentReported: IncidentReported.self
        case .securityAdvisory: SecurityAdvisory.self
        case .fireSafetyGuidance: FireSafetyGuidance.self
        case .fireSafetyChecked: FireSafetyChecked.self
        case .gameFlagged: GameFlagged.self
        case .gameProposalDrafted: GameProposalDrafted.self
        case .gameProposalConcurred: GameProposalConcurred.self
        case .gameProposalSubmitted: GameProposalSubmitted.self
        case .reportRequested: ReportRequested.self
        case .reportSubmitted: ReportSubmitted.self
        case .trainingProposed: TrainingProposed.self
        case .outreachReported: OutreachReported.self
        case .schoolProgrammeReported: SchoolProgrammeReported.self
        case .fundingRequested: FundingRequested.self
        case .fundingAllocated: FundingAllocated.self
        }
    }

    /// What officers read in tables and reports.
    public var vietnameseName: String {
        switch self {
        case .businessRegistered: "Đăng ký điểm kinh doanh"
        case .businessChanged: "Thay đổi thông tin điểm kinh doanh"
        case .businessClosed: "Chấm dứt hoạt động điểm kinh doanh"
        case .certificateApplied: "Tiếp nhận hồ sơ đề nghị cấp giấy chứng nhận"
        case .certificateIssued: "Cấp giấy chứng nhận"
        case .certificateExtended: "Gia hạn giấy chứng nhận"
        case .certificateSuspended: "Đình chỉ giấy chứng nhận"
        case .certificateRevoked: "Thu hồi giấy chứng nhận"
        case .guidancePublished: "Ban hành văn bản hướng dẫn"
        case .guidanceAcknowledged: "Xác nhận đã nhận văn bản hướng dẫn"
        case .inspectionPlanned: "Kế hoạch kiểm tra"
        case .inspectionConfirmed: "Xác nhận tham gia đoàn kiểm tra"
        case .inspectionRecorded: "Kết quả kiểm tra"
        case .inspectionConcluded: "Kết luận kiểm tra"
        case .violationRecorded: "Ghi nhận vi phạm"
        case .sanctionDecided: "Quyết định xử phạt"
        case .violationFollowedUp: "Kiểm tra việc khắc phục vi phạm"
        case .violationClosed: "Kết thúc hồ sơ vi phạm"
        case .violationFinePaid: "Nộp tiền phạt"
        case .complaintReceived: "Tiếp nhận đơn khiếu nại, tố cáo"
        case .complaintAccepted: "Thụ lý đơn"
        case .complaintRefused: "Không thụ lý đơn"
        case .complaintAssigned: "Giao xác minh đơn"
        case .complaintVerified: "Báo cáo kết quả xác minh"
        case .complaintExtended: "Gia hạn giải quyết"
        case .complaintResolved: "Giải quyết đơn"
        case .deadlineReminded: "Nhắc hạn xử lý"
        case .incidentReported: "Báo cáo sự cố an ninh thông tin"
        case .securityAdvisory: "Cảnh báo an ninh thông tin"
        case .fireSafetyGuidance: "Hướng dẫn phòng cháy, chữa cháy"
        case .fireSafetyChecked: "Kiểm tra phòng cháy, chữa cháy"
        case .gameFlagged: "Phát hiện trò chơi trực tuyến có nội dung độc hại"
        case .gameProposalDrafted: "Dự thảo kiến nghị xử lý trò chơi độc hại"
        case .gameProposalConcurred: "Thống nhất kiến nghị xử lý trò chơi"
        case .gameProposalSubmitted: "Gửi kiến nghị lên Bộ VH-TT-DL"
        case .reportRequested: "Yêu cầu báo cáo"
        case .reportSubmitted: "Gửi báo cáo"
        case .trainingProposed: "Đề xuất đào tạo, bồi dưỡng"
        case .outreachReported: "Kết quả tuyên truyền, phổ biến"
        case .schoolProgrammeReported: "Chương trình Internet trong trường học"
        case .fundingRequested: "Đề nghị cấp kinh phí"
        case .fundingAllocated: "Phân bổ kinh phí"
        }
    }
}

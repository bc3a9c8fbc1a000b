/// Every message type the bus carries. The raw value is the `type` string on the wire.
///
/// The catalog is the protocol's definition, so it lives in code: a type's schema version and
/// the roles that may send it change only with a new protocol release (docs/PROTOCOL.md).
/// Legal facts — deadlines, violation categories, districts — are data in `config/`, not here.
public enum MessageType: String, Codable, Sendable, CaseIterable {
    /// A district registers an Internet business in its territory (Điều 10.1).
    case businessRegistered = "business.registered"
    /// A district issues a certificate to a business (Điều 10.3).
    case certificateIssued = "certificate.issued"
    /// A district revokes a certificate, with its ground (Điều 10.3).
    case certificateRevoked = "certificate.revoked"
    /// An inspection of one business was carried out, with its outcome (Điều 3.3, 4.4, 5.1, 10.2).
    case inspectionRecorded = "inspection.recorded"
    /// A violation was found at a business (Điều 4.4, 5.1, 10.2).
    case violationRecorded = "violation.recorded"
    /// Công an reports an information-security incident (Điều 4.2).
    case incidentReported = "incident.reported"
    /// The hub plans an inspection and sends it to the participating agencies (Điều 3.3).
    case inspectionPlanned = "inspection.planned"

    /// The body schema version this release writes and accepts.
    public var schemaVersion: Int { 1 }

    /// The roles allowed to send this type. Anything else is rejected as out-of-role.
    public var senders: Set<Role> {
        switch self {
        case .businessRegistered, .certificateIssued, .certificateRevoked: [.district]
        case .inspectionRecorded, .violationRecorded: [.hub, .vhttdl, .congAn, .district]
        case .incidentReported: [.congAn]
        case .inspectionPlanned: [.hub]
        }
    }

    /// Directives travel hub → agencies; every other type travels agency → hub.
    public var isDirective: Bool { senders == [.hub] }

    /// What officers read in tables and reports.
    public var vietnameseName: String {
        switch self {
        case .businessRegistered: "Đăng ký doanh nghiệp/điểm kinh doanh"
        case .certificateIssued: "Cấp giấy chứng nhận"
        case .certificateRevoked: "Thu hồi giấy chứng nhận"
        case .inspectionRecorded: "Kết quả kiểm tra"
        case .violationRecorded: "Ghi nhận vi phạm"
        case .incidentReported: "Báo cáo sự cố an ninh thông tin"
        case .inspectionPlanned: "Kế hoạch kiểm tra"
        }
    }
}

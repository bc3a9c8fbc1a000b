/// The part an agency plays under Decision 52/2009; with ``Permissions`` it decides which
/// message types the agency may send.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Sở Thông tin và Truyền thông — the coordinating hub (Điều 3, 11).
    case hub
    /// Công an tỉnh — provincial police (Điều 4).
    case congAn = "cong-an"
    /// Sở Văn hóa, Thể thao và Du lịch, standing member of Đội 814 (Điều 5).
    case vhttdl
    /// Sở Kế hoạch và Đầu tư (Điều 7).
    case khdt
    /// UBND huyện, thị xã, thành phố — a district-level People's Committee (Điều 10).
    case district
    /// Sở Tài chính — funds outreach, inspection and training (Điều 6).
    case taiChinh = "tai-chinh"
    /// Sở Giáo dục và Đào tạo — Internet use in schools, rural access for pupils (Điều 8).
    case gddt
    /// Tỉnh đoàn — youth propaganda and education (Điều 9).
    case tinhDoan = "tinh-doan"

    /// The Vietnamese name officers read.
    public var vietnameseName: String {
        switch self {
        case .hub: "Sở Thông tin và Truyền thông"
        case .congAn: "Công an tỉnh"
        case .vhttdl: "Sở Văn hóa, Thể thao và Du lịch (Đội 814)"
        case .khdt: "Sở Kế hoạch và Đầu tư"
        case .district: "UBND cấp huyện"
        case .taiChinh: "Sở Tài chính"
        case .gddt: "Sở Giáo dục và Đào tạo"
        case .tinhDoan: "Tỉnh đoàn"
        }
    }

    /// Every role but the hub: the agencies whose daemons connect to it.
    public static var agencyRoles: [Role] { allCases.filter { $0 != .hub } }
}

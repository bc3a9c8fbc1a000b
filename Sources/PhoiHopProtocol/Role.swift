/// The part an agency plays under Decision 52/2009; it decides which message types it may send.
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

    /// The Vietnamese name officers read.
    public var vietnameseName: String {
        switch self {
        case .hub: "Sở Thông tin và Truyền thông"
        case .congAn: "Công an tỉnh"
        case .vhttdl: "Sở Văn hóa, Thể thao và Du lịch (Đội 814)"
        case .khdt: "Sở Kế hoạch và Đầu tư"
        case .district: "UBND cấp huyện"
        }
    }
}

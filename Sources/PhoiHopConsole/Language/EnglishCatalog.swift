/// The console's English words, in one place: every table header (`headers`) and the fixed
/// words a status or standing column shows (`words`), keyed by their Vietnamese. A table takes
/// its Vietnamese headers and ``Table/render(in:)`` looks them up here, so a command never
/// carries a second, English copy of its table. A header missing here prints in Vietnamese
/// under `--lang en`; `EnglishCatalogTests` fails for any header the console uses that is missing.
enum EnglishCatalog {
    static let headers: [String: String] = [
        // status, agency list, acts, tail
        "Đơn vị": "Agency", "Vai trò": "Role", "Trạng thái": "State", "Lần cuối": "Last seen", "Đã gửi": "Sent",
        "Đã áp dụng": "Applied", "Chờ nhận": "Pending in", "Chờ gửi": "Pending out", "Từ chối": "Rejected",
        "Lần cuối liên lạc": "Last heartbeat", "Cách đây": "Ago", "Phiên bản": "Version", "Gửi đi": "Sent out",
        "Đã xác nhận": "Acknowledged", "Nhận về": "Received", "Lệch giờ": "Clock skew",
        "#": "#", "Ngày": "Date", "Ghi nhận lúc": "Recorded at", "Cơ quan": "Agency", "Hoạt động": "Act",
        "Địa bàn": "District", "Điểm KD": "Business", "Vấn đề (tiếng Anh, cho cán bộ kỹ thuật)": "Problem",
        // reports, archive
        "Số lưu trữ": "Archive no.", "Số, ký hiệu": "Reference", "Kỳ": "Period", "Lập": "Drawn up by",
        "Vị trí nhật ký": "Log position", "Mã băm": "Hash", "Chỉ tiêu": "Indicator", "Số liệu": "Figure",
        "Kỳ số liệu": "Data period", "Hạn nộp": "Due", "Đã nộp": "Submitted", "Nộp muộn": "Late", "Ngày nộp": "Submitted on",
        "Số chỉ tiêu": "Indicators", "Khác": "Other", "Tổng": "Total",
        "Đăng ký": "Registered", "Cấp GCN": "Cert. issued", "Thu hồi GCN": "Cert. revoked", "Kiểm tra": "Inspections",
        "Vi phạm": "Violations", "Xử phạt": "Sanctions", "Đơn thư": "Complaints", "Sự cố": "Incidents", "Kế hoạch KT": "Insp. plans",
        // common
        "Mã": "ID", "Tên": "Name", "Loại": "Kind", "Văn bản": "Document", "Tiêu đề": "Title", "Đối tượng": "Audience",
        "Huyện": "District", "Số lượt": "Checks", "Đạt": "Passed", "Không đạt": "Failed", "Điểm": "Business",
        "Kết quả": "Result", "Thiếu sót": "Shortcomings", "Ghi chú": "Note", "Lý do": "Reason", "": "",
        // top
        "Còn": "Left", "Doanh nghiệp": "Business", "Lúc": "At", "Số": "No.", "Tin/giây": "Msgs/s", "Đơn vị ghi": "Recorded by",
        // deadlines
        "Việc": "Task", "Nội dung": "Summary", "Hạn": "Due", "Còn (ngày LV)": "Working days left", "Tình trạng": "Standing",
        "Đã nhắc": "Reminded", "Ngày nhắc": "Reminded on",
        // outreach, funding
        "Khóa đào tạo": "Training course", "Học viên": "Trainees", "Kinh phí dự kiến": "Planned budget", "Đề xuất bởi": "Proposed by",
        "Hình thức": "Form", "Từ": "From", "Đến": "To", "Số người": "People", "Báo cáo bởi": "Reported by", "Số đợt": "Campaigns",
        "Năm học": "School year", "Số trường": "Schools", "Nông thôn": "Rural", "Học sinh": "Pupils", "Mục đích": "Purpose",
        "Đề nghị (đ)": "Requested (VND)", "Năm NS": "Budget year", "Phân bổ (đ)": "Allocated (VND)", "Quyết định": "Decision",
        "Số đề nghị": "Requests", "Chờ": "Waiting",
        // guidance
        "Chủ đề": "Topic", "Trích yếu": "Abstract", "Cơ quan ban hành": "Issued by", "Đơn vị nhận": "Recipient",
        "Ngày xác nhận": "Acknowledged on", "Mã văn bản": "Document ID", "Ngày ban hành": "Issued on", "Số ngày chờ": "Days waiting",
        // registry, certificates
        "Số GCN": "Certificate no.", "Ngày cấp": "Issued on", "Hiệu lực đến": "Valid until", "Mã hồ sơ": "Application",
        "Yêu cầu": "Request", "Ngày nhận": "Received on", "Hạn giải quyết": "Decide by", "Số máy": "Machines",
        "Ngày ĐK": "Registered on", "Giấy chứng nhận": "Certificates", "Chấm dứt": "Closed",
        "Không có GCN hiệu lực": "Without valid cert.", "GCN hiệu lực": "Valid cert.", "Đình chỉ": "Suspended",
        "Hết hạn": "Expired", "Thu hồi": "Revoked",
        // violations, security, games
        "Danh mục": "Category", "Ghi nhận bởi": "Recorded by", "Giai đoạn": "Stage", "Tiền phạt (đ)": "Fine (VND)",
        "Số vi phạm": "Violations", "Đã xử phạt": "Sanctioned", "Đã kết thúc": "Closed", "Tổng tiền phạt (đ)": "Total fines (VND)",
        "Mức độ": "Severity", "Tóm tắt": "Summary", "Phát hành bởi": "Issued by", "Khuyến cáo": "Advice",
        "Nhà phát hành": "Publisher", "Kiến nghị": "Recommendation", "Cơ quan cùng ký": "Co-signing agency", "Ý kiến": "Opinion",
        // complaints
        "Mã đơn": "Case", "Lần": "Round", "Giao xác minh": "Verification by", "Tiếp nhận": "Received",
        "Chờ thụ lý": "Awaiting acceptance", "Không thụ lý": "Not accepted", "Đang giải quyết": "In progress",
        "Quá hạn": "Overdue", "Thụ lý trễ": "Accepted late", "Giải quyết đúng hạn": "Resolved on time",
        "Giải quyết trễ hạn": "Resolved late",
        // inspections
        "Kế hoạch": "Plan", "Chủ trì": "Lead", "Từ ngày": "From", "Đến ngày": "To", "Chưa xác nhận": "Unconfirmed",
        "Chưa có kết quả": "Without findings", "Đơn vị xác nhận": "Confirming agency", "Cán bộ": "Officer",
        "Điểm kinh doanh": "Business", "Đã kiểm tra": "Inspected", "Chưa có kết quả của": "Findings missing from",
        "Lượt kiểm tra": "Inspection", "Biên bản": "Minutes",
    ]

    /// Fixed words of status, standing and kind columns (the `vietnameseName` of the domain's
    /// enums the core views show), and the totals row.
    static let words: [String: String] = [
        "trực tuyến": "online", "ngoại tuyến": "offline",
        "Trong hạn": "On time", "Sắp đến hạn": "Due soon", "Quá hạn": "Overdue",
        "Còn hiệu lực": "Valid", "Đang đình chỉ": "Suspended", "Hết hạn": "Expired", "Đã thu hồi": "Revoked",
        "Đang hoạt động": "Operating", "Cộng": "Total", "(toàn tỉnh)": "(province-wide)",
        "Thụ lý đơn": "Accept a case", "Giải quyết đơn": "Resolve a case", "Xác minh đơn": "Verify a case",
        "Giải quyết hồ sơ cấp giấy chứng nhận": "Decide a certificate application", "Gửi báo cáo": "Submit a report",
        "Xác nhận văn bản hướng dẫn": "Acknowledge guidance",
        "Doanh nghiệp cung cấp dịch vụ Internet": "Internet service provider", "Đại lý Internet": "Internet agent",
        "Điểm truy nhập Internet công cộng": "Public Internet access point",
        "Điểm cung cấp dịch vụ trò chơi điện tử công cộng": "Public game point",
        "Đã tiếp nhận": "Received", "Đã thụ lý": "Accepted", "Không thụ lý": "Not accepted", "Đã giải quyết": "Resolved",
        "Đạt": "Passed", "Không đạt": "Failed",
    ]
}

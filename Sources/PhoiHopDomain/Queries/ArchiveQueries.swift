import PhoiHopStore

extension ConsoleQueries {
    /// The stored reports (``ReportArchive``): list, one stored document, and its verification
    /// against the audit log. Issuing one writes, so it is the control command `report-issue`,
    /// not a query.
    static let archive: [ConsoleQuery] = [
        ConsoleQuery("report.archive.list", "Các báo cáo đã lưu: số, ký hiệu, kỳ, ngày, vị trí nhật ký, mã băm") { context in
            try ReportArchive.list(context.db)
        },
        ConsoleQuery("report.archive.show", "Một báo cáo đã lưu, nguyên văn (--id N)") { context in
            try ReportArchive.show(context.db, id: try archiveID(context))
        },
        ConsoleQuery("report.archive.verify", "Tính lại một báo cáo đã lưu từ nhật ký và đối chiếu (--id N)") { context in
            try ReportArchive.verify(context.db, id: try archiveID(context))
        },
    ]

    static func archiveID(_ context: QueryContext) throws -> Int64 {
        let text = try context.required("id")
        guard let id = Int64(text), id > 0 else {
            throw DomainError("--id: '\(text.prefix(20))' không phải số lưu trữ của báo cáo (số nguyên dương, xem 'phoihop report archive list')")
        }
        return id
    }
}

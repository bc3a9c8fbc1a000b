import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Report requests and answers (Điều 3.5, 11.2). The request is relayed to its addressees, each of
// which answers once from its own records (ReportAnswer.swift); late answers are accepted and
// shown as late by the hub's queries.

extension ReportRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if try Bool.fetchOne(context.db, sql: "SELECT 1 FROM report_requests WHERE request_id = ?", arguments: [requestID]) == true {
            throw DomainError("yêu cầu báo cáo \(requestID) đã có; hãy dùng mã yêu cầu khác")
        }
        let strangers = addressees.filter { context.rules.agency($0) == nil }
        guard strangers.isEmpty else {
            throw DomainError("\(strangers.map(\.rawValue).joined(separator: ", ")) không phải cơ quan, đơn vị trong danh mục của tỉnh (province file); kiểm tra --addressee")
        }
        guard requestedOn <= context.today else {
            throw DomainError("yêu cầu báo cáo \(requestID) không thể lập ngày \(requestedOn.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))")
        }
        // A periodic report covers one of the periods of report-periods.yaml, exactly.
        if kind == .periodic, ReportPeriods.kind(of: (periodFrom, periodTo), in: context.rules.reportPeriods) == nil {
            let rules = context.rules.reportPeriods
            throw DomainError("\(periodFrom.vietnameseText) – \(periodTo.vietnameseText) không phải kỳ báo cáo định kỳ: kỳ số liệu kết thúc ngày \(rules.cutoffDay) của tháng cuối kỳ và dài \(rules.kinds.map { "\($0.months) (\($0.id))" }.joined(separator: ", ")) tháng (\(rules.source)); với khoảng thời gian khác, dùng --kind ad-hoc")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { addressees }
}

extension ReportSubmitted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let request = try ReportRequestRecord.fetch(context.db, requestID) else {
            throw DomainError(rule: rule, "yêu cầu báo cáo \(requestID) không có trong dữ liệu của \(context.agency); chỉ đơn vị phải báo cáo nhận được yêu cầu")
        }
        guard let answer = try Row.fetchOne(context.db, sql: "SELECT submitted_on FROM report_answers WHERE request_id = ? AND agency = ?",
                                            arguments: [requestID, context.agency.rawValue]) else {
            throw DomainError(rule: rule, "\(context.agency) không phải đơn vị phải báo cáo theo yêu cầu báo cáo \(requestID)")
        }
        if let submitted: String = answer["submitted_on"] {
            throw DomainError("\(context.agency) đã gửi báo cáo theo yêu cầu \(requestID) ngày \(VietnameseFormat.day(submitted)); mỗi đơn vị chỉ gửi một lần")
        }
        guard submittedOn >= request.requestedOn, submittedOn <= context.today else {
            throw DomainError("ngày gửi báo cáo \(submittedOn.vietnameseText) phải từ ngày yêu cầu (\(request.requestedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    /// The answer goes to the hub only (every act does).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Training, outreach, schools, funding (Điều 3.4, 3.7, 6, 8, 9).

/// Refuses a second record under an id this daemon already holds.
private func refuseDuplicate(_ db: Database, table: String, column: String, id: String, what: String) throws {
    if try Bool.fetchOne(db, cached: "SELECT 1 FROM \(table) WHERE \(column) = ?", arguments: [id]) == true {
        throw DomainError("\(what) \(id) đã được ghi nhận; hãy dùng mã khác")
    }
}

private func refuseFuture(_ date: CivilDate, _ what: String, _ context: ActContext) throws {
    guard date <= context.today else { throw DomainError("\(what) là \(date.vietnameseText), sau ngày hôm nay (\(context.today.vietnameseText))") }
}

extension TrainingProposed: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseFuture(proposedOn, "ngày đề xuất đào tạo \(proposalID)", context)
        try refuseDuplicate(context.db, table: "training_proposals", column: "proposal_id", id: proposalID, what: "đề xuất đào tạo")
    }

    /// Sở TT&TT compiles the proposals for the Provincial Committee (Điều 3.4): the hub only.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [] }
}

extension OutreachReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        // Reach is what a campaign achieved: it is reported once it has ended.
        try refuseFuture(to, "ngày kết thúc đợt tuyên truyền \(campaignID)", context)
        try refuseDuplicate(context.db, table: "outreach_campaigns", column: "campaign_id", id: campaignID, what: "đợt tuyên truyền")
    }

    /// A campaign held in a district is relayed to that district.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { district.map { [$0] } ?? [] }
}

extension SchoolProgrammeReported: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseDuplicate(context.db, table: "school_programmes", column: "programme_id", id: programmeID, what: "chương trình Internet trong trường học")
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { district.map { [$0] } ?? [] }
}

extension FundingRequested: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        try refuseFuture(requestedOn, "ngày đề nghị kinh phí \(requestID)", context)
        try refuseDuplicate(context.db, table: "funding_requests", column: "request_id", id: requestID, what: "đề nghị kinh phí")
    }

    /// Sở Tài chính decides (Điều 6): every tai-chinh agency of the province file.
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { context.agencies(of: .taiChinh) }
}

extension FundingAllocated: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let rule = context.rule(Self.messageType)
        guard let request = try Row.fetchOne(context.db, sql: "SELECT * FROM funding_requests WHERE request_id = ?", arguments: [requestID]) else {
            throw DomainError(rule: rule, "đề nghị kinh phí \(requestID) không có trong dữ liệu của \(context.agency)")
        }
        let requestedBy: String = request["requested_by"]
        guard requestedBy == requester.rawValue else {
            throw DomainError(rule: rule, "đề nghị kinh phí \(requestID) do \(requestedBy) đề nghị, không phải \(requester)")
        }
        if let allocatedOn: String = request["allocated_on"] {
            throw DomainError("đề nghị kinh phí \(requestID) đã được phân bổ (\(VietnameseFormat.amount(request["allocated_vnd"] as Int64? ?? 0)) đ, ngày \(VietnameseFormat.day(allocatedOn)), quyết định \(request["decision_ref"] as String? ?? "—"))")
        }
        let requestedOn = try CivilDate(parsing: request["requested_on"] as String)
        guard allocatedOn >= requestedOn, allocatedOn <= context.today else {
            throw DomainError("ngày phân bổ \(allocatedOn.vietnameseText) phải từ ngày đề nghị (\(requestedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
        // More than was asked is an exception the decision must explain; less needs no reason.
        let amount: Int64 = request["amount_vnd"]
        if allocatedVND > amount, note == nil {
            throw DomainError("phân bổ \(VietnameseFormat.amount(allocatedVND)) đ vượt số kinh phí đề nghị \(VietnameseFormat.amount(amount)) đ của \(requestID); hãy nêu lý do ở --note, hoặc phân bổ không quá \(VietnameseFormat.amount(amount)) đ")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [requester] }
}

import GRDB
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

// Complaints and denunciations (Điều 3.6): any agency receives and forwards a case to the hub;
// the hub accepts or refuses it, assigns its verification, extends (denunciations) and resolves
// it. Each case act goes to every agency holding a copy of the case — who received it, the
// district it concerns, its assignee — so their copies follow the hub's.

extension ComplaintReceived: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if let existing = try CaseRecord.fetch(context.db, caseID) {
            throw DomainError("đơn \(caseID) đã được ghi nhận (tiếp nhận ngày \(existing.receivedOn.vietnameseText) tại \(existing.receivedBy)); hãy dùng mã đơn khác")
        }
        guard receivedOn <= context.today else {
            throw DomainError("đơn \(caseID): ngày nhận đơn \(receivedOn.vietnameseText) sau ngày hôm nay (\(context.today.vietnameseText)); hãy ghi đúng ngày nhận đơn")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintAccepted: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.awaitingAcceptance(context, caseID, verb: "thụ lý")
        guard acceptedOn >= record.receivedOn, acceptedOn <= context.today else {
            throw DomainError("đơn \(caseID): ngày thụ lý \(acceptedOn.vietnameseText) phải từ ngày tiếp nhận (\(record.receivedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
        guard complexity != .especiallyComplex || record.kind == .denunciation else {
            throw DomainError("đơn \(caseID) là đơn khiếu nại: mức độ especially-complex (đặc biệt phức tạp) chỉ áp dụng cho đơn tố cáo (Luật Tố cáo 2018, Điều 30); hãy đánh giá là complex (phức tạp)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintRefused: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.awaitingAcceptance(context, caseID, verb: "ra thông báo không thụ lý")
        guard refusedOn >= record.receivedOn, refusedOn <= context.today else {
            throw DomainError("đơn \(caseID): ngày không thụ lý \(refusedOn.vietnameseText) phải từ ngày tiếp nhận (\(record.receivedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintAssigned: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "giao xác minh")
        guard context.rules.agency(assignee) != nil else {
            throw DomainError("'\(assignee)' không phải cơ quan, đơn vị của tỉnh \(context.rules.province); hãy giao xác minh cho một sở, ngành hoặc huyện có trong tệp danh mục tỉnh")
        }
        if let acceptedOn = record.acceptedOn, assignedOn < acceptedOn {
            throw DomainError("đơn \(caseID): ngày giao xác minh \(assignedOn.vietnameseText) trước ngày thụ lý (\(acceptedOn.vietnameseText))")
        }
        if let received, received.kind != record.kind || received.receivedOn != record.receivedOn {
            throw DomainError("đơn \(caseID): thông tin đơn gửi kèm không khớp với đơn đã tiếp nhận ngày \(record.receivedOn.vietnameseText)")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] {
        [assignee] + (try ComplaintRouting.parties(context.db, caseID))
    }
}

extension ComplaintVerified: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        guard let record = try CaseRecord.fetch(context.db, caseID), record.assignee == context.agency else {
            throw DomainError(rule: context.rule(Self.messageType),
                              "theo hồ sơ của \(context.agency), đơn \(caseID) không được giao cho \(context.agency) xác minh; chỉ đơn vị được giao xác minh mới báo cáo kết quả")
        }
        guard record.status == .accepted else { throw DomainError("đơn \(caseID) \(record.stateText); không còn việc xác minh") }
        if let verifiedOn = record.verifiedOn {
            throw DomainError("đơn \(caseID): kết quả xác minh đã được báo cáo ngày \(verifiedOn.vietnameseText)")
        }
        if let assignedOn = record.assignedOn, verifiedOn < assignedOn || verifiedOn > context.today {
            throw DomainError("đơn \(caseID): ngày báo cáo xác minh \(verifiedOn.vietnameseText) phải từ ngày giao xác minh (\(assignedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintExtended: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "gia hạn giải quyết")
        guard record.kind == .denunciation else {
            throw DomainError("đơn \(caseID) là đơn khiếu nại: thời hạn giải quyết khiếu nại không được gia hạn, mà xác định khi thụ lý theo mức độ phức tạp và vùng sâu, vùng xa (Luật Khiếu nại 2011, Điều 28, 37)")
        }
        let rule = context.rules.deadlines.rule("denunciation-extension")
        let complexity = record.complexity ?? .normal
        let allowed = CaseDeadlines.extensionsAllowed(kind: record.kind, complexity: complexity, rules: context.rules.deadlines)
        let previous = try CaseRecord.extensions(context.db, caseID)
        guard previous.count < allowed else {
            let done = previous.map { "\($0.decisionRef) ngày \($0.extendedOn.vietnameseText)" }.joined(separator: ", ")
            let limit = allowed == 0 ? "không được gia hạn" : "chỉ được gia hạn \(allowed) lần"
            throw DomainError("đơn \(caseID) (mức độ \(complexity.vietnameseName.lowercased())) \(limit) (\(rule.source)); đã gia hạn: \(done.isEmpty ? "chưa lần nào" : done)")
        }
        guard days <= rule.days("normal") else {
            throw DomainError("đơn \(caseID): mỗi lần gia hạn tối đa \(rule.days("normal")) ngày (\(rule.source)); đề nghị \(days) ngày")
        }
        guard !previous.contains(where: { $0.decisionRef == decisionRef }) else {
            throw DomainError("đơn \(caseID) đã được gia hạn theo văn bản \(decisionRef); mỗi văn bản gia hạn chỉ dùng một lần")
        }
        if let acceptedOn = record.acceptedOn, extendedOn < acceptedOn || extendedOn > context.today {
            throw DomainError("đơn \(caseID): ngày gia hạn \(extendedOn.vietnameseText) phải từ ngày thụ lý (\(acceptedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension ComplaintResolved: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        let record = try ComplaintRules.open(context, caseID, verb: "giải quyết")
        if let acceptedOn = record.acceptedOn, resolvedOn < acceptedOn || resolvedOn > context.today {
            throw DomainError("đơn \(caseID): ngày giải quyết \(resolvedOn.vietnameseText) phải từ ngày thụ lý (\(acceptedOn.vietnameseText)) đến hôm nay (\(context.today.vietnameseText))")
        }
    }

    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { try ComplaintRouting.parties(context.db, caseID) }
}

extension DeadlineReminded: CheckedAct, RoutedAct {
    public func check(_ context: ActContext) throws {
        if try DeadlineBoard.wasReminded(context.db, subject, subjectID, state, dueOn: dueOn) {
            throw DomainError("việc \(subject.vietnameseName.lowercased()) \(subjectID) đã được nhắc (\(state.vietnameseName.lowercased())) với thời hạn \(dueOn.vietnameseText); không nhắc lại")
        }
        guard context.rules.agency(responsible) != nil else {
            throw DomainError("'\(responsible)' không phải cơ quan, đơn vị của tỉnh \(context.rules.province)")
        }
    }

    /// The agency responsible; the hub keeps its own reminders (the board shows they were pushed).
    public func recipients(_ context: RoutingContext) throws -> [AgencyID] { [responsible] }
}

/// Who holds a copy of a case: who received it, the district it concerns, its assignee.
enum ComplaintRouting {
    static func parties(_ db: Database, _ caseID: String) throws -> [AgencyID] {
        guard let record = try CaseRecord.fetch(db, caseID) else { return [] }
        return [record.receivedBy, record.district, record.assignee].compactMap { $0 }
    }
}

/// The transitions of a case, with refusals that say where it stands.
enum ComplaintRules {
    static func find(_ context: ActContext, _ caseID: String) throws -> CaseRecord {
        guard let record = try CaseRecord.fetch(context.db, caseID) else {
            throw DomainError("đơn \(caseID) không có trong hồ sơ của \(context.agency); hãy ghi nhận việc tiếp nhận đơn trước (phoihop complaint receive)")
        }
        return record
    }

    /// A case the hub has received and neither accepted nor refused.
    static func awaitingAcceptance(_ context: ActContext, _ caseID: String, verb: String) throws -> CaseRecord {
        let record = try find(context, caseID)
        guard record.status == .received else {
            throw DomainError("không thể \(verb) đơn \(caseID): đơn \(record.stateText)")
        }
        return record
    }

    /// An accepted case not yet resolved.
    static func open(_ context: ActContext, _ caseID: String, verb: String) throws -> CaseRecord {
        let record = try find(context, caseID)
        switch record.status {
        case .accepted: return record
        case .received: throw DomainError("không thể \(verb) đơn \(caseID): đơn chưa được thụ lý (tiếp nhận ngày \(record.receivedOn.vietnameseText)); hãy thụ lý trước (phoihop complaint accept)")
        case .refused, .resolved: throw DomainError("không thể \(verb) đơn \(caseID): đơn \(record.stateText)")
        }
    }
}

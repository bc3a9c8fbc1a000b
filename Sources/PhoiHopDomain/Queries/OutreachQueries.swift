import GRDB
import PhoiHopConfig
import PhoiHopProtocol

/// A training proposal (Điều 3.4).
public struct TrainingRow: Codable, Sendable, Equatable {
    public var proposalID: String
    public var title: String
    public var audience: String
    public var participants: Int
    public var proposedOn: String
    public var estimatedCostVND: Int64?
    public var proposedBy: String
}

/// An outreach campaign (Điều 3.7, 8, 9).
public struct CampaignRow: Codable, Sendable, Equatable {
    public var campaignID: String
    public var title: String
    public var channel: String
    public var channelName: String
    public var from: String
    public var to: String
    public var reach: Int
    public var district: String?
    public var reportedBy: String
}

/// Campaigns and reach under one key (a channel or a district).
public struct ReachTotal: Codable, Sendable, Equatable {
    public var key: String
    public var name: String
    public var campaigns: Int
    public var reach: Int
}

/// `outreach.list`: the campaigns, with reach by channel and by district.
public struct OutreachSummary: Codable, Sendable, Equatable {
    public var campaigns: [CampaignRow]
    public var byChannel: [ReachTotal]
    /// Campaigns without a district are under the key "province".
    public var byDistrict: [ReachTotal]
    public var totalReach: Int
}

/// A school programme (Điều 8).
public struct SchoolProgrammeRow: Codable, Sendable, Equatable {
    public var programmeID: String
    public var title: String
    public var schoolYear: String
    public var schools: Int
    public var ruralSchools: Int
    public var students: Int
    public var district: String?
    public var reportedBy: String
}

/// `school.list`: the programmes and their totals.
public struct SchoolProgrammeSummary: Codable, Sendable, Equatable {
    public var programmes: [SchoolProgrammeRow]
    public var schools: Int
    public var ruralSchools: Int
    public var students: Int
}

/// A funding request and its allocation (Điều 6).
public struct FundingRow: Codable, Sendable, Equatable {
    public var requestID: String
    public var purpose: String
    public var purposeName: String
    public var amountVND: Int64
    public var fiscalYear: Int
    public var requestedOn: String
    public var justification: String
    public var requestedBy: String
    /// "pending" or "allocated".
    public var status: String
    public var allocatedVND: Int64?
    public var allocatedOn: String?
    public var decisionRef: String?
    public var allocatedBy: String?
    public var allocationNote: String?
}

/// Requests and allocations of one purpose.
public struct FundingPurposeTotal: Codable, Sendable, Equatable {
    public var purpose: String
    public var purposeName: String
    public var requests: Int
    public var pending: Int
    public var requestedVND: Int64
    public var allocatedVND: Int64
}

/// `funding.list`: the requests, and totals by purpose.
public struct FundingSummary: Codable, Sendable, Equatable {
    public var requests: [FundingRow]
    public var byPurpose: [FundingPurposeTotal]
    public var requestedVND: Int64
    public var allocatedVND: Int64
}

extension ConsoleQueries {
    static let outreach: [ConsoleQuery] = [
        ConsoleQuery("training.list", "Đề xuất đào tạo, bồi dưỡng (--by AGENCY)") { context in
            var sql = "SELECT * FROM training_proposals"
            var arguments: [String] = []
            if let by = context.parameters["by"] { sql += " WHERE proposed_by = ?"; arguments.append(by) }
            return try Row.fetchAll(context.db, sql: sql + " ORDER BY proposed_on DESC, proposal_id", arguments: StatementArguments(arguments)).map {
                TrainingRow(proposalID: $0["proposal_id"], title: $0["title"], audience: $0["audience"], participants: $0["participants"],
                            proposedOn: $0["proposed_on"], estimatedCostVND: $0["estimated_cost_vnd"], proposedBy: $0["proposed_by"])
            }
        },
        ConsoleQuery("outreach.list", "Đợt tuyên truyền và số người được tiếp cận theo hình thức, địa bàn (--channel, --district, --by)") { context in
            var sql = "SELECT * FROM outreach_campaigns WHERE 1"
            var arguments: [String] = []
            if let channel = context.parameters["channel"] { sql += " AND channel = ?"; arguments.append(channel) }
            if let district = context.parameters["district"] { sql += " AND district = ?"; arguments.append(district) }
            if let by = context.parameters["by"] { sql += " AND reported_by = ?"; arguments.append(by) }
            let campaigns = try Row.fetchAll(context.db, sql: sql + " ORDER BY to_on DESC, campaign_id", arguments: StatementArguments(arguments)).map { row in
                let channel: String = row["channel"]
                return CampaignRow(
                    campaignID: row["campaign_id"], title: row["title"], channel: channel,
                    channelName: OutreachChannel(rawValue: channel)?.vietnameseName ?? channel, from: row["from_on"], to: row["to_on"],
                    reach: row["reach"], district: row["district"], reportedBy: row["reported_by"])
            }
            func totals(_ key: (CampaignRow) -> String, _ name: (String) -> String) -> [ReachTotal] {
                Dictionary(grouping: campaigns, by: key).map { key, rows in
                    ReachTotal(key: key, name: name(key), campaigns: rows.count, reach: rows.reduce(0) { $0 + $1.reach })
                }.sorted { $0.key < $1.key }
            }
            return OutreachSummary(
                campaigns: campaigns,
                byChannel: totals(\.channel) { OutreachChannel(rawValue: $0)?.vietnameseName ?? $0 },
                byDistrict: totals({ $0.district ?? "province" }) { key in
                    AgencyID(rawValue: key).flatMap { context.rules.district($0)?.name } ?? "Toàn tỉnh"
                },
                totalReach: campaigns.reduce(0) { $0 + $1.reach })
        },
        ConsoleQuery("school.list", "Chương trình Internet trong trường học (--school-year, --district)") { context in
            var sql = "SELECT * FROM school_programmes WHERE 1"
            var arguments: [String] = []
            if let year = context.parameters["school-year"] { sql += " AND school_year = ?"; arguments.append(year) }
            if let district = context.parameters["district"] { sql += " AND district = ?"; arguments.append(district) }
            let rows = try Row.fetchAll(context.db, sql: sql + " ORDER BY school_year DESC, programme_id", arguments: StatementArguments(arguments)).map {
                SchoolProgrammeRow(programmeID: $0["programme_id"], title: $0["title"], schoolYear: $0["school_year"], schools: $0["schools"],
                                   ruralSchools: $0["rural_schools"], students: $0["students"], district: $0["district"], reportedBy: $0["reported_by"])
            }
            return SchoolProgrammeSummary(
                programmes: rows, schools: rows.reduce(0) { $0 + $1.schools }, ruralSchools: rows.reduce(0) { $0 + $1.ruralSchools },
                students: rows.reduce(0) { $0 + $1.students })
        },
        ConsoleQuery("funding.list", "Đề nghị kinh phí, tình trạng phân bổ và tổng theo mục đích (--status pending|allocated, --purpose, --by, --fiscal-year)") { context in
            var sql = "SELECT * FROM funding_requests WHERE 1"
            var arguments: [any DatabaseValueConvertible] = []
            switch context.parameters["status"] {
            case nil: break
            case "pending": sql += " AND allocated_on IS NULL"
            case "allocated": sql += " AND allocated_on IS NOT NULL"
            case let other?: throw DomainError("--status: '\(other)' không phải một trong các tình trạng pending, allocated")
            }
            if let purpose = context.parameters["purpose"] { sql += " AND purpose = ?"; arguments.append(purpose) }
            if let by = context.parameters["by"] { sql += " AND requested_by = ?"; arguments.append(by) }
            if let year = context.parameters["fiscal-year"] {
                guard let year = Int(year) else { throw DomainError("--fiscal-year: '\(year)' không phải năm ngân sách (ví dụ 2027)") }
                sql += " AND fiscal_year = ?"; arguments.append(year)
            }
            let rows = try Row.fetchAll(context.db, sql: sql + " ORDER BY requested_on DESC, request_id", arguments: StatementArguments(arguments))
                .map(OutreachQueries.funding)
            let byPurpose = Dictionary(grouping: rows, by: \.purpose).map { purpose, rows in
                FundingPurposeTotal(
                    purpose: purpose, purposeName: FundingPurpose(rawValue: purpose)?.vietnameseName ?? purpose, requests: rows.count,
                    pending: rows.filter { $0.status == "pending" }.count, requestedVND: rows.reduce(0) { $0 + $1.amountVND },
                    allocatedVND: rows.reduce(0) { $0 + ($1.allocatedVND ?? 0) })
            }.sorted { $0.purpose < $1.purpose }
            return FundingSummary(
                requests: rows, byPurpose: byPurpose, requestedVND: rows.reduce(0) { $0 + $1.amountVND },
                allocatedVND: rows.reduce(0) { $0 + ($1.allocatedVND ?? 0) })
        },
        ConsoleQuery("funding.show", "Một đề nghị kinh phí và quyết định phân bổ (--request)") { context in
            let id = try context.required("request")
            guard let row = try Row.fetchOne(context.db, sql: "SELECT * FROM funding_requests WHERE request_id = ?", arguments: [id]) else {
                throw DomainError("đề nghị kinh phí \(id) không có trong dữ liệu của \(context.agency); xem danh sách: phoihop funding list")
            }
            return OutreachQueries.funding(row)
        },
    ]
}

enum OutreachQueries {
    static func funding(_ row: Row) -> FundingRow {
        let purpose: String = row["purpose"]
        let allocatedOn: String? = row["allocated_on"]
        return FundingRow(
            requestID: row["request_id"], purpose: purpose, purposeName: FundingPurpose(rawValue: purpose)?.vietnameseName ?? purpose,
            amountVND: row["amount_vnd"], fiscalYear: row["fiscal_year"], requestedOn: row["requested_on"],
            justification: row["justification"], requestedBy: row["requested_by"], status: allocatedOn == nil ? "pending" : "allocated",
            allocatedVND: row["allocated_vnd"], allocatedOn: allocatedOn, decisionRef: row["decision_ref"],
            allocatedBy: row["allocated_by"], allocationNote: row["allocation_note"])
    }
}

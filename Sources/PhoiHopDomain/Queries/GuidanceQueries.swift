import GRDB
import PhoiHopConfig
public import PhoiHopProtocol
import PhoiHopStore

/// One addressee of a guidance document and its acknowledgement.
public struct GuidanceAddressee: Codable, Sendable, Equatable {
    public var agency: String
    public var agencyName: String?
    public var acknowledgedOn: CivilDate?
    public var note: String?
}

/// A guidance document as this daemon holds it, with its addressees.
public struct GuidanceRecord: Codable, Sendable, Equatable {
    public var guidanceID: String
    public var topic: GuidanceTopic
    public var title: String
    public var documentRef: String
    public var issuedOn: CivilDate
    public var summary: String
    public var publishedBy: String
    public var addressees: [GuidanceAddressee]

    public static func fetch(_ db: Database, id: String, rules: ProvinceRules? = nil) throws -> GuidanceRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM guidance WHERE guidance_id = ?", arguments: [id]) else { return nil }
        return try GuidanceRecord(row: row, db: db, rules: rules)
    }

    public static func fetchAll(_ db: Database, rules: ProvinceRules? = nil) throws -> [GuidanceRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM guidance ORDER BY issued_on, guidance_id").map { try GuidanceRecord(row: $0, db: db, rules: rules) }
    }

    init(row: Row, db: Database, rules: ProvinceRules?) throws {
        guidanceID = row["guidance_id"]
        topic = GuidanceTopic(rawValue: row["topic"]) ?? .other
        title = row["title"]
        documentRef = row["document_ref"]
        issuedOn = (try? CivilDate(parsing: row["issued_on"] as String)) ?? CivilDate(dayNumber: 0)
        summary = row["summary"]
        publishedBy = row["published_by"]
        addressees = try Row.fetchAll(
            db, sql: "SELECT * FROM guidance_addressees WHERE guidance_id = ? ORDER BY addressee", arguments: [guidanceID]
        ).map { a in
            let agency: String = a["addressee"]
            return GuidanceAddressee(
                agency: agency, agencyName: AgencyID(rawValue: agency).flatMap { rules?.agency($0)?.name },
                acknowledgedOn: (a["acknowledged_on"] as String?).flatMap { try? CivilDate(parsing: $0) }, note: a["note"])
        }
    }
}

/// A line of `guidance.list`.
public struct GuidanceRow: Codable, Sendable, Equatable {
    public var guidanceID: String
    public var topic: GuidanceTopic
    public var title: String
    public var documentRef: String
    public var issuedOn: CivilDate
    public var publishedBy: String
    public var acknowledged: Int
    public var addressees: Int
}

/// A line of `guidance.pending`: an addressee that has not acknowledged a guidance yet.
public struct PendingAcknowledgement: Codable, Sendable, Equatable {
    public var agency: String
    public var agencyName: String?
    public var guidanceID: String
    public var documentRef: String
    public var title: String
    public var issuedOn: CivilDate
    public var publishedBy: String
    /// Calendar days since the guidance was issued.
    public var daysWaiting: Int
}

extension GuidanceRecord {
    /// The addressees whose acknowledgement `ctx`'s daemon can know: all of them at the hub and at
    /// the publisher (acknowledgements are relayed to it), only itself at any other addressee.
    func addresseesKnown(to ctx: QueryContext) -> [GuidanceAddressee] {
        guard ctx.role != .hub, publishedBy != ctx.agency.rawValue else { return addressees }
        return addressees.filter { $0.agency == ctx.agency.rawValue }
    }
}

extension ConsoleQueries {
    static let guidance: [ConsoleQuery] = [
        ConsoleQuery("guidance.list", "Văn bản hướng dẫn và số đơn vị đã xác nhận (--topic, --publisher, --addressee)") { ctx in
            try GuidanceRecord.fetchAll(ctx.db).filter { record in
                if let topic = ctx.parameters["topic"], record.topic.rawValue != topic { return false }
                if let publisher = ctx.parameters["publisher"], record.publishedBy != publisher { return false }
                if let addressee = ctx.parameters["addressee"], !record.addressees.contains(where: { $0.agency == addressee }) { return false }
                return true
            }.map {
                let known = $0.addresseesKnown(to: ctx)
                return GuidanceRow(guidanceID: $0.guidanceID, topic: $0.topic, title: $0.title, documentRef: $0.documentRef, issuedOn: $0.issuedOn,
                                   publishedBy: $0.publishedBy, acknowledged: known.filter { $0.acknowledgedOn != nil }.count,
                                   addressees: known.count)
            }
        },
        ConsoleQuery("guidance.show", "Một văn bản hướng dẫn và ngày xác nhận của từng đơn vị nhận (--id)") { ctx in
            let id = try ctx.required("id")
            guard let record = try GuidanceRecord.fetch(ctx.db, id: id, rules: ctx.rules) else {
                throw DomainError("văn bản hướng dẫn \(id) không có trong dữ liệu của \(ctx.agency); xem danh sách bằng phoihop guidance list")
            }
            return record
        },
        ConsoleQuery("guidance.pending", "Đơn vị chưa xác nhận đã nhận văn bản hướng dẫn (--agency)") { ctx in
            var rows: [PendingAcknowledgement] = []
            for record in try GuidanceRecord.fetchAll(ctx.db, rules: ctx.rules) {
                for addressee in record.addresseesKnown(to: ctx) where addressee.acknowledgedOn == nil {
                    if let agency = ctx.parameters["agency"], addressee.agency != agency { continue }
                    rows.append(PendingAcknowledgement(
                        agency: addressee.agency, agencyName: addressee.agencyName, guidanceID: record.guidanceID,
                        documentRef: record.documentRef, title: record.title, issuedOn: record.issuedOn, publishedBy: record.publishedBy,
                        daysWaiting: ctx.today.dayNumber - record.issuedOn.dayNumber))
                }
            }
            return rows.sorted { ($0.agency, $0.issuedOn.dayNumber, $0.guidanceID) < ($1.agency, $1.issuedOn.dayNumber, $1.guidanceID) }
        },
    ]
}

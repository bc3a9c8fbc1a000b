import PhoiHopConfig
import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore

/// One act as the history of a business or the recent-acts list shows it.
public struct ActEntry: Codable, Sendable, Equatable {
    public var position: Int64
    public var id: String
    public var type: String
    public var typeName: String
    public var author: String
    public var district: String?
    public var business: String?
    public var sentAt: Int64
    /// The day the act took effect, as its body states it.
    public var actOn: String?
    /// The act's body JSON, for `--json` readers and `show`.
    public var body: String
}

/// An act the hub accepted but its tables could not place (a revocation of a certificate it
/// never saw issued, a verification from an agency the case was not assigned to …): kept for the
/// operator to look into, never dropped.
public struct AnomalyEntry: Codable, Sendable, Equatable {
    public var position: Int64
    public var problem: String
    public var act: ActEntry?
}

extension ConsoleQueries {
    static let core: [ConsoleQuery] = [
        ConsoleQuery("acts.recent", "Các hoạt động mới nhất (--limit N, --type TYPE, --author AGENCY, --district AGENCY)") { context in
            let (whereClause, arguments) = CoreQueries.filters(context, after: nil)
            return try CoreQueries.entries(context.db, sql: """
                SELECT * FROM message_log \(whereClause) ORDER BY position DESC LIMIT \(CoreQueries.limit(context))
                """, arguments: arguments)
        },
        // What `phoihop tail` and the dashboard's live feed follow: the log in order after a position.
        ConsoleQuery("acts.since", "Các hoạt động được ghi nhận sau vị trí nhật ký --after N, theo thứ tự (--limit N, --type TYPE, --author AGENCY, --district AGENCY)") { context in
            guard let text = context.parameters["after"], let after = Int64(text), after >= 0 else {
                throw DomainError("this query needs --after N, a log position (0 for the beginning)")
            }
            let (whereClause, arguments) = CoreQueries.filters(context, after: after)
            return ActsSince(
                entries: try CoreQueries.entries(context.db, sql: """
                    SELECT * FROM message_log \(whereClause) ORDER BY position LIMIT \(CoreQueries.limit(context))
                    """, arguments: arguments),
                head: try Int64.fetchOne(context.db, sql: "SELECT max(position) FROM message_log") ?? 0)
        },
        ConsoleQuery("business.history", "Toàn bộ lịch sử một điểm kinh doanh qua các cơ quan (--business ID)") { context in
            let business = try context.required("business")
            return try CoreQueries.entries(context.db, sql: """
                SELECT * FROM message_log WHERE business = ? ORDER BY coalesce(act_on, ''), position
                """, arguments: [business])
        },
        ConsoleQuery("anomalies.list", "Các hoạt động đã nhận nhưng không khớp với dữ liệu hiện có, cần xem xét") { context in
            try Row.fetchAll(context.db, sql: "SELECT position, problem FROM anomalies ORDER BY position").map { row in
                let position: Int64 = row["position"]
                let act = try CoreQueries.entries(context.db, sql: "SELECT * FROM message_log WHERE position = ?", arguments: [position]).first
                return AnomalyEntry(position: position, problem: row["problem"], act: act)
            }
        },
    ]
}

/// The acts logged after a position, in order, and the log's last position when asked: a
/// follower asks again with `after` = the last entry's position (or `head` when the filters
/// matched nothing) and misses nothing.
public struct ActsSince: Codable, Sendable, Equatable {
    public var entries: [ActEntry]
    public var head: Int64
}

enum CoreQueries {
    /// `--limit` between 1 and 1000, 50 when not given.
    static func limit(_ context: QueryContext) -> Int { min(max(Int(context.parameters["limit"] ?? "") ?? 50, 1), 1000) }

    /// The WHERE clause of `--type`, `--author`, `--district` (and a position after `after`).
    static func filters(_ context: QueryContext, after: Int64?) -> (String, StatementArguments) {
        var filters: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let after { filters.append("position > ?"); arguments.append(after) }
        if let type = context.parameters["type"] { filters.append("type = ?"); arguments.append(type) }
        if let author = context.parameters["author"] { filters.append("coalesce(author, origin) = ?"); arguments.append(author) }
        if let district = context.parameters["district"] { filters.append("district = ?"); arguments.append(district) }
        return (filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND "), StatementArguments(arguments))
    }

    static func entries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ActEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let type: String = row["type"]
            let body: Data = row["body"]
            let author: String? = row["author"]
            return ActEntry(
                position: row["position"], id: row["id"], type: type,
                typeName: MessageType(rawValue: type)?.vietnameseName ?? type,
                author: author ?? row["origin"], district: row["district"], business: row["business"],
                sentAt: row["sent_at"], actOn: row["act_on"], body: String(decoding: body, as: UTF8.self))
        }
    }
}

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
    /// The act's body JSON, for `--json` readers and `show`.
    public var body: String
}

extension ConsoleQueries {
    static let core: [ConsoleQuery] = [
        ConsoleQuery("acts.recent", "Các hoạt động mới nhất (--limit N, --type TYPE, --author AGENCY)") { context in
            let limit = min(max(Int(context.parameters["limit"] ?? "") ?? 50, 1), 1000)
            var filters: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let type = context.parameters["type"] { filters.append("type = ?"); arguments.append(type) }
            if let author = context.parameters["author"] { filters.append("coalesce(author, origin) = ?"); arguments.append(author) }
            let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
            return try CoreQueries.entries(context.db, sql: """
                SELECT * FROM message_log \(whereClause) ORDER BY position DESC LIMIT \(limit)
                """, arguments: StatementArguments(arguments))
        },
        ConsoleQuery("business.history", "Toàn bộ lịch sử một điểm kinh doanh qua các cơ quan (--business ID)") { context in
            let business = try context.required("business")
            return try CoreQueries.entries(context.db, sql: """
                SELECT * FROM message_log WHERE business = ? ORDER BY position
                """, arguments: [business])
        },
    ]
}

enum CoreQueries {
    static func entries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ActEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let type: String = row["type"]
            let body: Data = row["body"]
            let author: String? = row["author"]
            return ActEntry(
                position: row["position"], id: row["id"], type: type,
                typeName: MessageType(rawValue: type)?.vietnameseName ?? type,
                author: author ?? row["origin"], district: row["district"], business: row["business"],
                sentAt: row["sent_at"], body: String(decoding: body, as: UTF8.self))
        }
    }
}

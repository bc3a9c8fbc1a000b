import Foundation
import GRDB
import PhoiHopProtocol

/// "v3-act-date": the log keeps each act's own date (`CatalogBody.actDate`), so figures for a
/// report period count acts by the day they took effect, not by when they crossed the bus.
enum SchemaActDate {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE message_log ADD COLUMN act_on TEXT;
            CREATE INDEX message_log_act_on ON message_log (act_on, type);
            """)
        // Acts logged before this release: their date is in their body.
        for row in try Row.fetchAll(db, sql: "SELECT position, type, schema, body FROM message_log") {
            guard let type = MessageType(rawValue: row["type"]) else { continue }
            let body: Data = row["body"]
            guard let decoded = try? MessageBody.decode(type: type, schema: row["schema"], bytes: Array(body)),
                  let date = decoded.value.actDate
            else { continue }
            try db.execute(sql: "UPDATE message_log SET act_on = ? WHERE position = ?", arguments: [date.description, row["position"] as Int64])
        }
    }
}

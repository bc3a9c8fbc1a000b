public import GRDB
public import PhoiHopProtocol
import Foundation

// Report requests and answers (Điều 3.5, 11.2). A request creates one `report_answers` row per
// addressee with `submitted_on` NULL; the answer fills that row. The deadline board and the
// hub's status query read these two tables.

extension ReportRequested: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO report_requests (request_id, kind, subject, period_from, period_to, requested_on, due_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            binding: requestID, kind.rawValue, subject, periodFrom.description, periodTo.description, requestedOn.description,
                        dueOn.description)
        guard db.changesCount > 0 else {
            return try Projection.anomaly(db, position, "report request \(requestID) was already made; the second request is not applied")
        }
        for addressee in addressees {
            try db.execute(cached: "INSERT OR IGNORE INTO report_answers (request_id, agency) VALUES (?, ?)",
                           binding: requestID, addressee.rawValue)
        }
    }
}

extension ReportSubmitted: ProjectedAct {
    public func project(into db: Database, at position: Int64, by author: AgencyID) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let figuresJSON = String(decoding: (try? encoder.encode(figures)) ?? Data("[]".utf8), as: UTF8.self)
        try db.execute(
            cached: """
                UPDATE report_answers SET submitted_on = ?, figures = ?, note = ?
                WHERE request_id = ? AND agency = ? AND submitted_on IS NULL
                """,
            binding: submittedOn.description, figuresJSON, note, requestID, author.rawValue)
        try Projection.expectChange(
            db, position, "report answer of \(author) to request \(requestID): not an addressee of a known request, or already answered")
    }
}

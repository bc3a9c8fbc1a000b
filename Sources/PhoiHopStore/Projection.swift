public import GRDB
public import PhoiHopProtocol
import Foundation

/// Applies accepted messages to the aggregate tables.
///
/// Deterministic and order-dependent only on the log: replaying the log from position 0 into
/// empty tables gives the same state (``rebuild(_:)``). An act that cannot be placed — a
/// revocation of a certificate never seen issued — is recorded in `anomalies`, not dropped.
public enum Projection {
    public static func apply(_ db: Database, position: Int64, origin: AgencyID, body: MessageBody) throws {
        switch body {
        case let .businessRegistered(b):
            try db.execute(
                sql: """
                    INSERT INTO businesses (business_id, name, kind, district, address, owner, machines, isp_contract,
                                            registered_on, registered_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (business_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        address = excluded.address, owner = excluded.owner, machines = excluded.machines,
                        isp_contract = excluded.isp_contract
                    """,
                arguments: [b.businessID, b.name, b.kind.rawValue, b.district.rawValue, b.address, b.owner, b.machines,
                            b.ispContract, b.registeredOn.description, origin.rawValue])
        case let .certificateIssued(c):
            try db.execute(
                sql: """
                    INSERT INTO certificates (certificate_no, business_id, district, kind, issued_on, valid_until, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'valid')
                    ON CONFLICT (certificate_no) DO NOTHING
                    """,
                arguments: [c.certificateNo, c.businessID, c.district.rawValue, c.kind.rawValue,
                            c.issuedOn.description, c.validUntil.description])
            if db.changesCount == 0 {
                try anomaly(db, position, "certificate \(c.certificateNo) was issued again; the first issue stands")
            }
        case let .certificateRevoked(r):
            try db.execute(
                sql: """
                    UPDATE certificates SET status = 'revoked', revoked_on = ?, revoked_by = ?, ground = ?
                    WHERE certificate_no = ? AND status = 'valid'
                    """,
                arguments: [r.revokedOn.description, origin.rawValue, r.ground, r.certificateNo])
            if db.changesCount == 0 {
                try anomaly(db, position, "revocation of certificate \(r.certificateNo), which is unknown or already revoked")
            }
        case let .inspectionRecorded(i):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO inspections (inspection_id, plan_id, business_id, district, kind, conducted_on,
                                                        outcome, findings, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [i.inspectionID, i.planID, i.businessID, i.district.rawValue, i.kind.rawValue,
                            i.conductedOn.description, i.outcome.rawValue, i.findings, origin.rawValue])
        case let .violationRecorded(v):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO violations (violation_id, business_id, district, category, observed_on,
                                                       evidence_ref, inspection_id, description, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [v.violationID, v.businessID, v.district.rawValue, v.category, v.observedOn.description,
                            v.evidenceRef, v.inspectionID, v.description, origin.rawValue])
        case let .incidentReported(i):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO incidents (incident_id, district, occurred_on, severity, summary, reported_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [i.incidentID, i.district?.rawValue, i.occurredOn.description, i.severity.rawValue,
                            i.summary, origin.rawValue])
        case let .inspectionPlanned(p):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO inspection_plans (plan_id, kind, title, lead, participants, targets, starts_on, ends_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [p.planID, p.kind.rawValue, p.title, p.lead.rawValue,
                            p.participants.map(\.rawValue).joined(separator: ","), p.targets.joined(separator: ","),
                            p.startsOn.description, p.endsOn.description])
        }
    }

    /// Empties the aggregate tables and replays the whole log into them. Returns the number of
    /// messages replayed.
    @discardableResult
    public static func rebuild(_ db: Database) throws -> Int {
        for table in ["businesses", "certificates", "inspection_plans", "inspections", "violations", "incidents", "anomalies"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        var position: Int64 = 0
        var replayed = 0
        while true {
            let batch = try MessageLog.entries(db, after: position, limit: 10_000)
            guard let last = batch.last else { break }
            for entry in batch {
                let body = try MessageBody.decode(type: entry.type, schema: entry.type.schemaVersion, bytes: entry.body)
                try apply(db, position: entry.position, origin: entry.origin, body: body)
            }
            replayed += batch.count
            position = last.position
        }
        return replayed
    }

    static func anomaly(_ db: Database, _ position: Int64, _ problem: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO anomalies (position, problem) VALUES (?, ?)", arguments: [position, problem])
    }
}

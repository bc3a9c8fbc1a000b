// `phoihop-bench reports [--years N] [--scale K]`: how long the hub takes to produce its reports
// over a long history (issue 6: "report generation over 10 years × 15 districts of history";
// issue 9: a quarterly report over ~5 M accepted acts ≤ 1 s, a rebuild from the log ≥ 200 000
// acts/s). A hub store is filled with N years of a province's acts in every district of the
// province file — each appended to the log (hash-chained, as the hub appends it) and applied
// through the real projections — K times the acts of a plausible province year (`--scale 45`
// gives ~5 M over 10 years). Then the hub's own queries answer: the monthly, quarterly and annual
// reports ending on the last cut-off, and the ad-hoc report over the whole history; each is also
// rendered to HTML as `phoihop report` does. Last, the aggregate tables are rebuilt from the log
// as `phoihop-hub rebuild` does (``Projection/rebuild``: every body decoded and applied again),
// timed. No daemon, no network: the store and the report code alone.
import Foundation
import GRDB
import PhoiHopConfig
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore

/// `store`: a path to keep the filled store at; when it already holds one, the fill is skipped and
/// the reports (and the rebuild) run on it, so a change to the reports can be measured in seconds.
func reportHistory(years: Int, scale: Int, store: String? = nil, rebuild: Bool = true, only: String? = nil) throws {
    let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config").path
    let rules = try ProvinceRules.load(provinceFile: "\(config)/province/long-an.yaml", rulesDirectory: "\(config)/rules")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-reportbench-\(UUID().uuidString.prefix(8))")
    let path: String
    if let store {
        path = store
    } else {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("hub.sqlite").path
    }
    defer { if store == nil { try? FileManager.default.removeItem(at: dir) } }
    let reuse = store.map { FileManager.default.fileExists(atPath: $0) } ?? false
    let database = try PhoiHopDatabase(path: path, durability: .normal)

    let lastCutoff = try CivilDate(year: 2026, month: 12, day: 14)
    let first = lastCutoff.adding(years: -years).adding(days: 1)
    var history = HistoryWriter(scale: scale)
    let fillStart = now()
    var acts = reuse ? try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message_log") ?? 0 } : 0
    var seqs: [AgencyID: UInt64] = [:]
    // One year per transaction: the fill is not what is measured.
    for year in 0..<(reuse ? 0 : years) {
        let bodies = history.year(from: first.adding(years: year), rules: rules)
        let ts = Int64(Date().timeIntervalSince1970 * 1000)
        try database.write { db in
            for act in bodies {
                acts += 1
                let seq = (seqs[act.author] ?? 0) + 1
                seqs[act.author] = seq
                let position = try MessageLog.append(
                    db, id: UUID().uuidString.lowercased(), origin: act.author, seq: seq, type: act.body.type,
                    schema: act.body.type.schemaVersion, district: act.body.value.concernedDistrict, sentAt: ts, acceptedAt: ts,
                    body: act.body.encoded(), business: act.body.value.concernedBusiness, actOn: act.body.value.actDate)
                try Projection.apply(db, position: position, author: act.author, body: act.body)
            }
        }
    }
    let fillSeconds = now() - fillStart
    let anomalies = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM anomalies") ?? 0 }
    guard anomalies == 0 else { fail("the generated history is incoherent: \(anomalies) anomalies") }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if reuse { print("report history: reusing the store at \(path) (the years and scale given are not checked against it)") }
    print(String(format: "report history: %d years × %d districts (scale %d), %d acts logged and applied through the projections in %.1f s (%.0f/s), store %.1f MiB",
                 years, rules.districts.count, scale, acts, fillSeconds, Double(acts) / fillSeconds, Double(size) / 1_048_576))
    let counts = try database.read { db in
        try ["businesses", "certificates", "inspections", "violations", "sanctions", "cases", "incidents", "fire_safety_checks"].map {
            "\($0) \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0)"
        }
    }
    print("  rows: " + counts.joined(separator: ", "))

    let hub = AgencyID(rawValue: "so-tttt")!
    let cases: [(String, String, [String: String])] = [
        ("monthly report (November 2026)", "report.periodic", ["kind": "monthly", "month": "2026-12"]),
        ("quarterly report (Q4 2026)", "report.periodic", ["kind": "quarterly", "month": "2026-12"]),
        ("annual report (2026)", "report.periodic", ["kind": "annual", "month": "2026-12"]),
        ("ad-hoc report over all \(years) years", "report.adhoc", ["from": first.description, "to": lastCutoff.description]),
    ]
    for (name, queryName, parameters) in cases where only.map({ name.hasPrefix($0) }) ?? true {
        guard let query = ConsoleQueries.named(queryName) else { fail("no query \(queryName)") }
        var computeTimes: [Double] = [], renderTimes: [Double] = []
        var bytes = 0
        for _ in 0..<5 {
            var start = now()
            let answer = try database.read { db in
                try query.answer(QueryContext(db: db, agency: hub, role: .hub, rules: rules, today: lastCutoff.adding(days: 1), parameters: parameters))
            }
            computeTimes.append(now() - start)
            start = now()
            let decoded = try JSONDecoder().decode(PeriodicReportAnswer.self, from: Data(answer))
            bytes = decoded.document.renderHTML().utf8.count
            renderTimes.append(now() - start)
        }
        print(String(format: "  %@: computed in %.0f ms (median of 5), decoded and rendered to HTML in %.0f ms (%d KiB)",
                     name, median(computeTimes) * 1000, median(renderTimes) * 1000, bytes / 1024))
    }

    guard rebuild else { return }
    // The rebuild: what `phoihop-hub rebuild` runs, in one transaction, on this store (the log read
    // on a second connection, beside the apply).
    let before = try database.read { db in try ProjectionDigest.of(db) }
    let rebuildStart = now()
    var replayedAt = rebuildStart, indexedAt = rebuildStart
    let log = try database.logReader()
    let replayed = try database.write { db in
        defer { indexedAt = now() }
        return try Projection.rebuild(db, readingLogFrom: log) { count in if count == acts { replayedAt = now() } }
    }
    let rebuildSeconds = now() - rebuildStart
    guard replayed == acts else { fail("the rebuild replayed \(replayed) acts, expected \(acts)") }
    guard try database.read({ db in try ProjectionDigest.of(db) }) == before else { fail("the rebuilt tables hold other row counts than the applied ones") }
    print(String(format: "  rebuild from the log (every body decoded and applied again, one transaction): %d acts in %.1f s (%.0f acts/s); every table holds the same number of rows",
                 replayed, rebuildSeconds, Double(replayed) / rebuildSeconds))
    print(String(format: "    of which: replay %.1f s, the report indexes built again %.1f s, commit %.1f s",
                 replayedAt - rebuildStart, indexedAt - replayedAt, rebuildStart + rebuildSeconds - indexedAt))
}

/// Row counts of every aggregate table: the rebuild must give the same tables back.
enum ProjectionDigest {
    static func of(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Projection.aggregateTables { counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        return counts
    }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// A plausible province year, deterministic (a fixed-seed generator): in every district, new
/// access points of every kind, their certificates, two inspections per operating point a year
/// with a violation in one of seven and its sanction, a fire-safety check each, closures, the
/// complaints and denunciations the hub receives and resolves, and security incidents.
struct HistoryWriter {
    struct Act { let author: AgencyID; let body: MessageBody }
    private var random = SplitMix(seed: 52_2009)
    private var operating: [(id: String, district: AgencyID, kind: BusinessKind)] = []
    private var serial = 0
    private let hub = AgencyID(rawValue: "so-tttt")!
    private let vhttdl = AgencyID(rawValue: "vhttdl")!
    private let congAn = AgencyID(rawValue: "cong-an")!

    /// How many times a plausible province's year of acts.
    private let scale: Int

    init(scale: Int = 1) { self.scale = scale }

    private mutating func next(_ prefix: String) -> String { serial += 1; return "\(prefix)-\(serial)" }

    mutating func year(from start: CivilDate, rules: ProvinceRules) -> [Act] {
        var acts: [Act] = []
        func day() -> CivilDate { start.adding(days: Int(random.next() % 365)) }
        let kinds: [BusinessKind] = [.publicAccessPoint, .gamePoint, .internetAgent, .isp]
        let category = rules.violationCategories.first { $0.fineMin > 0 } ?? rules.violationCategories[0]
        for district in rules.districts.map(\.id) {
            for n in 0..<40 * scale {
                let kind = kinds[n % 10 < 5 ? 0 : n % 10 < 8 ? 1 : n % 10 < 9 ? 2 : 3]
                let id = next("B"), on = day()
                acts.append(Act(author: district, body: MessageBody(BusinessRegistered(
                    businessID: id, name: "Điểm \(id)", kind: kind, district: district, address: "Số \(n) đường 30/4",
                    owner: "Nguyễn Văn \(n)", machines: 10 + n, registeredOn: on))))
                acts.append(Act(author: district, body: MessageBody(CertificateIssued(
                    certificateNo: next("GCN"), businessID: id, district: district,
                    kind: kind == .gamePoint ? .gamePointEligibility : .businessRegistration,
                    issuedOn: on, validUntil: on.adding(years: 5)))))
                operating.append((id, district, kind))
            }
        }
        // Inspections, violations, sanctions and fire-safety checks of the points operating this year.
        for (index, business) in operating.enumerated() {
            for half in 0..<2 {
                let on = start.adding(days: half * 182 + Int(random.next() % 180))
                let inspection = next("KT"), found = random.next() % 7 == 0
                acts.append(Act(author: vhttdl, body: MessageBody(InspectionRecorded(
                    inspectionID: inspection, businessID: business.id, district: business.district,
                    kind: index % 3 == 0 ? .unannounced : .periodic, conductedOn: on,
                    outcome: found ? .violationsFound : .compliant, findings: "Biên bản \(inspection)"))))
                guard found else { continue }
                let violation = next("VP")
                acts.append(Act(author: vhttdl, body: MessageBody(ViolationRecorded(
                    violationID: violation, businessID: business.id, district: business.district, category: category.code,
                    observedOn: on, evidenceRef: "BB-\(violation)", inspectionID: inspection, description: "Vi phạm \(violation)"))))
                acts.append(Act(author: vhttdl, body: MessageBody(SanctionDecided(
                    sanctionID: next("XP"), violationID: violation, businessID: business.id, district: business.district,
                    decisionNo: "QĐ-\(violation)", decidedOn: on.adding(days: 10), penalty: .fine, fineVND: Int64(category.fineMin)))))
            }
            let checked = day()
            let passed = random.next() % 5 != 0
            acts.append(Act(author: congAn, body: MessageBody(FireSafetyChecked(
                checkID: next("PCCC"), businessID: business.id, district: business.district, checkedOn: checked,
                result: passed ? .passed : .failed, deficiencies: passed ? nil : "Thiếu bình chữa cháy"))))
        }
        // One point in ten closes at the end of the year.
        var remaining: [(id: String, district: AgencyID, kind: BusinessKind)] = []
        for business in operating {
            if random.next() % 10 == 0 {
                acts.append(Act(author: business.district, body: MessageBody(BusinessClosed(
                    businessID: business.id, district: business.district, closedOn: start.adding(days: 360), reason: "Ngừng kinh doanh"))))
            } else {
                remaining.append(business)
            }
        }
        operating = remaining
        // The hub's complaints and denunciations, and the police's incidents, across the districts.
        for (n, district) in rules.districts.map(\.id).enumerated() {
            for k in 0..<20 * scale {
                let id = next(k % 4 == 0 ? "TC" : "KN"), received = start.adding(days: Int(random.next() % 300))
                acts.append(Act(author: hub, body: MessageBody(ComplaintReceived(
                    caseID: id, kind: k % 4 == 0 ? .denunciation : .complaint, receivedOn: received,
                    complainant: "Công dân \(k)", subject: "Đơn \(id)", district: district))))
                acts.append(Act(author: hub, body: MessageBody(ComplaintAccepted(caseID: id, acceptedOn: received.adding(days: 3)))))
                acts.append(Act(author: hub, body: MessageBody(ComplaintResolved(
                    caseID: id, resolvedOn: received.adding(days: 20 + Int(random.next() % 30)), outcome: .rejected,
                    decisionRef: "QĐ-\(id)", summary: "Giải quyết \(id)"))))
            }
            for k in 0..<5 * scale {
                acts.append(Act(author: congAn, body: MessageBody(IncidentReported(
                    incidentID: next("SC"), district: district, occurredOn: day(),
                    severity: [IncidentSeverity.low, .medium, .high, .critical][(n + k) % 4], summary: "Sự cố"))))
            }
        }
        return acts
    }
}

/// A small deterministic generator (SplitMix64): the same history on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

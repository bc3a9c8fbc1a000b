import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The canonical dump `rebuild --verify` compares: stable across a rebuild of the same log,
/// sensitive to any changed row, and rendering values so that no two states look alike.
struct ProjectionDumpTests {
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let vhttdl = AgencyID(rawValue: "vhttdl")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    /// A hub database in a temporary file whose log and aggregate tables were filled through the
    /// real projection, as the hub applies acts it received.
    final class ProjectedStore {
        let path: String
        let database: PhoiHopDatabase
        private var seq: [AgencyID: UInt64] = [:]

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-dump-\(UUID().uuidString).sqlite").path
            database = try PhoiHopDatabase(path: path, durability: .normal)
        }

        deinit {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        func apply(_ body: some CatalogBody, by author: AgencyID) throws {
            let body = MessageBody(body)
            let next = (seq[author] ?? 0) + 1
            seq[author] = next
            try database.write { db in
                let position = try MessageLog.append(
                    db, id: UUID().uuidString.lowercased(), origin: author, seq: next, type: body.type, schema: body.type.schemaVersion,
                    district: body.value.concernedDistrict, sentAt: 0, acceptedAt: 0, body: body.encoded(),
                    author: author, business: body.value.concernedBusiness, actOn: body.value.actDate)
                try Projection.apply(db, position: position, author: author, body: body)
            }
        }

        func dump() throws -> ProjectionDump { try database.read(Projection.canonicalDump) }
    }

    /// Acts of the registry, certificates, inspections, violations and security, plus one the
    /// projection cannot place (an anomaly).
    static func filled() throws -> ProjectedStore {
        let store = try ProjectedStore()
        for id in ["TA-1", "TA-2"] {
            try store.apply(BusinessRegistered(
                businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: tanAn, address: "1 Đường số 3",
                owner: "Trần Thị Bình", machines: 15, registeredOn: date("2026-11-01")), by: tanAn)
        }
        try store.apply(CertificateIssued(
            certificateNo: "GCN-TA-1", businessID: "TA-1", district: tanAn, kind: .businessRegistration,
            issuedOn: date("2026-11-06"), validUntil: date("2029-11-05")), by: tanAn)
        try store.apply(InspectionPlanned(
            planID: "KH-1", kind: .unannounced, title: "Kiểm tra đột xuất", lead: vhttdl,
            participants: [vhttdl, tanAn], targets: ["TA-1"], startsOn: date("2026-11-10"), endsOn: date("2026-11-10")), by: .hub)
        try store.apply(InspectionRecorded(
            inspectionID: "KT-1", planID: "KH-1", businessID: "TA-1", district: tanAn, kind: .unannounced,
            conductedOn: date("2026-11-10"), outcome: .violationsFound, findings: "Hoạt động sau 22 giờ"), by: vhttdl)
        try store.apply(ViolationRecorded(
            violationID: "VP-1", businessID: "TA-1", district: tanAn, category: "ND15-35-3-hours",
            observedOn: date("2026-11-10"), evidenceRef: "BB-1", description: "Hoạt động sau 22 giờ"), by: vhttdl)
        try store.apply(IncidentReported(
            incidentID: "SC-1", district: tanAn, occurredOn: date("2026-11-12"), severity: .high, summary: "Mã độc"), by: congAn)
        try store.apply(CertificateRevoked(
            certificateNo: "GCN-UNSEEN", businessID: "TA-2", district: tanAn, revokedOn: date("2026-11-22"), ground: "gian lận"), by: tanAn)
        return store
    }

    @Test func theCanonicalDumpIsByteForByteTheSameAfterARebuild() throws {
        let store = try Self.filled()
        let before = try store.dump()
        let replayed = try store.database.write { db in try Projection.rebuild(db) }
        let after = try store.dump()

        #expect(replayed == 8)
        #expect(before == after)
        #expect(Array(before.description.utf8) == Array(after.description.utf8))
        #expect(Set(before.tables.keys) == Set(Projection.aggregateTables))
        for table in ["businesses", "certificates", "inspection_plans", "inspections", "violations", "incidents", "anomalies"] {
            #expect(before.tables[table]?.isEmpty == false, "table \(table) should hold a projected row")
        }
        #expect(before.differences(from: after).isEmpty)
    }

    @Test func aTamperedRowMakesTheDumpDifferAndNamesItsTable() throws {
        let store = try Self.filled()
        let projected = try store.dump()
        try store.database.write { db in
            try db.execute(sql: "UPDATE businesses SET machines = 99 WHERE business_id = 'TA-1'")
        }
        let tampered = try store.dump()

        #expect(tampered != projected)
        let differences = tampered.differences(from: projected)
        #expect(differences.map(\.table) == ["businesses"])
        #expect(differences.first?.rowsOnlyHere == 1 && differences.first?.rowsOnlyThere == 1)
        #expect(differences.first?.firstOnlyHere.first?.contains("machines=99") == true)
        #expect(differences.first?.firstOnlyThere.first?.contains("machines=15") == true)

        // The log still holds the truth: a rebuild restores the projected state.
        try store.database.write { db in _ = try Projection.rebuild(db) }
        #expect(try store.dump() == projected)
    }

    @Test func aDeletedOrAddedRowIsADifferenceToo() throws {
        let store = try Self.filled()
        let projected = try store.dump()
        try store.database.write { db in try db.execute(sql: "DELETE FROM anomalies") }
        let differences = try store.dump().differences(from: projected)
        #expect(differences.map(\.table) == ["anomalies"])
        #expect(differences.first?.rowsOnlyHere == 0 && differences.first?.rowsOnlyThere == 1)
    }

    @Test func valuesOfDifferentStorageClassesNeverRenderAlike() {
        let rendered = [
            DatabaseValue.null, "".databaseValue, "NULL".databaseValue, 1.databaseValue, "1".databaseValue,
            1.5.databaseValue, Data([0x31]).databaseValue, "a\"b".databaseValue, "a\\\"b".databaseValue,
        ].map(ProjectionDump.render)
        #expect(Set(rendered).count == rendered.count, "\(rendered)")
        #expect(ProjectionDump.render(.null) == "NULL")
        #expect(ProjectionDump.render("".databaseValue) == "\"\"")
        #expect(ProjectionDump.render(42.databaseValue) == "42")
        #expect(ProjectionDump.render("tab\there".databaseValue) == "\"tab\\there\"")
    }

    @Test func composedAndDecomposedVietnameseAreDifferentBytesAndDifferentDumps() {
        // "Độ" composed (U+1ED8) and decomposed (O + U+0323 + U+0302): equal as Swift Strings.
        let composed = "\u{1ED8}", decomposed = "O\u{0323}\u{0302}"
        #expect(composed == decomposed)
        let a = ProjectionDump(tables: ["businesses": ["name=\"\(composed)\""]])
        let b = ProjectionDump(tables: ["businesses": ["name=\"\(decomposed)\""]])
        #expect(a != b)
        #expect(a.differences(from: b).map(\.table) == ["businesses"])
    }

    @Test func rowsAreInCanonicalOrderWhateverOrderTheyCameIn() {
        let a = ProjectionDump(tables: ["t": ["b=2", "a=1", "c=3"]])
        let b = ProjectionDump(tables: ["t": ["c=3", "b=2", "a=1"]])
        #expect(a == b)
        #expect(a.description == "# t (3 rows)\na=1\nb=2\nc=3\n")
    }

    @Test func rebuildReportsProgressAfterEachBatch() throws {
        let store = try Self.filled()
        var reported: [Int] = []
        try store.database.write { db in _ = try Projection.rebuild(db) { reported.append($0) } }
        #expect(reported == [8])
    }
}

import Foundation
import GRDB
import PhoiHopBus
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// `phoihop-hub rebuild [--verify]` as the IT staff run it: a real process on a real hub's
/// database, refused while the hub runs.
@Suite(.serialized)
struct RebuildTests {
    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    /// What a finished command process left: its exit code and what it printed.
    struct Outcome {
        let code: Int32
        let output: String
        let errors: String
    }

    static func run(_ province: Province, _ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(province.binDirectory)/\(executable)")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a child blocked on a full pipe would never exit.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(code: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                       errors: String(decoding: err, as: UTF8.self))
    }

    /// Leaves a socket file nobody listens on at `path`, as a daemon killed with SIGKILL does.
    static func leaveStaleSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8CString)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in bytes.prefix(buffer.count).enumerated() { buffer[i] = UInt8(bitPattern: byte) }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw ProvinceError("cannot leave a stale socket at \(path): errno \(errno)") }
    }

    @Test func rebuildIsRefusedWhileTheHubRunsAndVerifyFindsATamperedRowThatRebuildRepairs() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let district = try #require(province.agencies.first { $0.rawValue.hasPrefix("district-") })
        try province.start(.hub)
        try province.start(district)

        for id in ["R-1", "R-2"] {
            try province.record(district, MessageBody(BusinessRegistered(
                businessID: id, name: "Đại lý \(id)", kind: .internetAgent, district: district, address: "1 Đường số 3",
                owner: "Trần Thị Bình", machines: 15, registeredOn: Self.date("2026-11-01"))))
        }
        try province.record(district, MessageBody(CertificateIssued(
            certificateNo: "GCN-R-1", businessID: "R-1", district: district, kind: .businessRegistration,
            issuedOn: Self.date("2026-11-06"), validUntil: Self.date("2029-11-05"))))
        try province.waitUntil("the hub applied the district's three acts", timeout: 20) {
            try province.status(.hub).totals.messages >= 3
        }
        let logged = try province.status(.hub).totals.messages

        let hubConfig = province.configFile(.hub)
        let whileRunning = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig])
        #expect(whileRunning.code == 75, "\(whileRunning)")
        #expect(whileRunning.errors.contains("daemon is running"), "\(whileRunning.errors)")
        let verifyWhileRunning = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig, "--verify"])
        #expect(verifyWhileRunning.code == 75, "\(verifyWhileRunning)")

        #expect(province.stop(.hub) == 0)
        // A socket file that does not answer is what a killed hub leaves: not "running".
        if !FileManager.default.fileExists(atPath: province.controlPath(.hub)) {
            try Self.leaveStaleSocket(at: province.controlPath(.hub))
        }

        let hubDatabase = province.databasePath(.hub)
        let modified = try FileManager.default.attributesOfItem(atPath: hubDatabase)[.modificationDate] as? Date
        let verified = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig, "--verify"])
        #expect(verified.code == 0, "\(verified)")
        #expect(verified.output.contains("identical ("), "\(verified.output)")
        #expect(try FileManager.default.attributesOfItem(atPath: hubDatabase)[.modificationDate] as? Date == modified,
                "--verify changed the live database")

        // Tamper one aggregate row behind the projection's back.
        try PhoiHopDatabase(path: hubDatabase).write { db in
            try db.execute(sql: "UPDATE businesses SET machines = 99 WHERE business_id = 'R-1'")
        }
        let tampered = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig, "--verify"])
        #expect(tampered.code == 1, "\(tampered)")
        #expect(tampered.output.contains("table businesses"), "\(tampered.output)")
        #expect(tampered.output.contains("machines=99"), "\(tampered.output)")
        #expect(!tampered.output.contains("table certificates"), "\(tampered.output)")

        let rebuilt = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig])
        #expect(rebuilt.code == 0, "\(rebuilt)")
        #expect(rebuilt.output.contains("messages replayed"), "\(rebuilt.output)")
        #expect(rebuilt.output.contains("\(logged) messages replayed"), "\(rebuilt.output)")
        #expect(rebuilt.errors.contains("rebuilt \(logged)/\(logged) messages"), "\(rebuilt.errors)")
        #expect(rebuilt.errors.contains("(100%)") && rebuilt.errors.contains("messages/s"), "a progress line gives the share and the rate")
        let machines = try PhoiHopDatabase(path: hubDatabase).read { db in
            try Int.fetchOne(db, sql: "SELECT machines FROM businesses WHERE business_id = 'R-1'")
        }
        #expect(machines == 15)

        let again = try Self.run(province, "phoihop-hub", ["rebuild", "--config", hubConfig, "--verify"])
        #expect(again.code == 0, "\(again)")
        #expect(again.output.contains("identical ("), "\(again.output)")

        // The hub starts again on the rebuilt database.
        try province.start(.hub)
        #expect(try province.status(.hub).totals.businesses == 2)
    }

    @Test func theAgencyDaemonRebuildsItsOwnTablesAndRefusesTheHubsConfiguration() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        let district = try #require(province.agencies.first { $0.rawValue.hasPrefix("district-") })
        try province.start(district)
        try province.record(district, MessageBody(BusinessRegistered(
            businessID: "A-1", name: "Đại lý A-1", kind: .internetAgent, district: district, address: "1 Đường số 3",
            owner: "Trần Thị Bình", machines: 15, registeredOn: Self.date("2026-11-01"))))

        let running = try Self.run(province, "phoihop-agency", ["rebuild", "--config", province.configFile(district)])
        #expect(running.code == 75, "\(running)")
        province.stop(district)

        let wrongRole = try Self.run(province, "phoihop-agency", ["rebuild", "--config", province.configFile(.hub)])
        #expect(wrongRole.code == 78, "\(wrongRole)")
        #expect(wrongRole.errors.contains("phoihop-hub rebuild"), "\(wrongRole.errors)")

        let rebuilt = try Self.run(province, "phoihop-agency", ["rebuild", "--config", province.configFile(district)])
        #expect(rebuilt.code == 0, "\(rebuilt)")
        #expect(rebuilt.output.contains("1 messages replayed, 0 anomalies"), "\(rebuilt.output)")
        let verified = try Self.run(province, "phoihop-agency", ["rebuild", "--config", province.configFile(district), "--verify"])
        #expect(verified.code == 0, "\(verified)")
        #expect(verified.output.contains("identical ("), "\(verified.output)")
    }
}

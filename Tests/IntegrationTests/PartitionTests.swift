import Foundation
import GRDB
import PhoiHopBus
import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// A real network partition: the hub and a district on separate test hosts (network namespaces
/// joined by a veth pair, see ``NamespacePair``), the link taken down while both sides keep
/// recording and brought back. Đội 814 (vhttdl) and a second district stay in the hub's namespace,
/// so the rest of the province keeps flowing meanwhile.
@Suite(
    .serialized,
    .enabled(
        if: NamespacePair.available,
        "needs root and iproute2's `ip netns` to put the hub and a district in separate network namespaces joined by a veth pair"))
struct PartitionTests {
    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let tanAn = AgencyID(rawValue: "district-tan-an")!
    static let kienTuong = AgencyID(rawValue: "district-kien-tuong")!

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func peer(_ province: Province, _ agency: AgencyID, at viewer: AgencyID = .hub) throws -> PeerStatus {
        try #require(try province.status(viewer).peers.first { $0.id == agency })
    }

    /// A province of two districts: the hub, Đội 814 and Kiến Tường on the hub's host, Tân An on
    /// the other; every daemon started and online at the hub, each checked to run in its namespace.
    /// - Parameter window: the send window of the hub and Tân An (unacknowledged messages in flight), if not the default.
    static func startProvince(_ hosts: NamespacePair, window: Int? = nil) throws -> Province {
        let province = try Province(districts: 2, today: "2026-11-20", hubAddress: hosts.hubAddress)
        if let window { for agency in [AgencyID.hub, tanAn] { try province.tuneBus(agency, ["window: \(window)"]) } }
        for agency in [AgencyID.hub, vhttdl, kienTuong] { province.namespaces[agency] = hosts.hub }
        province.namespaces[tanAn] = hosts.agency
        try province.start(.hub)
        for agency in [tanAn, kienTuong, vhttdl] { try province.start(agency) }
        try province.waitUntil("the three agencies are online at the hub", timeout: 30) {
            try province.status(.hub).peers.filter(\.online).count == 3
        }
        // The harness's process is the daemon itself (ip execs it in place), in the namespace asked
        // for; its control socket answered from the root namespace (start waited for it).
        for (agency, namespace) in province.namespaces {
            let pid = try #require(province.processes[agency]).processIdentifier
            let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
            #expect(binary.hasSuffix(agency == .hub ? "/phoihop-hub" : "/phoihop-agency"), "pid \(pid) of \(agency) runs \(binary)")
            #expect(NamespacePair.process(pid, isIn: namespace), "\(agency) (pid \(pid)) is not in \(namespace)")
        }
        // Tân An reaches the hub over the veth link, from its own address.
        let links = try hosts.establishedConnections(in: hosts.agency, to: hosts.hubAddress)
        #expect(links.count == 2, "Tân An's connections to the hub: \(links)")
        #expect(links.allSatisfy { $0.hasPrefix("\(hosts.agencyAddress):") }, "\(links)")
        return province
    }

    func reportRequest(_ key: String) -> MessageBody {
        MessageBody(ReportRequested(
            requestID: key, kind: .adHoc, subject: "Báo cáo đột xuất \(key)", periodFrom: Self.date("2026-11-01"),
            periodTo: Self.date("2026-11-15"), requestedOn: Self.date("2026-11-20"), dueOn: Self.date("2026-11-30"),
            addressees: [Self.tanAn, Self.kienTuong]))
    }

    func violation(_ key: String) -> MessageBody {
        MessageBody(ViolationRecorded(
            violationID: key, businessID: "TA-0", district: Self.tanAn, category: "ND15-35-3-hours",
            observedOn: Self.date("2026-11-15"), evidenceRef: "BB-814-\(key)", description: "Hoạt động sau 22 giờ"))
    }

    /// What each side recorded, by receipt id, in the order recorded.
    struct Recorded {
        var tanAn: [String] = []
        var kienTuong: [String] = []
        /// Directives and relays the hub must deliver to Tân An: report requests, Đội 814's violations there.
        var toTanAn: Set<String> = []
    }

    /// One round of the partition drill: the district and Kiến Tường record businesses, the hub a
    /// report request to both districts, Đội 814 a violation in a Tân An business.
    func recordRound(_ province: Province, _ key: String, into recorded: inout Recorded, count: Int) throws {
        for i in 1...count {
            let request = try province.record(.hub, reportRequest("YC-\(key)-\(i)"))
            #expect(Set(request.recipients) == [Self.tanAn, Self.kienTuong])
            recorded.toTanAn.insert(request.id)
            recorded.toTanAn.insert(try province.record(Self.vhttdl, violation("VP-\(key)-\(i)")).id)
            recorded.tanAn.append(try province.record(Self.tanAn, ProvinceTests.business("TA-\(key)-\(i)", in: Self.tanAn)).id)
            recorded.kienTuong.append(try province.record(Self.kienTuong, ProvinceTests.business("KT-\(key)-\(i)", in: Self.kienTuong)).id)
        }
    }

    /// The partition drill. - Parameter restartHub: wait while partitioned until both ends have
    /// dropped the TCP connection (libzmq's heartbeat timeout, 6 s), then restart the hub, record
    /// more on both sides, and only then bring the link back: Tân An must reconnect to a new process.
    /// The send window is then 4, so each side's backlog (15 and 30) goes over in several acknowledged rounds.
    func partitionDrill(restartHub: Bool) throws {
        let hosts = try NamespacePair()
        let province = try Self.startProvince(hosts, window: restartHub ? 4 : nil)
        defer { province.stopAll() }
        var recorded = Recorded()

        // Baseline over the link: TA-0, the business Đội 814 later finds violations in, then a round.
        recorded.tanAn.append(try province.record(Self.tanAn, ProvinceTests.business("TA-0", in: Self.tanAn)).id)
        try province.waitUntil("Đội 814 holds TA-0", timeout: 30) { try province.status(Self.vhttdl).totals.businesses == 1 }
        try recordRound(province, "0", into: &recorded, count: 3)
        try province.waitUntil("the baseline crossed the link both ways", timeout: 30) {
            let atHub = try Self.peer(province, Self.tanAn)
            let atDistrict = try Self.peer(province, .hub, at: Self.tanAn)
            return atHub.applied == UInt64(recorded.tanAn.count) && atHub.outboundPending == 0 && atDistrict.outboundPending == 0
                && atDistrict.applied == atHub.outboundLastSeq
        }
        let tanAnCrossed = try Self.peer(province, Self.tanAn).applied
        let hubCrossed = try Self.peer(province, .hub, at: Self.tanAn).applied
        let linksBefore = try hosts.establishedConnections(in: hosts.agency, to: hosts.hubAddress)

        try hosts.cut()
        let cut = Date()
        try province.waitUntil("the hub shows Tân An offline (no heartbeat for 3 intervals)", timeout: 30) {
            try !Self.peer(province, Self.tanAn).online
        }
        try province.waitUntil("Tân An shows the hub offline", timeout: 30) { try !Self.peer(province, .hub, at: Self.tanAn).online }
        // Both sides keep working: Tân An records (acknowledged locally, queued in its outbox), the
        // hub keeps queuing directives and relays for it, and the rest of the province flows.
        try recordRound(province, "1", into: &recorded, count: 10)
        try province.waitUntil("the hub applied Kiến Tường's acts and Kiến Tường its directives during the partition", timeout: 30) {
            let kienTuong = try Self.peer(province, Self.kienTuong)
            return kienTuong.applied == UInt64(recorded.kienTuong.count) && kienTuong.outboundPending == 0
        }
        if restartHub {
            try province.waitUntil("both ends dropped the TCP connection over the cut link", timeout: 30) {
                try hosts.establishedConnections(in: hosts.agency, to: hosts.hubAddress).isEmpty
                    && hosts.establishedConnections(in: hosts.hub, to: hosts.agencyAddress).isEmpty
            }
            #expect(province.stop(.hub) == 0)
            try province.start(.hub)
            try province.waitUntil("Đội 814 and Kiến Tường online at the new hub", timeout: 30) {
                try Set(province.status(.hub).peers.filter(\.online).map(\.id)) == [Self.vhttdl, Self.kienTuong]
            }
            try recordRound(province, "2", into: &recorded, count: 5)
            // Long enough that Tân An's failing reconnects have backed off to libzmq's cap (5 s,
            // `BusSockets`): the link returns while it waits out a full interval.
            try province.waitUntil("Tân An has heard nothing from the hub for 15 s", timeout: 60) {
                let district = try province.status(Self.tanAn)
                guard let seen = district.peers.first(where: { $0.id == .hub })?.lastSeen else { return false }
                return district.now - seen > 15000
            }
        }
        // Nothing of the partition crossed: the hub applied only the baseline of Tân An's stream
        // and Tân An only the baseline of the hub's; each holds the rest for the other.
        let atHub = try Self.peer(province, Self.tanAn)
        let atDistrict = try Self.peer(province, .hub, at: Self.tanAn)
        #expect(!atHub.online)
        #expect(atHub.applied == tanAnCrossed)
        #expect(atDistrict.applied == hubCrossed)
        #expect(atDistrict.outboundPending == UInt64(recorded.tanAn.count) - tanAnCrossed)
        #expect(atHub.outboundPending == UInt64(recorded.toTanAn.count) - hubCrossed)

        try hosts.heal()
        let healed = Date()
        let partition = healed.timeIntervalSince(cut)
        try province.waitUntil("Tân An and the hub caught up both ways after the link returned", timeout: 90) {
            let atHub = try Self.peer(province, Self.tanAn)
            let atDistrict = try Self.peer(province, .hub, at: Self.tanAn)
            return atHub.online && atHub.applied == UInt64(recorded.tanAn.count) && atHub.outboundPending == 0
                && atDistrict.outboundPending == 0 && atDistrict.applied == atHub.outboundLastSeq
        }
        let catchUp = Date().timeIntervalSince(healed)
        let linksAfter = try hosts.establishedConnections(in: hosts.agency, to: hosts.hubAddress)
        print("partition of \(String(format: "%.1f", partition)) s (\(restartHub ? "connection dropped, hub restarted" : "short")): "
            + "\(recorded.tanAn.count - Int(tanAnCrossed)) acts from Tân An and \(recorded.toTanAn.count - Int(hubCrossed)) directives and relays to it waited; "
            + "caught up both ways \(String(format: "%.3f", catchUp)) s after the link came back; TCP connection kept: \(!linksBefore.isEmpty && linksBefore == linksAfter)")
        if restartHub { #expect(linksAfter.isDisjoint(with: linksBefore), "the connection survived a hub restart: \(linksAfter)") }
        try province.waitUntil("Đội 814 holds every business of both districts", timeout: 30) {
            try province.status(Self.vhttdl).totals.businesses == recorded.tanAn.count + recorded.kienTuong.count
        }
        province.stopAll()
        try Self.expectExactlyOnce(province, recorded)
    }

    /// Full id sets from the SQLite files, read only: every act in its origin's order, once.
    static func expectExactlyOnce(_ province: Province, _ recorded: Recorded) throws {
        func log(_ agency: AgencyID, from origin: AgencyID) throws -> [String] {
            try KillSoak.readOnly(province.databasePath(agency)) { db in
                try String.fetchAll(db, sql: "SELECT id FROM message_log WHERE origin = ? ORDER BY seq", arguments: [origin.rawValue])
            }
        }
        func outbox(_ stream: AgencyID) throws -> [String] {
            try KillSoak.readOnly(province.databasePath(.hub)) { db in
                try String.fetchAll(db, sql: "SELECT id FROM outbox WHERE stream = ? ORDER BY seq", arguments: [stream.rawValue])
            }
        }
        // Each district's acts: in its own log as acknowledged, at the hub once each, in the same order.
        for (district, acts) in [(tanAn, recorded.tanAn), (kienTuong, recorded.kienTuong)] {
            #expect(try log(district, from: district) == acts)
            #expect(try log(.hub, from: district) == acts)
        }
        // The hub's stream to Tân An: exactly the report requests and Đội 814's violations, each
        // applied once, in the hub's order.
        let sent = try outbox(tanAn)
        #expect(Set(sent) == recorded.toTanAn)
        #expect(sent.count == recorded.toTanAn.count)
        #expect(try log(tanAn, from: .hub) == sent)
        // Đội 814 got every business of both districts once, in the hub's order.
        let toVhttdl = try log(vhttdl, from: .hub)
        #expect(toVhttdl == (try outbox(vhttdl)))
        #expect(Set(toVhttdl) == Set(recorded.tanAn + recorded.kienTuong))
        #expect(toVhttdl.count == recorded.tanAn.count + recorded.kienTuong.count)
    }

    @Test func aDistrictCutOffFromTheHubGetsAndSendsEverythingOnceWhenTheLinkReturns() throws {
        try partitionDrill(restartHub: false)
    }

    @Test func aPartitionThatOutlivesTheConnectionAndAHubRestartStillDeliversEverythingOnce() throws {
        try partitionDrill(restartHub: true)
    }
}

/// `phoihop province init --hub-address`: the address the hub binds and the agencies connect to.
@Suite
struct ProvinceInitHubAddressTests {
    func provinceInit(_ arguments: [String]) throws -> (status: Int32, output: String, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-init-\(UUID().uuidString.prefix(8))").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(try Province.findBinDirectory())/phoihop")
        process.arguments = ["province", "init", "--dir", directory, "--rules", Province.repositoryRoot + "/config", "--districts", "1"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, directory)
    }

    @Test func theHubAndEveryAgencyUseTheAddressGiven() throws {
        let (status, output, directory) = try provinceInit(["--hub-address", "198.18.3.1", "--port", "7801"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(status == 0, "\(output)")
        for file in ["hub.yaml", "agencies/district-tan-an.yaml", "agencies/cong-an.yaml"] {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            #expect(text.contains("ingest: tcp://198.18.3.1:7801\n") && text.contains("publish: tcp://198.18.3.1:7802\n"), "\(file): \(text)")
            #expect(!text.contains("127.0.0.1"), "\(file)")
        }
    }

    @Test(arguments: ["198.18.300.1", "198.18.3", "localhost", "198.18.03.1", "1.2.3.4.5", "", "198.18.3.1:7701", "0.0.0.0"])
    func anAddressAgenciesCannotConnectToIsRefusedWithTheReason(_ address: String) throws {
        let (status, output, directory) = try provinceInit(["--hub-address", address])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(status != 0)
        let reason = address == "0.0.0.0" ? "không phải địa chỉ các đơn vị kết nối tới được" : "không phải một địa chỉ IPv4 dạng a.b.c.d"
        #expect(output.contains("--hub-address: '\(address)' \(reason)"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/hub.yaml"))
    }
}

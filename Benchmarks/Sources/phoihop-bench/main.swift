// phoihop-bench: two measurements of real daemon processes (CURVE on, loopback, separate
// processes, every act durable where it is recorded and applied durably at the hub).
//
// * `phoihop-bench` (or `phoihop-bench throughput`): one agency daemon to the hub, both up; an
//   officer's acts one transaction each, until the agency's outbox is empty.
// * `phoihop-bench catchup --acts N [--batch B]` (default 100 000): the hub is DOWN while one
//   district records N acts (B per `record-many` request with --batch); then the hub starts and
//   we measure how fast it applies the backlog, until the district's outbox to it is empty.
//   Prints the seconds to record, the seconds to catch up, the catch-up rate and the hub's
//   resident memory at the end. Then (unless `--no-handover`) the
//   district's database is deleted and the district restarted: the hub hands its N acts back to
//   it (a handover, docs/RELIABILITY.md), and we time that until the district holds them all.
//
// * `phoihop-bench ceilings`: the machine's limits in the same run — raw libzmq with and without
//   CURVE, SQLite commits at the daemons' durability, Ed25519 (CeilingsBench.swift).
//
// * `phoihop-bench footprint`: launch → READY=1 (timed on a notification socket, as systemd
//   does) and idle RSS of the hub and an agency (FootprintBench.swift).
//
// * `phoihop-bench e2e`: the hub and 16 agency daemons, durable end to end (EndToEndBench.swift).
//
// * `phoihop-bench latency`: due → durable at the hub at fixed offered rates, HdrHistogram
//   percentiles, open loop (LatencyBench.swift).
//
// * `phoihop-bench logappend [--acts N]` (default 20 000): the cost of the log's hash chain on
//   an append, in the store alone (LogAppendBench.swift).
//
//   make bench                                   (builds the daemons in release, then runs both)
//   BENCH_ACTS=2000 CATCHUP=50000 make bench
//   CATCHUP=1000000 make bench                   (1 M: ~4 min to record by record-many, ~3 min to catch up)
//   cd Benchmarks && PHOIHOP_BIN_DIR=$PWD/../.build/release swift run -c release phoihop-bench catchup --acts 100000
import Foundation
import PhoiHopBus
import PhoiHopConsole
import PhoiHopProtocol
import Sodium

let environment = ProcessInfo.processInfo.environment
let binDirectory = environment["PHOIHOP_BIN_DIR"] ?? "../.build/release"
let district = AgencyID(rawValue: "district-tan-an")!

func now() -> Double { Date().timeIntervalSince1970 }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("phoihop-bench: \(message)\n".utf8))
    exit(1)
}

/// A province of one district written to a fresh temporary directory, and the daemons started in it.
final class BenchProvince {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-bench-\(UUID().uuidString.prefix(8))").path
    var processes: [AgencyID: Process] = [:]

    /// Sets `durability` in one daemon's configuration (the bench may record fast at the district
    /// and still measure a hub that fsyncs every commit).
    func setDurability(_ agency: AgencyID, _ durability: String) throws {
        let file = agency == .hub ? "\(dir)/hub.yaml" : "\(dir)/agencies/\(agency).yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("durability: ") ? "durability: \(durability)" : String(line)
        }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// The agencies provisioned, hub excluded, in start order.
    let agencies: [AgencyID]

    init(durability: String, districts: Int = 1) throws {
        let port = Int.random(in: 30000...60000)
        agencies = try ProvinceLayout.write(directory: dir, rulesDirectory: "../config", provinceFile: "long-an.yaml", port: port,
                                            districtLimit: districts, heartbeatMilliseconds: busTiming.heartbeat,
                                            resendMilliseconds: busTiming.resend,
                                            durability: durability)
    }

    func control(_ agency: AgencyID) -> String { "\(dir)/state/\(agency)/control.sock" }

    func start(_ agency: AgencyID) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(agency == .hub ? "phoihop-hub" : "phoihop-agency")")
        p.arguments = ["--config", agency == .hub ? "\(dir)/hub.yaml" : "\(dir)/agencies/\(agency).yaml"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        processes[agency] = p
    }

    func status(_ agency: AgencyID) -> DaemonStatus? {
        guard let client = try? ControlClient(path: control(agency), timeoutMilliseconds: 5000) else { return nil }
        return try? client.call(ControlCommand(command: "status"), as: DaemonStatus.self)
    }

    /// Resident memory of a daemon in MiB, from /proc (nil off Linux).
    func residentMiB(_ agency: AgencyID) -> Double? {
        guard let pid = processes[agency]?.processIdentifier,
              let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    func stop(_ agency: AgencyID) {
        guard let p = processes.removeValue(forKey: agency) else { return }
        p.terminate(); p.waitUntilExit()
    }

    func databasePath(_ agency: AgencyID) -> String { "\(dir)/state/\(agency)/\(agency).sqlite" }

    func stop() {
        for p in processes.values { p.terminate(); p.waitUntilExit() }
        processes = [:]
        try? FileManager.default.removeItem(atPath: dir)
    }
}

func business(_ i: Int) throws -> MessageBody {
    MessageBody(BusinessRegistered(
        businessID: "TA-\(i)", name: "Đại lý \(i)", kind: .internetAgent, district: district, address: "\(i) Đường số 1",
        owner: "Nguyễn Văn An", machines: 10, registeredOn: try CivilDate(parsing: "2026-11-01")))
}

func record(_ client: ControlClient, _ i: Int) throws {
    let body = try business(i)
    _ = try client.record(body)
}

/// Records `bodies` with one `record-many` request (one commit at the agency); fails on any refusal.
func recordMany(_ client: ControlClient, _ bodies: [MessageBody]) throws {
    guard let type = bodies.first?.type else { return }
    let outcomes = try client.recordMany(type: type, bodies: bodies.map { $0.encoded() })
    if let refused = outcomes.first(where: { $0.receipt == nil }) { fail("an act was refused: \(refused.error ?? "?")") }
}

func measureThroughput(acts: Int, durability: String) throws -> (recorded: Double, delivered: Double) {
    let province = try BenchProvince(durability: durability)
    defer { province.stop() }
    try province.start(.hub)
    try province.start(district)
    while province.status(.hub)?.peers.first(where: { $0.id == district })?.online != true { usleep(20_000) }
    let client = try ControlClient(path: province.control(district))
    let start = now()
    for i in 1...acts { try record(client, i) }
    let recorded = now()
    while (province.status(district)?.peers.first?.outboundPending ?? 1) > 0 { usleep(1000) }
    let delivered = now()
    guard province.status(.hub)?.totals.messages == acts else { throw CocoaError(.featureUnsupported) }
    return (Double(acts) / (recorded - start), Double(acts) / (delivered - start))
}

func throughput() throws {
    let acts = Int(environment["BENCH_ACTS"] ?? "") ?? 2000
    print("phoihop-bench: \(acts) acts, 1 district daemon → hub, CURVE on, separate processes, loopback")
    print("durability  recorded/s (officer path)  delivered+acked/s (end to end)")
    for durability in ["full", "normal"] {
        let (recorded, delivered) = try measureThroughput(acts: acts, durability: durability)
        print(String(format: "%-10@  %24.0f  %30.0f", durability as NSString, recorded, delivered))
    }
}

/// The long-outage catch-up: the hub down while the district records `acts`, then started.
func catchUp(acts: Int, threads: Int, batch: Int, durability: String, districtDurability: String, handover: Bool) throws {
    print("phoihop-bench catchup: \(acts) acts recorded at 1 district with the hub down (\(threads) console threads, \(batch == 1 ? "one act per record request" : "\(batch) acts per record-many request"), durability: hub \(durability), district \(districtDurability)), then the hub starts")
    let province = try BenchProvince(durability: durability)
    try province.setDurability(district, districtDurability)
    defer { province.stop() }
    try province.start(district)
    while province.status(district) == nil { usleep(20_000) }

    let start = now()
    let failures = Counter()
    let control = province.control(district)
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
        do {
            let client = try ControlClient(path: control)
            if batch > 1 {
                // This thread's acts, `batch` per request.
                let mine = Array(stride(from: thread + 1, through: acts, by: threads))
                for slice in stride(from: 0, to: mine.count, by: batch) {
                    try recordMany(client, try mine[slice..<min(slice + batch, mine.count)].map(business))
                }
            } else {
                var i = thread + 1
                while i <= acts { try record(client, i); i += threads }
            }
        } catch { failures.add("\(error)") }
    }
    if let first = failures.first { fail("recording failed: \(first)") }
    let recorded = now()
    let backlog = province.status(district)?.peers.first(where: { $0.id == .hub })?.outboundPending ?? 0
    guard backlog == UInt64(acts) else { fail("the district holds \(backlog) pending acts for the hub, expected \(acts)") }
    print(String(format: "recorded       %9d acts in %8.1f s  (%6.0f acts/s)", acts, recorded - start, Double(acts) / (recorded - start)))

    let hubStart = now()
    try province.start(.hub)
    var lastReport = hubStart
    while true {
        let pending = province.status(district)?.peers.first(where: { $0.id == .hub })?.outboundPending ?? UInt64(acts)
        if pending == 0 { break }
        if now() - lastReport >= 10 {
            lastReport = now()
            print(String(format: "  … %5.0f s: %d still pending", lastReport - hubStart, pending))
        }
        usleep(50_000)
    }
    let caughtUp = now()
    guard let hub = province.status(.hub), hub.totals.messages == acts else {
        fail("the hub holds \(province.status(.hub)?.totals.messages ?? -1) acts, expected \(acts)")
    }
    let seconds = caughtUp - hubStart
    print(String(format: "caught up      %9d acts in %8.1f s  (%6.0f msg/s applied at the hub, from the hub's launch)", acts, seconds, Double(acts) / seconds))
    if let rss = province.residentMiB(.hub) { print(String(format: "hub RSS at the end: %.0f MiB", rss)) }
    if let rss = province.residentMiB(district) { print(String(format: "district RSS at the end: %.0f MiB", rss)) }
    guard handover else { return }

    // The district's disk is replaced: the hub hands the district's acts back from its log.
    province.stop(district)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: province.databasePath(district) + suffix) }
    let handoverStart = now()
    try province.start(district)
    lastReport = handoverStart
    while (province.status(district)?.totals.messages ?? 0) < acts {
        if now() - lastReport >= 10 {
            lastReport = now()
            print(String(format: "  … %5.0f s: the district holds %d", lastReport - handoverStart, province.status(district)?.totals.messages ?? 0))
        }
        usleep(50_000)
    }
    let handedOver = now() - handoverStart
    print(String(format: "handed over    %9d acts in %8.1f s  (%6.0f msg/s, from the district's restart on an empty database)", acts, handedOver, Double(acts) / handedOver))
}

/// Ed25519 on this machine, one core: what signing every act and checking every signature costs
/// next to the bus's own rate (the hub verifies each act once; an agency signs each once).
func signatures() throws {
    let key = SigningKeyPair.generate()
    let body = try business(1).encoded()
    let input = Envelope.signingInput(type: .businessRegistered, schema: 1, id: UUID().uuidString.lowercased(),
                                      author: district, ts: 1_795_000_000_000, body: body)
    let rounds = 20_000
    var start = now()
    var signature = key.sign(input)
    for _ in 0..<rounds { signature = key.sign(input) }
    let signRate = Double(rounds) / (now() - start)
    start = now()
    var verified = 0
    for _ in 0..<rounds where key.publicKey.verifies(signature, of: input) { verified += 1 }
    let verifyRate = Double(rounds) / (now() - start)
    guard verified == rounds else { fail("a signature failed to verify") }
    print(String(format: "Ed25519 (libsodium), %d-byte signing input, 1 core: sign %.0f/s, verify %.0f/s (%.1f µs per verify)",
                 input.count, signRate, verifyRate, 1e6 / verifyRate))
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: String) { lock.lock(); errors.append(error); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return errors.first }
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
/// The daemons' heartbeat and resend timeout (`--heartbeat-ms`, `--resend-ms`, any command):
/// 500 ms each by default, as every figure of docs/PERFORMANCE.md was measured; the shipped
/// configuration has 2 000 and 1 000.
let busTiming = (heartbeat: Int(option("--heartbeat-ms", in: arguments) ?? "") ?? 500,
                 resend: Int(option("--resend-ms", in: arguments) ?? "") ?? 500)
guard (50...600_000).contains(busTiming.heartbeat), (20...600_000).contains(busTiming.resend) else {
    fail("--heartbeat-ms takes 50…600000 and --resend-ms 20…600000 (milliseconds)")
}
switch arguments.first {
case nil, "throughput":
    try signatures()
    try throughput()
case "signatures":
    try signatures()
case "ceilings":
    try ceilings()
case "decode":
    try decodeRate()
case "footprint":
    try footprint()
case "latency":
    let rates = (option("--rates", in: arguments) ?? "200,500,1000").split(separator: ",").compactMap { Int($0) }
    let seconds = Int(option("--seconds", in: arguments) ?? "") ?? 10
    guard !rates.isEmpty, rates.allSatisfy({ $0 > 0 }), seconds > 0 else { fail("usage: phoihop-bench latency [--rates R1,R2,…] [--seconds S]") }
    try latency(rates: rates, seconds: seconds)
case "e2e":
    let acts = Int(option("--acts-per-district", in: arguments) ?? "") ?? 200
    let clients = Int(option("--clients", in: arguments) ?? "") ?? 2
    let batch = Int(option("--batch", in: arguments) ?? "") ?? 1
    guard acts > 0, clients > 0, (1...1000).contains(batch) else {
        fail("usage: phoihop-bench e2e [--acts-per-district N] [--clients C] [--batch B (1…1000)]")
    }
    try endToEnd(actsPerDistrict: acts, clients: clients, batch: batch)
case "catchup":
    let acts = Int(option("--acts", in: arguments) ?? "") ?? 100_000
    let threads = Int(option("--threads", in: arguments) ?? "") ?? 4
    let batch = Int(option("--batch", in: arguments) ?? "") ?? 1
    let durability = option("--durability", in: arguments) ?? "full"
    let districtDurability = option("--district-durability", in: arguments) ?? durability
    guard acts > 0, threads > 0, (1...1000).contains(batch), ["full", "normal"].contains(durability), ["full", "normal"].contains(districtDurability) else {
        fail("usage: phoihop-bench catchup [--acts N] [--threads T] [--batch B (1…1000)] [--durability full|normal] [--district-durability full|normal] [--no-handover]")
    }
    try catchUp(acts: acts, threads: threads, batch: batch, durability: durability, districtDurability: districtDurability,
                handover: !arguments.contains("--no-handover"))
case "logappend":
    let acts = Int(option("--acts", in: arguments) ?? "") ?? 20_000
    guard acts >= 10 else { fail("usage: phoihop-bench logappend [--acts N]") }
    try logAppend(acts: acts)
case "reports":
    let years = Int(option("--years", in: arguments) ?? "") ?? 10
    let scale = Int(option("--scale", in: arguments) ?? "") ?? 1
    guard years >= 1, years <= 50, scale >= 1, scale <= 100 else {
        fail("usage: phoihop-bench reports [--years N (1…50)] [--scale K (1…100)] [--store PATH] [--no-rebuild] [--only monthly|quarterly|annual|ad-hoc]")
    }
    try reportHistory(years: years, scale: scale, store: option("--store", in: arguments), rebuild: !arguments.contains("--no-rebuild"),
                      only: option("--only", in: arguments))
default:
    fail("usage: phoihop-bench [throughput] | ceilings | decode | footprint | e2e [--acts-per-district N] [--clients C] [--batch B] | latency [--rates R1,R2] [--seconds S] | signatures | logappend [--acts N] | reports [--years N] [--scale K] [--store PATH] [--no-rebuild] [--only REPORT] | catchup [--acts N] [--threads T] [--batch B] [--durability full|normal] [--district-durability full|normal] [--no-handover]")
}

// `phoihop-bench e2e [--acts-per-district N] [--clients C] [--batch B]`: the durable end-to-end rate of a whole
// province on this machine — the hub and 16 agency daemons (the 15 districts and Công an) as
// separate processes, CURVE and signatures on, `durability: full` everywhere (WAL,
// synchronous=FULL: an act is fsynced at the agency before the officer's receipt, and at the hub
// before its acknowledgement). C console clients per district record N business registrations
// each district; the clock stops when every district's outbox to the hub is empty, i.e. the hub
// has made every act durable and acknowledged it back, and the agency has recorded the ack.
// With `--batch B` (> 1) each client sends its acts B per `record-many` request, as an import
// does: one commit at the agency per request instead of one per act.
import Foundation
import PhoiHopBus
import PhoiHopProtocol

func districtBusiness(_ agency: AgencyID, _ i: Int) throws -> MessageBody {
    MessageBody(BusinessRegistered(
        businessID: "\(agency.rawValue.dropFirst("district-".count).prefix(12).uppercased())-\(i)", name: "Đại lý \(i)",
        kind: .internetAgent, district: agency, address: "\(i) Đường số 1", owner: "Nguyễn Văn An", machines: 10,
        registeredOn: try CivilDate(parsing: "2026-11-01")))
}

/// The whole province's load: the hub, the 15 districts and Công an (16 agency daemons), full
/// durability, each started and online at the hub. Returns the province and its districts.
func runningProvince() throws -> (BenchProvince, [AgencyID]) {
    let province = try BenchProvince(durability: "full", districts: 15)
    let districts = province.agencies.filter { $0.rawValue.hasPrefix("district-") }
    let running = districts + [AgencyID(rawValue: "cong-an")!]
    do {
        try province.start(.hub)
        for agency in running { try province.start(agency) }
    } catch {
        province.stop()
        throw error
    }
    while (province.status(.hub)?.peers.filter { running.contains($0.id) && $0.online }.count ?? 0) < running.count { usleep(50_000) }
    return (province, districts)
}

func endToEnd(actsPerDistrict: Int, clients: Int, batch: Int) throws {
    let (province, districts) = try runningProvince()
    defer { province.stop() }
    let total = districts.count * actsPerDistrict
    print("phoihop-bench e2e: hub + \(districts.count + 1) agency daemons (separate processes), CURVE and Ed25519 on, durability full everywhere;")
    print("  \(districts.count) districts × \(actsPerDistrict) acts, \(clients) console clients per district = \(total) acts, \(batch == 1 ? "one act per record request" : "\(batch) acts per record-many request")")
    let failures = Counter()
    let controls = Dictionary(uniqueKeysWithValues: districts.map { ($0, province.control($0)) })
    let start = now()
    onThreads(districts.count * clients) { worker in
        let agency = districts[worker / clients]
        do {
            let client = try ControlClient(path: controls[agency]!)
            let mine = Array(stride(from: worker % clients + 1, through: actsPerDistrict, by: clients))
            for slice in stride(from: 0, to: mine.count, by: batch) {
                let bodies = try mine[slice..<min(slice + batch, mine.count)].map { try districtBusiness(agency, $0) }
                if batch == 1 {
                    _ = try client.record(bodies[0])
                } else {
                    try recordMany(client, bodies)
                }
            }
        } catch { failures.add("\(agency): \(error)") }
    }
    if let first = failures.first { fail("recording failed: \(first)") }
    let recorded = now()
    for agency in districts {
        while (province.status(agency)?.peers.first(where: { $0.id == .hub })?.outboundPending ?? 1) > 0 { usleep(5_000) }
    }
    let delivered = now()
    guard let held = province.status(.hub)?.totals.messages, held >= total else {
        fail("the hub holds \(province.status(.hub)?.totals.messages ?? -1) acts, expected at least \(total)")
    }
    print(String(format: "  recorded (durable at the agencies)          %8.0f acts/s  (%.1f s)", Double(total) / (recorded - start), recorded - start))
    print(String(format: "  end to end (durable at the hub, acked back) %8.0f acts/s  (%.1f s)", Double(total) / (delivered - start), delivered - start))
    if let rss = province.residentMiB(.hub) { print(String(format: "  hub RSS at the end: %.0f MiB", rss)) }
    // What the bus did meanwhile: the hub receiving copies of what it still had queued is work
    // that delivers nothing.
    if let hub = province.status(.hub)?.counters {
        let agencies = districts.compactMap { province.status($0)?.counters }
        print("  at the hub: received \(hub.received) messages, \(hub.duplicates) of them duplicates, \(hub.gaps) gaps; "
            + "the districts resent \(agencies.map(\.resent).reduce(0, +)) times")
    }
}

/// Runs `body` on `count` threads at once and waits for all of them. (DispatchQueue.concurrentPerform
/// runs only as many at a time as there are cores: 2 here, which would make 30 clients 2.)
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

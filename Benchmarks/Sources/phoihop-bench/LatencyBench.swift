// `phoihop-bench latency [--rates 200,500,1000] [--seconds S]`: how long an act takes from the
// moment it was due to be recorded at a district to the moment the hub made it durable, at a
// fixed offered rate, across the 15 districts of a running province (hub + 16 agency daemons,
// `durability: full`, CURVE and signatures on).
//
// Open loop, corrected for coordinated omission by construction: act i is due at start + i/rate,
// and its latency is counted from that instant, so an act that waited for a busy client (or a
// slow daemon) counts its wait. Its end is the hub's `accepted_at`, read from the hub's log after
// the run: wall-clock milliseconds, so figures are ±1 ms. Percentiles from HdrHistogram.
import Foundation
import GRDB
import Histogram
import PhoiHopBus
import PhoiHopProtocol
import Synchronization

func latency(rates: [Int], seconds: Int) throws {
    print("phoihop-bench latency: recorded at a district (due time) → durable at the hub, hub + 16 agency daemons, durability full")
    print("  offered/s  acts    p50 ms   p99 ms  p99.9 ms   max ms   (open loop, from each act's due time)")
    for rate in rates {
        let (province, districts) = try runningProvince()
        defer { province.stop() }

        let total = rate * seconds
        // Enough clients that a slow call rarely holds the next due act back (and when it does, it counts).
        let workers = min(total, max(districts.count * 2, rate / 50))
        let controls = Dictionary(uniqueKeysWithValues: districts.map { ($0, province.control($0)) })
        let due = Mutex<[String: Double]>([:])
        let failures = Counter()
        let start = now() + 0.5
        onThreads(workers) { worker in
            let agency = districts[worker % districts.count]
            do {
                let client = try ControlClient(path: controls[agency]!)
                var i = worker
                while i < total {
                    let at = start + Double(i) / Double(rate)
                    let wait = at - now()
                    if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                    let body = try districtBusiness(agency, i + 1)
                    let receipt = try client.record(body)
                    due.withLock { $0[receipt.id] = at }
                    i += workers
                }
            } catch { failures.add("\(agency): \(error)") }
        }
        if let first = failures.first { fail("recording failed: \(first)") }
        for agency in districts {
            while (province.status(agency)?.peers.first(where: { $0.id == .hub })?.outboundPending ?? 1) > 0 { usleep(5_000) }
        }
        // What the bus did meanwhile: resends and gaps at the districts and the hub explain a tail.
        let counters = (districts + [.hub]).compactMap { province.status($0)?.counters }
        let resent = counters.map(\.resent).reduce(0, +), gaps = counters.map(\.gaps).reduce(0, +)
        let duplicates = counters.map(\.duplicates).reduce(0, +)
        var configuration = Configuration()
        configuration.readonly = true
        let hub = try DatabaseQueue(path: province.databasePath(.hub), configuration: configuration)
        let accepted = try hub.read { db in
            try Row.fetchAll(db, sql: "SELECT id, accepted_at FROM message_log").map { ($0["id"] as String, $0["accepted_at"] as Int64) }
        }
        let dueTimes = due.withLock { $0 }
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for (id, acceptedAt) in accepted {
            guard let at = dueTimes[id] else { continue }
            _ = histogram.record(UInt64(max(0, Double(acceptedAt) * 1000 - at * 1_000_000)))
        }
        guard histogram.totalCount == UInt64(total) else { fail("the hub holds \(histogram.totalCount) of the \(total) acts") }
        func ms(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
        print(String(format: "  %9d %6d %9.1f %8.1f %9.1f %8.1f   resent %d, gaps %d, duplicates %d", rate, total, ms(50), ms(99), ms(99.9),
                     Double(histogram.max) / 1000, resent, gaps, duplicates))
    }
}

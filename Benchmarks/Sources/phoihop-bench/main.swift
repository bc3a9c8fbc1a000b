// phoihop-bench: end-to-end throughput of one agency daemon to the hub, both real processes,
// CURVE on, every act durable at the agency (one transaction per act, as an officer records
// it) and applied durably at the hub before the agency's outbox is empty.
//
//   make bench                         (builds the daemons in release, then runs this)
//   BENCH_ACTS=2000 make bench
import Foundation
import PhoiHopBus
import PhoiHopConsole
import PhoiHopProtocol

let environment = ProcessInfo.processInfo.environment
let binDirectory = environment["PHOIHOP_BIN_DIR"] ?? "../.build/release"
let acts = Int(environment["BENCH_ACTS"] ?? "") ?? 2000
let district = AgencyID(rawValue: "district-tan-an")!

func now() -> Double { Date().timeIntervalSince1970 }

func measure(durability: String) throws -> (recorded: Double, delivered: Double) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-bench-\(UUID().uuidString.prefix(8))").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let port = Int.random(in: 30000...60000)
    try ProvinceLayout.write(directory: dir, rulesDirectory: "../config", provinceFile: "long-an.yaml", port: port,
                             districtLimit: 1, heartbeatMilliseconds: 500, resendMilliseconds: 500, durability: durability)
    var processes: [Process] = []
    defer { for p in processes { p.terminate(); p.waitUntilExit() } }
    for (binary, config) in [("phoihop-hub", "\(dir)/hub.yaml"), ("phoihop-agency", "\(dir)/agencies/\(district).yaml")] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(binary)")
        p.arguments = ["--config", config]
        p.standardError = FileHandle.nullDevice
        try p.run()
        processes.append(p)
    }
    let hubControl = "\(dir)/state/so-tttt/control.sock", agencyControl = "\(dir)/state/\(district)/control.sock"
    func status(_ path: String) -> DaemonStatus? {
        guard let client = try? ControlClient(path: path, timeoutMilliseconds: 5000) else { return nil }
        return try? client.call(ControlCommand(command: "status"), as: DaemonStatus.self)
    }
    while status(hubControl)?.peers.first(where: { $0.id == district })?.online != true { usleep(20_000) }
    let client = try ControlClient(path: agencyControl)
    let start = now()
    for i in 1...acts {
        let body = MessageBody(BusinessRegistered(
            businessID: "TA-\(i)", name: "Đại lý \(i)", kind: .internetAgent, district: district, address: "\(i) Đường số 1",
            owner: "Nguyễn Văn An", machines: 10, registeredOn: try CivilDate(parsing: "2026-11-01")))
        _ = try client.call(ControlCommand(command: "record", type: body.type.rawValue), body: body.encoded(), as: RecordReceipt.self)
    }
    let recorded = now()
    while (status(agencyControl)?.peers.first?.outboundPending ?? 1) > 0 { usleep(1000) }
    let delivered = now()
    guard status(hubControl)?.totals.messages == acts else { throw CocoaError(.featureUnsupported) }
    return (Double(acts) / (recorded - start), Double(acts) / (delivered - start))
}

print("phoihop-bench: \(acts) acts, 1 district daemon → hub, CURVE on, separate processes, loopback")
print("durability  recorded/s (officer path)  delivered+acked/s (end to end)")
for durability in ["full", "normal"] {
    let (recorded, delivered) = try measure(durability: durability)
    print(String(format: "%-10@  %24.0f  %30.0f", durability as NSString, recorded, delivered))
}

// `phoihop-bench footprint`: how long a daemon takes from its launch to READY=1 — timed the way
// systemd sees it, by a notification socket this benchmark binds and names in NOTIFY_SOCKET — and
// how much memory it holds once idle. The release daemons, a fresh province, full durability.
import Foundation
import PhoiHopProtocol
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notification socket.
final class NotifySocket {
    let path: String
    let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { fail("cannot bind \(path): errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor); unlink(path) }

    /// Waits for a datagram holding READY=1; false after 30 s without one.
    func waitForReady() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            if String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").contains("READY=1") { return true }
        }
    }
}

/// A process's memory from /proc/PID/smaps_rollup, in KiB: resident (all of its pages in RAM,
/// shared library code included), proportional (shared pages divided among their users) and
/// private (its own: what one more daemon costs the machine).
func memoryKiB(_ pid: Int32) -> (resident: Int, proportional: Int, own: Int, anonymous: Int)? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
    func field(_ name: String) -> Int {
        text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
    return (field("Rss"), field("Pss"), field("Private_Clean") + field("Private_Dirty"), field("Pss_Anon"))
}

/// Launches `agency`'s daemon with NOTIFY_SOCKET set; returns the process and the milliseconds to READY=1.
func launchUntilReady(_ province: BenchProvince, _ agency: AgencyID) throws -> (Process, Double) {
    let notify = try NotifySocket(path: "\(province.dir)/notify-\(agency)-\(UUID().uuidString.prefix(6)).sock")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(agency == .hub ? "phoihop-hub" : "phoihop-agency")")
    process.arguments = ["--config", agency == .hub ? "\(province.dir)/hub.yaml" : "\(province.dir)/agencies/\(agency).yaml"]
    process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }
    process.standardError = FileHandle.nullDevice
    let start = now()
    try process.run()
    guard notify.waitForReady() else { fail("\(agency) sent no READY=1 within 30 s") }
    return (process, (now() - start) * 1000)
}

func footprint() throws {
    let province = try BenchProvince(durability: "full")
    defer { province.stop() }
    print("phoihop-bench footprint: release daemons, launch → READY=1 on a notification socket (as systemd times it)")
    var lines: [String] = []
    for agency in [AgencyID.hub, district] {
        var times: [Double] = []
        var process: Process?
        for round in 0..<6 {
            let (launched, milliseconds) = try launchUntilReady(province, agency)
            times.append(milliseconds)
            if round < 5 { launched.terminate(); launched.waitUntilExit() } else { process = launched }
        }
        // The first start creates the database; the others open it.
        let warm = times.dropFirst().sorted()
        lines.append(String(format: "%-18@ first start %6.0f ms   later starts: median %5.0f ms, max %5.0f ms",
                            agency.rawValue as NSString, times[0], warm[warm.count / 2], warm.last!))
        if let process { province.processes[agency] = process }
    }
    lines.forEach { print($0) }
    // Both up and connected, then idle for 5 s: what each holds.
    while province.status(.hub)?.peers.first(where: { $0.id == district })?.online != true { usleep(20_000) }
    Thread.sleep(forTimeInterval: 5)
    for agency in [AgencyID.hub, district] {
        if let pid = province.processes[agency]?.processIdentifier, let memory = memoryKiB(pid) {
            print(String(format: "%-18@ idle RSS %5.1f MiB (anonymous %4.1f), PSS %5.1f MiB, private %5.1f MiB",
                         agency.rawValue as NSString, Double(memory.resident) / 1024, Double(memory.anonymous) / 1024,
                         Double(memory.proportional) / 1024, Double(memory.own) / 1024))
        }
    }
}

import Foundation
import Synchronization

/// Two test "hosts" — Linux network namespaces — joined by a veth pair, so a daemon in one reaches
/// a daemon in the other only over that link, and taking the link down is a real network partition.
///
/// Names: `phoihop-<pid>-<n>-hub` and `phoihop-<pid>-<n>-agency` (the test process's pid, a counter),
/// so concurrent test runs never share a namespace and a later run can tell a stale one by its dead pid.
/// Addresses: a /30 of the benchmarking range 198.18.0.0/15 (RFC 2544, never a LAN range), the hub
/// end `.1`, the agency end `.2`, chosen from the pid and the counter. Each namespace has its own
/// routing table, so two runs with the same /30 would not collide anyway; distinct blocks keep
/// `ip` listings readable. Each namespace also gets `lo` up, so daemons inside can talk locally.
///
/// Control sockets are pathname AF_UNIX sockets in the province's temporary directory: those are
/// found through the file system, not the network namespace, so the test (in the root namespace)
/// still reaches every daemon's control channel (`ip netns exec` keeps the file system; it only
/// remounts /sys).
///
/// Deinit deletes both namespaces (which deletes the veth pair with them).
final class NamespacePair: Sendable {
    let hub: String
    let agency: String
    /// The veth end in each namespace.
    let hubLink: String
    let agencyLink: String
    let hubAddress: String
    let agencyAddress: String

    private static let counter = Mutex(0)

    /// Requires root (CAP_SYS_ADMIN, CAP_NET_ADMIN) and iproute2's `ip netns`.
    init() throws {
        Self.sweepStale()
        let pid = Int(getpid())
        let n = Self.counter.withLock { value in
            value += 1
            return value
        }
        hub = "phoihop-\(pid)-\(n)-hub"
        agency = "phoihop-\(pid)-\(n)-agency"
        // Interface names are at most 15 bytes: "pv" + pid (≤ 7 digits) + "x" + n + end letter.
        hubLink = "pv\(pid)x\(n)h"
        agencyLink = "pv\(pid)x\(n)a"
        // 2^17 addresses in 198.18.0.0/15: 32 768 blocks of four.
        let offset = ((pid &* 64 &+ n) % 32768) * 4
        let prefix = "198.\(18 + (offset >> 16)).\((offset >> 8) & 255)"
        hubAddress = "\(prefix).\((offset & 255) + 1)"
        agencyAddress = "\(prefix).\((offset & 255) + 2)"
        do {
            try Self.ip(["netns", "add", hub])
            try Self.ip(["netns", "add", agency])
            try Self.ip(["link", "add", hubLink, "netns", hub, "type", "veth", "peer", "name", agencyLink, "netns", agency])
            try Self.ip(["-n", hub, "addr", "add", "\(hubAddress)/30", "dev", hubLink])
            try Self.ip(["-n", agency, "addr", "add", "\(agencyAddress)/30", "dev", agencyLink])
            for (namespace, link) in [(hub, hubLink), (agency, agencyLink)] {
                try Self.ip(["-n", namespace, "link", "set", "lo", "up"])
                try Self.ip(["-n", namespace, "link", "set", link, "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    private func remove() {
        for namespace in [hub, agency] { _ = try? Self.ip(["netns", "del", namespace]) }
    }

    /// Pulls the cable at the agency's end: its side of the link goes down (the agency has no
    /// route to the hub; the hub's end loses its carrier). Daemons in the hub's namespace keep
    /// reaching the hub, whose address stays on its own end.
    func cut() throws { try Self.ip(["-n", agency, "link", "set", agencyLink, "down"]) }

    /// Plugs the cable back in.
    func heal() throws { try Self.ip(["-n", agency, "link", "set", agencyLink, "up"]) }

    /// The established TCP connections in `namespace` whose far end is `remote` (address), each as
    /// "local-address:port remote-address:port", from `ss` run inside it.
    func establishedConnections(in namespace: String, to remote: String) throws -> Set<String> {
        let output = try Self.ip(["netns", "exec", namespace, "ss", "-tnH", "state", "established"])
        return Set(output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, fields[3].hasPrefix("\(remote):") else { return nil }
            return "\(fields[2]) \(fields[3])"
        })
    }

    /// Whether process `pid` runs in network namespace `namespace` (same inode as its bind mount
    /// under /var/run/netns).
    static func process(_ pid: Int32, isIn namespace: String) -> Bool {
        var own = stat()
        var named = stat()
        guard stat("/proc/\(pid)/ns/net", &own) == 0, stat("/var/run/netns/\(namespace)", &named) == 0 else { return false }
        return own.st_ino == named.st_ino && own.st_dev == named.st_dev
    }

    /// Deletes `phoihop-<pid>-…` namespaces left by test runs whose process is gone (a crash or a
    /// kill skipped their deinit).
    static func sweepStale() {
        guard let list = try? ip(["netns", "list"]) else { return }
        for line in list.split(separator: "\n") {
            guard let name = line.split(separator: " ").first, name.hasPrefix("phoihop-") else { continue }
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { _ = try? ip(["netns", "del", String(name)]) }
        }
    }

    /// Whether this test process may build namespaces: it runs as root and `ip netns add` works.
    static let available: Bool = {
        guard getuid() == 0, (try? ipTool()) != nil else { return false }
        let probe = "phoihop-\(getpid())-probe"
        guard (try? ip(["netns", "add", probe])) != nil else { return false }
        _ = try? ip(["netns", "del", probe])
        return true
    }()

    /// The path of iproute2's `ip`.
    static func ipTool() throws -> String {
        for path in ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw ProvinceError("iproute2's ip not found in /usr/sbin, /sbin, /usr/bin or /bin; install iproute2")
    }

    /// Runs `ip ARGUMENTS`, returns its standard output, throws with its standard error if it fails.
    @discardableResult
    static func ip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ipTool())
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProvinceError("ip \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }
}

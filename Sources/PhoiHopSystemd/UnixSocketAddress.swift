#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An AF_UNIX datagram address as systemd names its sockets: a path, or `@name` for an abstract
/// socket (whose first byte on the wire is NUL and which has no terminating NUL).
struct UnixSocketAddress {
    private var storage = sockaddr_un()
    /// The length to pass to `sendto`: up to the name's end, as abstract names require.
    let length: socklen_t

    /// Nil when the name is empty or longer than `sun_path` holds.
    init?(_ name: String) {
        var bytes = Array(name.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        guard bytes.count > (abstract ? 1 : 0),
              bytes.count + (abstract ? 0 : 1) <= MemoryLayout.size(ofValue: storage.sun_path) else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
    }

    /// Sends `bytes` as one datagram from `descriptor`; true when all of it went.
    func send(_ bytes: [UInt8], from descriptor: Int32, flags: Int32) -> Bool {
        var address = storage
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, flags, $0, length)
                }
            }
        }
        return sent == bytes.count
    }
}

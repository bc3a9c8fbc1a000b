#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
public import Logging

/// A swift-log handler that writes each entry to systemd's journal as structured fields, over the
/// journal's native protocol (one datagram to `/run/systemd/journal/socket`), so an operator can
/// select entries by what they are about: `journalctl -u phoihop-hub PHOIHOP_MESSAGE_ID=…`,
/// `journalctl PHOIHOP_PEER=cong-an -p warning`.
///
/// Each entry carries `MESSAGE` (the text, with its metadata as `key=value` words, as the stream
/// handler prints it), `PRIORITY` (syslog), `SYSLOG_IDENTIFIER`, `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`,
/// and one `PHOIHOP_<KEY>` field per metadata key (``fieldName(_:)``). An entry the journal does not
/// take (it is too large for one datagram, or journald is gone) is written to standard error
/// instead, which systemd also connects to the journal: nothing logged is dropped.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let identifier: String
    let socket: JournalSocket
    let fallback: @Sendable (String) -> Void

    /// - Parameters:
    ///   - identifier: `SYSLOG_IDENTIFIER`, normally the program's name.
    ///   - socket: where entries go (``JournalSocket/system`` outside tests).
    ///   - fallback: writes one line when the journal refuses an entry.
    public init(identifier: String, socket: JournalSocket, fallback: @escaping @Sendable (String) -> Void) {
        self.identifier = identifier; self.socket = socket; self.fallback = fallback
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let own = event.metadata { all.merge(own) { $1 } }
        if let error = event.error { all["error"] = "\(error)" }
        let entry = Self.entry(identifier: identifier, level: event.level, message: event.message.description, metadata: all,
                               file: event.file, line: event.line, function: event.function)
        if !socket.send(entry) {
            fallback("\(event.level) \(Self.text(event.message.description, all))")
        }
    }

    /// The text of `MESSAGE`: the message, then the metadata sorted by key as `key=value`.
    static func text(_ message: String, _ metadata: Logger.Metadata) -> String {
        guard !metadata.isEmpty else { return message }
        return message + " " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// One entry in the native protocol: `NAME=value\n`, or, for a value with a line break,
    /// `NAME\n`, its length as 64-bit little-endian, the value and `\n`.
    public static func entry(identifier: String, level: Logger.Level, message: String, metadata: Logger.Metadata,
                             file: String, line: UInt, function: String) -> [UInt8] {
        var bytes: [UInt8] = []
        func field(_ name: String, _ value: String) {
            let utf8 = Array(value.utf8)
            bytes += Array(name.utf8)
            if utf8.contains(UInt8(ascii: "\n")) {
                bytes.append(UInt8(ascii: "\n"))
                withUnsafeBytes(of: UInt64(utf8.count).littleEndian) { bytes += $0 }
                bytes += utf8
            } else {
                bytes.append(UInt8(ascii: "="))
                bytes += utf8
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        field("MESSAGE", text(message, metadata))
        field("PRIORITY", "\(priority(level))")
        field("SYSLOG_IDENTIFIER", identifier)
        field("CODE_FILE", file)
        field("CODE_LINE", "\(line)")
        field("CODE_FUNC", function)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            field(fieldName(key), "\(value)")
        }
        return bytes
    }

    /// syslog(3) priorities: swift-log's trace and debug are both `debug` (7).
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A metadata key as a journal field name: `PHOIHOP_` and the key in upper snake case
    /// (`messageId` → `PHOIHOP_MESSAGE_ID`); characters a field name may not hold become `_`, and
    /// the name is cut to the journal's 64 characters.
    public static func fieldName(_ key: String) -> String {
        var name = "PHOIHOP_"
        var previous: Character = "_"
        for character in key {
            if character.isUppercase, previous.isLowercase || previous.isNumber { name.append("_") }
            if character.isASCII, character.isLetter || character.isNumber {
                name += character.uppercased()
            } else {
                name.append("_")
            }
            previous = character
        }
        return String(name.prefix(64))
    }
}

/// The journal's datagram socket, opened once for the process: entries are sent with `sendto`
/// (safe from any thread), and never block — a full journal queue sends the entry to the fallback.
///
/// Sendable: its stored properties are immutable after `init`; the descriptor is only passed to
/// `sendto`, which the kernel serialises.
public final class JournalSocket: Sendable {
    let path: String
    private let descriptor: Int32
    private let address: UnixSocketAddress?

    /// `/run/systemd/journal/socket`.
    public static let system = JournalSocket(path: "/run/systemd/journal/socket")

    public init(path: String) {
        self.path = path
        address = UnixSocketAddress(path)
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether standard error is the journal stream systemd gave this service: `JOURNAL_STREAM`
    /// holds the device and inode of that stream, and standard error is still that file.
    public static func standardErrorIsJournal(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Sends one entry; false when the journal did not take it.
    func send(_ entry: [UInt8]) -> Bool {
        guard descriptor >= 0, let address else { return false }
        return address.send(entry, from: descriptor, flags: Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
    }
}

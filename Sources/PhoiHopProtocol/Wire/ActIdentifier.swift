import Synchronization

/// New acts' ids: UUIDs of version 7 (RFC 9562 §5.7), whose first 48 bits are the Unix time in
/// milliseconds, so ids made later sort later.
///
/// Every log keeps a unique index on `id`, and at the hub it is the largest index that grows with
/// every act. With random (version 4) ids each act's entry lands on a random page of that index:
/// once the index outgrows the page cache, every act of a commit dirties a page of its own and the
/// commit writes them all to the WAL. Time-ordered ids land at the index's right edge, on a few
/// pages per commit, however large the log (docs/PERFORMANCE.md). Receivers check only the
/// UUID's form, not its version (docs/PROTOCOL.md §4.1), so nothing else changes.
///
/// Within one millisecond the 12 bits after the version count up from a random start (RFC 9562
/// §6.2, method 1), so the ids of one process never go backwards, even when the wall clock does;
/// the 62 bits after the variant are random. Uniqueness rests on those 62 random bits, as a
/// version 4 UUID's rests on 122.
public final class ActIdentifier: Sendable {
    /// The process's generator, which every recording uses.
    public static let shared = ActIdentifier()

    private let state = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))

    public init() {}

    /// The next id, in lower case, as the protocol writes it, for an act recorded at `now`
    /// (milliseconds since 1970: the act's `ts`).
    public func next(now: Int64) -> String {
        let now = UInt64(max(0, now))
        var random = SystemRandomNumberGenerator()
        let (milliseconds, counter) = state.withLock { state -> (UInt64, UInt16) in
            if now > state.milliseconds {
                state = (now, UInt16.random(in: 0..<2048, using: &random))
            } else if state.counter < 0x0fff {
                state.counter += 1
            } else {
                // 4 096 ids in one millisecond: borrow the next one, as RFC 9562 §6.2 allows.
                state = (state.milliseconds + 1, UInt16.random(in: 0..<2048, using: &random))
            }
            return state
        }
        let tail = random.next() & 0x3fff_ffff_ffff_ffff | 0x8000_0000_0000_0000
        let high = milliseconds << 16 | 0x7000 | UInt64(counter)
        return Self.format(high: high, low: tail)
    }

    /// `high` and `low` as 8-4-4-4-12 lower-case hex digits.
    static func format(high: UInt64, low: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (index, word) in [high, low].enumerated() {
            for nibble in (0..<16).reversed() {
                let position = index * 16 + (15 - nibble)
                if position == 8 || position == 12 || position == 16 || position == 20 { out.append(UInt8(ascii: "-")) }
                out.append(digits[Int(word >> (UInt64(nibble) * 4) & 0xf)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Foundation
@testable import PhoiHopProtocol
import Testing

/// New acts' ids are version 7 UUIDs (RFC 9562 §5.7): the form every receiver checks, and later
/// ids sort after earlier ones, so each log's unique index on `id` grows at its right edge.
struct ActIdentifierTests {
    /// `^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`
    static func isVersion7(_ id: String) -> Bool {
        let chars = Array(id.utf8)
        guard chars.count == 36 else { return false }
        for (index, char) in chars.enumerated() {
            switch index {
            case 8, 13, 18, 23: if char != UInt8(ascii: "-") { return false }
            case 14: if char != UInt8(ascii: "7") { return false }
            case 19: if !Array("89ab".utf8).contains(char) { return false }
            default: if !Array("0123456789abcdef".utf8).contains(char) { return false }
            }
        }
        return true
    }

    @Test func anIdIsALowerCaseVersion7UUIDCarryingItsMillisecond() throws {
        let now: Int64 = 1_795_000_000_123
        let id = ActIdentifier().next(now: now)
        #expect(Self.isVersion7(id), "\(id)")
        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(hex.prefix(12), radix: 16) == UInt64(now), "the first 48 bits are the millisecond")
        // Foundation reads it as a UUID, and the envelope's own check accepts it.
        #expect(UUID(uuidString: id) != nil)
    }

    @Test func idsNeverGoBackwardsWithinAMillisecondPastTheCounterOrWhenTheClockDoes() {
        let generator = ActIdentifier()
        var ids: [String] = []
        // 10 000 ids in one millisecond (more than the 12-bit counter holds), then the clock steps back.
        for _ in 0..<10_000 { ids.append(generator.next(now: 1_795_000_000_000)) }
        for _ in 0..<100 { ids.append(generator.next(now: 1_794_999_999_000)) }
        ids.append(generator.next(now: 1_795_000_001_000))
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing")
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(Self.isVersion7))
    }

    @Test func theTextIsTheTwoWordsInHexWithDashes() {
        #expect(ActIdentifier.format(high: 0x0123_4567_89ab_7def, low: 0x8123_4567_89ab_cdef) == "01234567-89ab-7def-8123-456789abcdef")
    }
}

import Testing

/// The mutations the differential tests (a reading by hand against `JSONDecoder`) run over a
/// valid input: at every position, each byte of `replacements` put in place of the byte there
/// (unless it is that byte), the byte removed, the byte doubled, and each of `insertions` inserted.
struct Mutations {
    let replacements: [UInt8]
    let insertions: [String]
    private(set) var cases = 0
    private(set) var readByHand = 0
    private(set) var agreed = 0

    init(replacements: [UInt8], insertions: [String]) {
        self.replacements = replacements
        self.insertions = insertions
    }

    /// Runs both readings over every mutation of `bytes`, recording an issue where they differ,
    /// and counts the mutations, those `byHand` took, and those on which the readings agreed.
    mutating func compare<R: Equatable>(_ bytes: [UInt8], byHand: ([UInt8]) -> Bool, fast: ([UInt8]) -> R, slow: ([UInt8]) -> R) {
        func check(_ mutated: [UInt8]) {
            cases += 1
            if byHand(mutated) { readByHand += 1 }
            let (fastOutcome, slowOutcome) = (fast(mutated), slow(mutated))
            if fastOutcome == slowOutcome { agreed += 1 } else {
                Issue.record("differs on \(String(decoding: mutated, as: UTF8.self)): \(fastOutcome) vs \(slowOutcome)")
            }
        }
        for index in bytes.indices {
            for byte in replacements where byte != bytes[index] {
                var mutated = bytes
                mutated[index] = byte
                check(mutated)
            }
            var removed = bytes
            removed.remove(at: index)
            check(removed)
            var doubled = bytes
            doubled.insert(bytes[index], at: index)
            check(doubled)
            for text in insertions {
                var inserted = bytes
                inserted.insert(contentsOf: Array(text.utf8), at: index)
                check(inserted)
            }
        }
    }
}

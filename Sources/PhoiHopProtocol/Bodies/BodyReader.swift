import Foundation

/// Message bodies decoded without `JSONDecoder`: a fast path over the JSON the wire carries.
///
/// Decoding bodies with `JSONDecoder` was most of a rebuild's CPU and a visible share of the
/// hub's per act (docs/PERFORMANCE.md): it makes a `String` and a dictionary entry of every key of
/// every object before looking one up. This reader parses the bytes once into a flat list of
/// nodes (each object member a key node then its value's), and a body's `init(from:)` reads them
/// through the `Decoder` protocol like any decoder, comparing keys as bytes.
///
/// It is a fast path over a subset of JSON on which it and `JSONDecoder` agree, never a second
/// reading of the protocol. Whatever it does not read the way `JSONDecoder` would — a `\u`
/// escape, a key with an escape or repeated in its object, a number with a fraction, an exponent,
/// `-0` or more digits than its type holds, a floating-point, date, data, URL or decimal value,
/// nesting deeper than ``maxDepth``, anything that is not JSON — and any error a type's
/// `init(from:)` throws (a missing key, a value of the wrong type, an unknown enum case, a date
/// that does not exist) ends the reading: ``decode(_:as:)`` returns nil, and the caller decodes
/// the bytes with `JSONDecoder`, which accepts or refuses them with its usual error. So it may
/// only read types whose `init(from:)` lets every error through (the catalog's bodies: synthesized
/// or reading one string), never one that catches an error and keeps going. A test holds both
/// readings to the same result over the bodies of every message type and thousands of mutations
/// of them.
///
/// The bytes must be valid UTF-8 (``WireJSON/encodingProblem(_:)`` has said so): strings are
/// taken as they are, between their quotes.
enum BodyReader {
    /// Objects and arrays nested deeper than this are left to `JSONDecoder`.
    static let maxDepth = 32

    /// `bytes` decoded as `T`, or nil when this reader does not read them (decode them with
    /// `JSONDecoder`).
    static func decode<T: Decodable>(_ bytes: [UInt8], as _: T.Type) -> T? {
        guard let tape = Tape(bytes) else { return nil }
        return try? T(from: NodeDecoder(tape: tape, node: 0))
    }

    /// Ends a reading: the caller falls back to `JSONDecoder`.
    struct NotRead: Error {}

    enum Kind: UInt8 {
        case object, array, string, escapedString, integer, number, `true`, `false`, null
    }

    /// One parsed value. `start..<end` are its bytes (a string's without its quotes; an object's
    /// or array's `start` is its number of members); `next` is the node after it and everything
    /// inside it.
    struct Node {
        var kind: Kind
        var start: Int32
        var end: Int32
        var next: Int32
    }

    /// The body's bytes and its nodes, in document order: node 0 is the top-level value.
    final class Tape {
        let bytes: [UInt8]
        let nodes: [Node]

        init?(_ bytes: [UInt8]) {
            guard bytes.count < Int(Int32.max) else { return nil }
            let parsed = bytes.withUnsafeBufferPointer { buffer -> [Node]? in
                var parser = Parser(bytes: buffer)
                guard parser.value(depth: 0) else { return nil }
                parser.skipWhitespace()
                return parser.index == buffer.count ? parser.nodes : nil
            }
            guard let parsed else { return nil }
            self.bytes = bytes
            nodes = parsed
        }

        func node(_ index: Int) -> Node { nodes[index] }

        func string(_ index: Int) throws(NotRead) -> String {
            let node = nodes[index]
            let raw = bytes[Int(node.start)..<Int(node.end)]
            switch node.kind {
            case .string:
                return String(decoding: raw, as: UTF8.self)
            case .escapedString:
                var unescaped: [UInt8] = []
                unescaped.reserveCapacity(raw.count)
                var i = raw.startIndex
                while i < raw.endIndex {
                    guard raw[i] == UInt8(ascii: "\\") else { unescaped.append(raw[i]); i += 1; continue }
                    // The parser let through only these escapes (a `\u` ends the reading there).
                    switch raw[i + 1] {
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    case let other: unescaped.append(other)  // " \ /
                    }
                    i += 2
                }
                return String(decoding: unescaped, as: UTF8.self)
            default:
                throw NotRead()
            }
        }

        /// The integer in plain digits at `index` (`-?(0|[1-9][0-9]*)`, not `-0`), if `I` holds it.
        func integer<I: FixedWidthInteger>(_ index: Int, as _: I.Type) throws(NotRead) -> I {
            let node = nodes[index]
            guard node.kind == .integer else { throw NotRead() }
            var i = Int(node.start)
            let negative = bytes[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            if negative && bytes[i] == UInt8(ascii: "0") { throw NotRead() }
            var value: I = 0
            while i < Int(node.end) {
                let digit = I(truncatingIfNeeded: bytes[i] &- UInt8(ascii: "0"))
                let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
                let (next, overflowAdd) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflowShift, !overflowAdd else { throw NotRead() }
                value = next
                i += 1
            }
            return value
        }

        func bool(_ index: Int) throws(NotRead) -> Bool {
            switch nodes[index].kind {
            case .true: return true
            case .false: return false
            default: throw NotRead()
            }
        }

        /// Whether the key node at `index` is `key`, byte for byte.
        func key(_ index: Int, is key: String) -> Bool {
            let node = nodes[index]
            let length = Int(node.end - node.start)
            return key.utf8.count == length && key.utf8.elementsEqual(bytes[Int(node.start)..<Int(node.end)])
        }

        /// The value node of `key` in the object at `object`, or nil.
        func member(_ object: Int, _ key: String) -> Int? {
            var keyNode = object + 1
            for _ in 0..<Int(nodes[object].start) {
                if self.key(keyNode, is: key) { return keyNode + 1 }
                keyNode = Int(nodes[keyNode + 1].next)
            }
            return nil
        }

        /// The key nodes of the object at `object`, in document order.
        func keys(_ object: Int) -> [Int] {
            var result: [Int] = []
            var keyNode = object + 1
            for _ in 0..<Int(nodes[object].start) {
                result.append(keyNode)
                keyNode = Int(nodes[keyNode + 1].next)
            }
            return result
        }
    }

    /// RFC 8259's grammar, strictly: anything else, or anything this reader leaves to
    /// `JSONDecoder`, makes ``value(depth:)`` return false.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var nodes: [Node] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            nodes.reserveCapacity(32)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func append(_ kind: Kind, _ start: Int, _ end: Int) {
            nodes.append(Node(kind: kind, start: Int32(start), end: Int32(end), next: Int32(nodes.count + 1)))
        }

        mutating func value(depth: Int) -> Bool {
            skipWhitespace()
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return depth < maxDepth && object(depth: depth)
            case UInt8(ascii: "["): return depth < maxDepth && array(depth: depth)
            case UInt8(ascii: "\""): return string(key: false)
            case UInt8(ascii: "t"): return literal("true", .true)
            case UInt8(ascii: "f"): return literal("false", .false)
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return false
            }
        }

        private mutating func literal(_ text: StaticString, _ kind: Kind) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count,
                  memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else { return false }
            append(kind, index, index + count)
            index += count
            return true
        }

        private mutating func digits() -> Int {
            let start = index
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }

        private mutating func number() -> Bool {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return false
            }
            var integer = true
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
                integer = false
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
                integer = false
            }
            append(integer ? .integer : .number, start, index)
            return true
        }

        /// A string at `index` (its opening quote). Control characters are not JSON; `\u` escapes,
        /// and keys with any escape, are left to `JSONDecoder`.
        private mutating func string(key: Bool) -> Bool {
            index += 1
            let start = index
            var escaped = false
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    append(escaped ? .escapedString : .string, start, index)
                    index += 1
                    return !(key && escaped)
                case UInt8(ascii: "\\"):
                    index += 1
                    switch current {
                    case UInt8(ascii: "\"")?, UInt8(ascii: "\\")?, UInt8(ascii: "/")?, UInt8(ascii: "b")?,
                         UInt8(ascii: "f")?, UInt8(ascii: "n")?, UInt8(ascii: "r")?, UInt8(ascii: "t")?:
                        escaped = true
                        index += 1
                    default:
                        return false
                    }
                case 0x00..<0x20:
                    return false
                default:
                    index += 1
                }
            }
            return false
        }

        private mutating func object(depth: Int) -> Bool {
            let me = nodes.count
            append(.object, 0, 0)
            index += 1
            skipWhitespace()
            var members = 0
            if current == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard current == UInt8(ascii: "\""), string(key: true) else { return false }
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { return false }
                    index += 1
                    guard value(depth: depth + 1) else { return false }
                    members += 1
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    guard current == UInt8(ascii: "}") else { return false }
                    index += 1
                    break
                }
            }
            nodes[me].start = Int32(members)
            nodes[me].next = Int32(nodes.count)
            return !repeatsAKey(me)
        }

        /// Whether the object at `object` has a key twice (`JSONDecoder`'s choice is not ours to guess).
        private func repeatsAKey(_ object: Int) -> Bool {
            var keys: [(start: Int, length: Int)] = []
            var keyNode = object + 1
            for _ in 0..<Int(nodes[object].start) {
                let node = nodes[keyNode]
                let key = (start: Int(node.start), length: Int(node.end - node.start))
                for other in keys where other.length == key.length
                    && memcmp(bytes.baseAddress! + other.start, bytes.baseAddress! + key.start, key.length) == 0 {
                    return true
                }
                keys.append(key)
                keyNode = Int(nodes[keyNode + 1].next)
            }
            return false
        }

        private mutating func array(depth: Int) -> Bool {
            let me = nodes.count
            append(.array, 0, 0)
            index += 1
            skipWhitespace()
            var elements = 0
            if current == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    guard value(depth: depth + 1) else { return false }
                    elements += 1
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    guard current == UInt8(ascii: "]") else { return false }
                    index += 1
                    break
                }
            }
            nodes[me].start = Int32(elements)
            nodes[me].next = Int32(nodes.count)
            return true
        }
    }
}

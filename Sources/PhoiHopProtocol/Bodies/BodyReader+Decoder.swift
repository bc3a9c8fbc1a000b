import Foundation

/// The `Decoder` protocol over a ``BodyReader/Tape``: a decoder and its containers are a node of
/// the tape. Coding paths are not kept: any error ends the reading, and `JSONDecoder`, reading
/// the bytes again, reports it with its path.
extension BodyReader {
    struct NodeDecoder: Decoder {
        let tape: Tape
        let node: Int

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard tape.node(node).kind == .object else { throw NotRead() }
            return KeyedDecodingContainer(Keyed<Key>(tape: tape, node: node))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard tape.node(node).kind == .array else { throw NotRead() }
            return Unkeyed(tape: tape, node: node)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(tape: tape, node: node) }
    }

    /// `T` at `node`. The types `JSONDecoder` decodes by its strategies (dates, data, URLs,
    /// decimals) are left to it.
    static func value<T: Decodable>(_: T.Type, _ tape: Tape, _ node: Int) throws -> T {
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw NotRead() }
        return try T(from: NodeDecoder(tape: tape, node: node))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let tape: Tape
        let node: Int

        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { tape.keys(node).compactMap { try? Key(stringValue: tape.string($0)) } }

        func contains(_ key: Key) -> Bool { tape.member(node, key.stringValue) != nil }

        private func member(_ key: Key) throws(NotRead) -> Int {
            guard let value = tape.member(node, key.stringValue) else { throw NotRead() }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { tape.node(try member(key)).kind == .null }
        func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try tape.bool(try member(key)) }
        func decode(_: String.Type, forKey key: Key) throws -> String { try tape.string(try member(key)) }
        func decode(_: Double.Type, forKey _: Key) throws -> Double { throw NotRead() }
        func decode(_: Float.Type, forKey _: Key) throws -> Float { throw NotRead() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try tape.integer(try member(key), as: type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try tape.integer(try member(key), as: type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try tape.integer(try member(key), as: type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try tape.integer(try member(key), as: type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try tape.integer(try member(key), as: type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try tape.integer(try member(key), as: type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try tape.integer(try member(key), as: type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try tape.integer(try member(key), as: type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try tape.integer(try member(key), as: type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try tape.integer(try member(key), as: type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try BodyReader.value(type, tape, try member(key)) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(tape: tape, node: try member(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try NodeDecoder(tape: tape, node: try member(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw NotRead() }
        func superDecoder(forKey _: Key) throws -> any Decoder { throw NotRead() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let tape: Tape
        let node: Int
        /// The node of the element `currentIndex`.
        private var element: Int

        init(tape: Tape, node: Int) {
            self.tape = tape
            self.node = node
            element = node + 1
        }

        var codingPath: [any CodingKey] { [] }
        var count: Int? { Int(tape.node(node).start) }
        var isAtEnd: Bool { currentIndex >= count! }
        private(set) var currentIndex = 0

        /// The next element's node, moving past it.
        private mutating func next() throws(NotRead) -> Int {
            guard !isAtEnd else { throw NotRead() }
            let current = element
            element = Int(tape.node(current).next)
            currentIndex += 1
            return current
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw NotRead() }
            guard tape.node(element).kind == .null else { return false }
            _ = try next()
            return true
        }

        mutating func decode(_: Bool.Type) throws -> Bool { try tape.bool(try next()) }
        mutating func decode(_: String.Type) throws -> String { try tape.string(try next()) }
        mutating func decode(_: Double.Type) throws -> Double { throw NotRead() }
        mutating func decode(_: Float.Type) throws -> Float { throw NotRead() }
        mutating func decode(_ type: Int.Type) throws -> Int { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(try next(), as: type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(try next(), as: type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try BodyReader.value(type, tape, try next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(tape: tape, node: try next()).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try NodeDecoder(tape: tape, node: try next()).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { throw NotRead() }
    }

    struct Single: SingleValueDecodingContainer {
        let tape: Tape
        let node: Int

        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { tape.node(node).kind == .null }
        func decode(_: Bool.Type) throws -> Bool { try tape.bool(node) }
        func decode(_: String.Type) throws -> String { try tape.string(node) }
        func decode(_: Double.Type) throws -> Double { throw NotRead() }
        func decode(_: Float.Type) throws -> Float { throw NotRead() }
        func decode(_ type: Int.Type) throws -> Int { try tape.integer(node, as: type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(node, as: type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(node, as: type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(node, as: type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(node, as: type) }
        func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(node, as: type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(node, as: type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(node, as: type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(node, as: type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(node, as: type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try BodyReader.value(type, tape, node) }
    }
}

/// Z85 (ZeroMQ RFC 32) text encoding of binary data, as used for CURVE keys.
///
/// Implemented in Swift rather than with `zmq_z85_*` so that input never reaches C as a
/// NUL-terminated string (a Swift string may contain NUL) and every malformed input is a
/// ``ZMQError`` (`EINVAL`) that says what is wrong. Errors never quote the input text, since it
/// may be a secret key.
public enum Z85 {
    private static let alphabet: [UInt8] = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8
    )

    /// Byte value → digit, 0xFF for bytes outside the alphabet.
    private static let digits: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (digit, char) in alphabet.enumerated() { table[Int(char)] = UInt8(digit) }
        return table
    }()

    /// Encodes `bytes` (length a multiple of 4) as Z85 text, 5 characters per 4 bytes.
    public static func encode(_ bytes: [UInt8]) throws -> String {
        guard bytes.count % 4 == 0 else {
            throw ZMQError.invalid("Z85 encode: length \(bytes.count) is not a multiple of 4")
        }
        return encodeAligned(bytes)
    }

    /// Decodes Z85 `text` (length a multiple of 5, alphabet characters only, each 5-character
    /// group at most 0xFFFFFFFF) into 4 bytes per group.
    public static func decode(_ text: String) throws -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 5 == 0 else {
            throw ZMQError.invalid("Z85 decode: length \(chars.count) is not a multiple of 5")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 5 * 4)
        var offset = 0
        while offset < chars.count {
            var value: UInt64 = 0
            for index in offset..<offset + 5 {
                let digit = digits[Int(chars[index])]
                guard digit != 0xFF else {
                    throw ZMQError.invalid("Z85 decode: invalid character at offset \(index)")
                }
                value = value * 85 + UInt64(digit)
            }
            guard value <= UInt64(UInt32.max) else {
                throw ZMQError.invalid("Z85 decode: group at offset \(offset) exceeds 32 bits")
            }
            bytes.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
            offset += 5
        }
        return bytes
    }

    /// Encodes data whose length is known to be a multiple of 4 (e.g. a 32-byte key).
    static func encodeAligned(_ bytes: [UInt8]) -> String {
        precondition(bytes.count % 4 == 0, "Z85.encodeAligned needs a multiple of 4 bytes")
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count / 4 * 5)
        var offset = 0
        while offset < bytes.count {
            var value = UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            value |= UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
            var group = [UInt8](repeating: 0, count: 5)
            for index in stride(from: 4, through: 0, by: -1) {
                group[index] = alphabet[Int(value % 85)]
                value /= 85
            }
            text.append(contentsOf: group)
            offset += 4
        }
        return String(decoding: text, as: UTF8.self)
    }
}

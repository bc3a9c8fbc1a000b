import Foundation
@testable import PhoiHopProtocol
import Testing

/// ``BodyReader`` reads a body to the value `JSONDecoder` gives, or leaves it to `JSONDecoder`:
/// over a body of every message type (BodyReaderSamples.tsv: the demo month's hub log, the
/// longest and shortest body of each type) and over mutations of them.
struct BodyReaderTests {
    static let samples: [(type: MessageType, body: [UInt8])] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BodyReaderSamples.tsv")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let type = MessageType(rawValue: String(fields[0])) else { return nil }
            return (type, Array(fields[1].utf8))
        }
    }()

    static func sample(_ type: MessageType) -> [UInt8] { samples.last { $0.type == type }!.body }

    /// The body as decoded (its canonical bytes) or the error's text, read by hand first or by
    /// `JSONDecoder` alone.
    static func outcome(_ type: MessageType, _ bytes: [UInt8], byHand: Bool) -> Result<[UInt8], ProtocolError> {
        Result { () throws(ProtocolError) in
            try MessageBody.decode(type: type, schema: type.schemaVersion, bytes: bytes, readingByHand: byHand).encoded()
        }
    }

    /// The reader's own answer: the canonical bytes of what it read, or nil when it leaves the body.
    static func readByHand<T: CatalogBody>(_: T.Type, _ bytes: [UInt8]) -> [UInt8]? {
        BodyReader.decode(bytes, as: T.self).map { WireJSON.encode($0) }
    }

    @Test func thereIsASampleOfEveryMessageType() {
        let sampled = Set(Self.samples.map(\.type))
        #expect(MessageType.allCases.filter { !sampled.contains($0) }.isEmpty)
    }

    @Test func everySampleIsReadByHandToWhatJSONDecoderGives() throws {
        for (type, body) in Self.samples {
            let byHand = Self.readByHand(type.bodyType, body)
            #expect(byHand != nil, "\(type.rawValue) was left to JSONDecoder")
            #expect(byHand == (try Self.outcome(type, body, byHand: false).get()), "\(type.rawValue)")
        }
    }

    /// Whitespace between tokens and the short escapes are read by hand; the texts they give are
    /// the decoder's.
    @Test func whitespaceAndShortEscapesAreReadByHand() throws {
        let body = #" { "incidentID" : "SC-1" ,"occurredOn":"2026-11-02",  "severity":"high","#
            + #""summary":"Máy chủ \"A\"\n\tbị tấn công \\ \/ \b\f\r","measures":"Cách ly" }"# + "\n"
        let bytes = Array(body.utf8)
        let byHand = try #require(Self.readByHand(IncidentReported.self, bytes))
        #expect(byHand == (try Self.outcome(.incidentReported, bytes, byHand: false).get()))
        let incident = try #require(BodyReader.decode(bytes, as: IncidentReported.self))
        #expect(incident.summary == "Máy chủ \"A\"\n\tbị tấn công \\ / \u{8}\u{C}\r")
    }

    /// What the reader leaves to `JSONDecoder`, which decides: each is read by `JSONDecoder` alone
    /// to the same value or error as by the two together.
    @Test(arguments: [
        #""summary":"\u0041""#,            // a \u escape
        #""summary":"x","summary":"y""#,   // a key twice
        #""s\u0075mmary":"x""#,            // an escape in a key
        #""summary":"s","extra":01"#,      // a leading zero: not JSON
        #""summary":"s","extra":[1,]"#,    // a trailing comma: not JSON
        #""summary":"s","extra":"a\x""#,   // an unknown escape: not JSON
        #""summary":"s","extra":"a"# + "\t" + #"b""#,  // a raw control character (a tab): not JSON
        #""summary":"s","extra":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40),  // nesting deeper than maxDepth
    ])
    func whatTheReaderLeavesToJSONDecoder(member: String) {
        let body = #"{"incidentID":"SC-1","occurredOn":"2026-11-02","severity":"high","# + member + "}"
        let bytes = Array(body.utf8)
        #expect(Self.readByHand(IncidentReported.self, bytes) == nil)
        #expect(Self.outcome(.incidentReported, bytes, byHand: true) == Self.outcome(.incidentReported, bytes, byHand: false))
    }

    /// An integer field holding more than its type holds, a fraction, an exponent or `-0`.
    @Test func integersNotInPlainDigitsOfTheirTypeAreLeftToJSONDecoder() {
        for value in ["9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.5", "1.0", "1e2", "-0"] {
            let body = #"{"requestID":"BC-1","submittedOn":"2026-11-02","figures":[{"key":"k","label":"l","value":"# + value + "}]}"
            #expect(Self.readByHand(ReportSubmitted.self, Array(body.utf8)) == nil, "\(value)")
            #expect(Self.outcome(.reportSubmitted, Array(body.utf8), byHand: true) == Self.outcome(.reportSubmitted, Array(body.utf8), byHand: false))
        }
        let body = #"{"requestID":"BC-1","submittedOn":"2026-11-02","figures":[{"key":"k","label":"l","value":-9223372036854775808}]}"#
        #expect(BodyReader.decode(Array(body.utf8), as: ReportSubmitted.self)?.figures.first?.value == Int64.min)
    }

    /// Hostile shapes, for every type: refused alike.
    @Test func hostileBodiesAreRefusedAlike() {
        for type in MessageType.allCases {
            for shape in HostileBodyTests.shapes {
                let bytes = Array(shape.utf8)
                #expect(Self.outcome(type, bytes, byHand: true) == Self.outcome(type, bytes, byHand: false), "\(type.rawValue): \(shape.prefix(60))")
            }
        }
    }

    /// Bodies with nested objects, arrays, optional fields and enums, mutated at every position —
    /// a byte replaced, removed or doubled, text inserted — decode to the same body, or fail with
    /// the same error, with and without the reader.
    @Test func everyMutationDecodesAlikeWithAndWithoutTheReader() {
        let seeds: [MessageType] = [.incidentReported, .reportRequested, .complaintAccepted, .inspectionConfirmed]
        let replacements: [UInt8] = Array(#" "\-0.e}{,:1tn[]"#.utf8) + [0x00, 0x09, 0x7F, 0x80, 0xC3]
        let insertions = [" ", "\"x\":1,", "00", "-", ".5", "null", "\\u0041", "\\n", "\\\"", "[]", "{}", "99999999999999999999", "\"note\":\"n\","]
        var mutations = Mutations(replacements: replacements, insertions: insertions)
        for type in seeds {
            mutations.compare(Self.sample(type), byHand: { Self.readByHand(type.bodyType, $0) != nil },
                              fast: { Self.outcome(type, $0, byHand: true) }, slow: { Self.outcome(type, $0, byHand: false) })
        }
        #expect(mutations.agreed == mutations.cases)
        // Many mutations stay valid bodies (a letter of a text changed, a space inserted): read by hand.
        #expect(mutations.readByHand > 1_000)
        #expect(mutations.cases > 10_000)
    }
}

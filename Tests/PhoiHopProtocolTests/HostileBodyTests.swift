import PhoiHopProtocol
import Testing

/// Whatever bytes arrive as a body, decoding ends in a value or a ProtocolError: never a trap.
struct HostileBodyTests {
    static let shapes: [String] = [
        "", "null", "[]", "{}", "\"text\"", "{\"x\":1}", "{{{", String(repeating: "[", count: 10_000),
        // Every field name the catalog uses, with values of the wrong type or out of range.
        "{\"businessID\":1,\"district\":\"\",\"registeredOn\":\"2026-02-30\",\"machines\":-1}",
        "{\"machines\":9223372036854775807,\"fineVND\":9223372036854775807,\"days\":9223372036854775807,\"reach\":-9223372036854775808}",
        "{\"issuedOn\":\"9999-12-31\",\"validUntil\":\"9999-12-31\",\"from\":\"1900-01-01\",\"until\":\"9999-12-31\"}",
        "{\"participants\":[],\"targets\":[],\"addressees\":[],\"cosigners\":[],\"gameIDs\":[],\"figures\":[],\"reasons\":[],\"audience\":[]}",
        "{\"schoolYear\":\"9999-10000\",\"schools\":1,\"ruralSchools\":2,\"students\":3}",
    ]

    @Test(arguments: MessageType.allCases)
    func hostileBodiesAreRefusedWithAProtocolError(type: MessageType) {
        for shape in Self.shapes {
            do {
                _ = try MessageBody.decode(type: type, schema: type.schemaVersion, bytes: Array(shape.utf8))
                Issue.record("\(type.rawValue) accepted \(shape.prefix(60))")
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func aBodyAtTheSizeLimitPlusOneIsRefusedBeforeDecoding() {
        let bytes = [UInt8](repeating: 0x20, count: WireMessage.maxBodyBytes + 1)
        #expect(throws: ProtocolError.self) {
            _ = try MessageBody.decode(type: .businessRegistered, schema: 1, bytes: bytes)
        }
    }
}

/// The wire is UTF-8 JSON only: Foundation's decoder would also read UTF-16, UTF-32 and a
/// byte-order mark, and the log would keep bytes no UTF-8 reader can show.
struct WireEncodingTests {
    static let body = #"{"address":"1 Đường số 3","businessID":"TA-1","district":"district-tan-an","kind":"internet-agent","machines":15,"name":"Đại lý","owner":"Trần Thị Bình","registeredOn":"2026-11-01"}"#
    static let header = #"{"kind":"msg","v":1,"id":"0f8fad5b-d9cb-469f-a165-70867728950e","origin":"district-tan-an","schema":1,"seq":2,"to":"so-tttt","ts":1793932200123,"type":"business.registered"}"#

    static func utf16(_ text: String, bom: Bool) -> [UInt8] {
        (bom ? [0xFF, 0xFE] : []) + text.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }

    @Test func theBodyAsWrittenIsAccepted() throws {
        let decoded = try MessageBody.decode(type: .businessRegistered, schema: 1, bytes: Array(Self.body.utf8))
        #expect((decoded.value as? BusinessRegistered)?.businessID == "TA-1")
    }

    static let notUTF8: [String: [UInt8]] = [
        "UTF-16 with a byte-order mark": utf16(body, bom: true),
        "UTF-16 without one": utf16(body, bom: false),
        "UTF-8 with a byte-order mark": [0xEF, 0xBB, 0xBF] + Array(body.utf8),
        "invalid UTF-8": Array(body.utf8.prefix(30)) + [0xC3, 0x28] + Array(body.utf8.dropFirst(30)),
    ]

    @Test(arguments: notUTF8.keys.sorted())
    func aBodyThatIsNotUTF8IsMalformed(label: String) {
        let bytes = Self.notUTF8[label]!
        do throws(ProtocolError) {
            _ = try MessageBody.decode(type: .businessRegistered, schema: 1, bytes: bytes)
            Issue.record("\(label) was accepted")
        } catch {
            #expect(error.reason == "malformed")
        }
    }

    @Test func aHeaderInUTF16IsMalformedAndGivesNoStreamPosition() {
        let frames = [Array("@so-tttt/".utf8), Self.utf16(Self.header, bom: false), Array(Self.body.utf8)]
        #expect(throws: ProtocolError.malformedJSON(frame: "header", detail: "contains a NUL byte: not UTF-8 JSON (UTF-16 or UTF-32?); send UTF-8")) {
            _ = try WireMessage.decode(frames: frames)
        }
        #expect(WireMessage.streamPosition(frames: frames) == nil)
        #expect(WireMessage.streamPosition(frames: [frames[0], Array(Self.header.utf8)]) != nil)
    }
}

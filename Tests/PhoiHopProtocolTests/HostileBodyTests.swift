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

import Foundation
import PhoiHopProtocol
import Sodium
import Testing

/// python3, for checking the documented encodings against an independent implementation.
enum Python {
    static let hasCryptography: Bool = (try? run("import cryptography.hazmat.primitives.asymmetric.ed25519", arguments: []).status) == 0

    /// Runs `script` with python3 and returns its exit status and output.
    static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// docs/PROTOCOL.md §4.1 gives the signing input byte by byte so that a client in another
/// language can sign and verify acts. These tests hold the Swift code to that text with an
/// independent implementation: Python's `cryptography` package, following the document's formula.
@Suite(.enabled(if: Python.hasCryptography, "needs python3 with the 'cryptography' package"))
struct SignatureInteropTests {
    /// The document's formula, in Python: fields joined by NUL after the tag, a NUL, the body.
    static let signingInput = """
        import base64, sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
        type_, schema, id_, author, ts, body_b64 = sys.argv[2:8]
        body = base64.b64decode(body_b64)
        signed = b"\\0".join(f.encode() for f in ["phoihop-act-v1", type_, schema, id_, author, ts]) + b"\\0" + body
        """

    let envelope = Envelope(type: .certificateIssued, id: "0f8fad5b-d9cb-469f-a165-70867728950e", origin: .hub,
                            to: AgencyID(rawValue: "cong-an")!, seq: 9, ts: -1_795_000_000_123,
                            author: AgencyID(rawValue: "district-ben-luc")!)
    let body = Array(#"{"businessID":"BL-1","note":"Giấy chứng nhận đủ điều kiện"}"#.utf8)

    func fields(_ first: String) -> [String] {
        [first, envelope.type.rawValue, String(envelope.schema), envelope.id, envelope.recordedBy.rawValue, String(envelope.ts),
         Data(body).base64EncodedString()]
    }

    @Test func anActSignedHereVerifiesInPythonWithTheDocumentedSigningInput() throws {
        let key = SigningKeyPair.generate()
        let signature = key.sign(envelope.signingInput(body: body))
        let result = try Python.run(Self.signingInput + """

            Ed25519PublicKey.from_public_bytes(base64.b64decode(sys.argv[1].split(":")[0])).verify(
                base64.b64decode(sys.argv[1].split(":")[1]), signed)
            print("verified")
            """, arguments: fields(key.publicKey.base64 + ":" + signature.base64))
        #expect(result.status == 0 && result.output == "verified", "\(result.output)")
    }

    @Test func anActSignedInPythonWithTheDocumentedSigningInputVerifiesHere() throws {
        let key = SigningKeyPair.generate()
        let result = try Python.run(Self.signingInput + """

            print(base64.b64encode(Ed25519PrivateKey.from_private_bytes(base64.b64decode(sys.argv[1])).sign(signed)).decode())
            """, arguments: fields(key.seedBase64))
        #expect(result.status == 0, "\(result.output)")
        let signature = try Signature(base64: result.output)
        #expect(key.publicKey.verifies(signature, of: envelope.signingInput(body: body)))
        // And not for another author: the author is part of what is signed.
        var other = envelope
        other.author = AgencyID(rawValue: "district-tan-an")!
        #expect(!key.publicKey.verifies(signature, of: other.signingInput(body: body)))
    }
}

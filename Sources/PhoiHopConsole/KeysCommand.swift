import ArgumentParser
import Foundation
import ZeroMQ

/// `phoihop keys generate`: a CURVE key pair for one agency.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khóa: generate an agency's CURVE key pair.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a CURVE key pair: DIR/AGENCY.curve.secret (mode 0600) and DIR/AGENCY.curve.public. Give the public one to the hub operator for the allow-list.")
        @Option(help: "Agency id, e.g. district-ben-luc.") var agency: String
        @Option(help: "Directory to write the key files into.") var out: String
        @Flag(help: "Replace existing key files.") var force = false
        @Flag(help: "Print JSON instead of text, for scripts.") var json = false

        func run() throws {
            let pair = try KeyFiles.generate(agency: agency, directory: out, force: force)
            if json {
                print(#"{"agency":"\#(agency)","curvePublicKey":"\#(pair.publicKey.z85)","fingerprint":"\#(pair.publicKey.fingerprint)","secretKeyFile":"\#(out)/\#(agency).curve.secret"}"#)
            } else {
                print("public key of \(agency): \(pair.publicKey.z85)  (fingerprint \(pair.publicKey.fingerprint))")
                print("secret key: \(out)/\(agency).curve.secret (mode 0600) — never copy it off this server")
            }
        }
    }
}

/// Writing key files with the right permissions.
enum KeyFiles {
    static func generate(agency: String, directory: String, force: Bool) throws -> CurveKeyPair {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secretPath = "\(directory)/\(agency).curve.secret"
        if !force, FileManager.default.fileExists(atPath: secretPath) {
            throw ConsoleFailure("\(secretPath) exists; pass --force to replace it (the hub's allow-list must then be updated)")
        }
        let pair = try CurveKeyPair.generate()
        try write(pair.secretKey.z85 + "\n", to: secretPath, mode: 0o600)
        try write(pair.publicKey.z85 + "\n", to: "\(directory)/\(agency).curve.public", mode: 0o644)
        return pair
    }

    /// Creates the file with `mode` from the start, so a secret is never readable by others, even briefly.
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw ConsoleFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Foundation.write(fd, bytes, bytes.count) == bytes.count else { throw ConsoleFailure("cannot write \(path)") }
        fchmod(fd, mode)
    }
}

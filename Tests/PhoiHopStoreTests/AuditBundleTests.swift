import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import Sodium
import Testing

@Suite(.serialized)
struct AuditBundleTests {
    static let selection = AuditBundle.Selection(business: "LA-1", description: "LA-1")

    func build(_ log: ChainFixture, _ selection: AuditBundle.Selection = selection) throws -> Result<AuditBundle, AuditBundle.BuildProblem> {
        try AuditBundle.build(databasePath: log.database.path, log: "so-tttt", selection: selection, keys: log.keys, now: 1)
    }

    /// 40 acts, LA-1 among every fourth, a checkpoint at 30, ten more after it.
    func fixture() throws -> ChainFixture {
        var log = try ChainFixture()
        try log.appendMany(30, prefix: "LA")
        try log.checkpoint()
        try log.appendMany(10, prefix: "LB")
        return log
    }

    @Test func aBusinessBundleCarriesItsActsAndVerifiesOnItsOwn() throws {
        let log = try fixture()
        let bundle = try build(log).get()
        #expect(bundle.entries.map(\.position) == [1, 5, 9, 13, 17, 21, 25, 29])
        #expect(bundle.start == 1 && bundle.checkpoint.position == 30 && bundle.leafHashes.count == 30)
        let full = Set(bundle.entries.map(\.position))
        for (offset, leaf) in bundle.leafHashes.enumerated() { #expect((leaf == nil) == full.contains(Int64(offset) + 1)) }
        #expect(Set(bundle.keys.map(\.agency)) == ["so-tttt", "district-ben-luc", "district-tan-an"])
        let report = bundle.verify(trustedHubKey: log.hubKey.publicKey)
        #expect(report.verdict == .intact, "\(report.problems)")
        #expect(report.hubKeyTrusted == true && report.acts.allSatisfy { $0.signerFingerprint != nil })
        // Through JSON and back, as a reader gets it.
        let decoded = try JSONDecoder().decode(AuditBundle.self, from: JSONEncoder().encode(bundle))
        #expect(decoded.verify().verdict == .intact)
    }

    @Test func aBundleStartingMidLogChainsFromThePreviousHash() throws {
        let log = try fixture()
        let bundle = try build(log, AuditBundle.Selection(business: "LA-3", description: "LA-3")).get()
        #expect(bundle.start == 3 && bundle.previousChainHash != String(repeating: "0", count: 64))
        #expect(bundle.verify().verdict == .intact)
    }

    @Test func everyAlterationOfABundleIsFound() throws {
        let log = try fixture()
        let bundle = try build(log).get()
        var body = bundle
        var bytes = Array(Data(base64Encoded: body.entries[2].body)!)
        bytes[bytes.count / 2] ^= 1
        body.entries[2].body = Data(bytes).base64EncodedString()
        #expect(body.verify().verdict == .tampered)
        #expect(body.verify().problems.contains { $0.kind == .badSignature && $0.position == 9 })

        var time = bundle
        time.entries[0].acceptedAt += 3_600_000
        #expect(time.verify().problems.map(\.kind) == [.chainMismatch])

        var leaf = bundle
        leaf.leafHashes[1] = String(repeating: "ab", count: 32)
        #expect(leaf.verify().verdict == .tampered)

        var dropped = bundle
        dropped.entries.remove(at: 3)
        #expect(dropped.verify().verdict == .tampered)

        var checkpoint = bundle
        checkpoint.checkpoint.signedAt += 1
        #expect(checkpoint.verify().problems.map(\.kind) == [.checkpointForged])

        // Re-signed by someone else, with their key swapped in throughout: only the trusted key tells.
        let forger = SigningKeyPair.generate()
        var forged = bundle
        var cp = forged.checkpoint
        cp.signerKey = forger.publicKey.base64
        cp.signerFingerprint = forger.publicKey.fingerprint
        let unsigned = Checkpoint(position: cp.position, chainHash: hexBytes(cp.chainHash), entries: cp.entries, signedAt: cp.signedAt,
                                  signer: cp.signer, signerKey: forger.publicKey.bytes, signature: [])
        cp.signature = forger.sign(unsigned.signingInput).base64
        forged.checkpoint = cp
        var forgerKey = forged.keys.first { $0.agency == "so-tttt" }!
        forgerKey.key = forger.publicKey.base64
        forgerKey.fingerprint = forger.publicKey.fingerprint
        forged.keys.append(forgerKey)
        #expect(forged.verify().verdict == .intact)
        let pinned = forged.verify(trustedHubKey: log.hubKey.publicKey)
        #expect(pinned.verdict == .tampered && pinned.hubKeyTrusted == false && pinned.problems.map(\.kind) == [.hubKeyNotTrusted])
    }

    @Test func aSelectionAfterTheLastCheckpointIsRefusedAndAnEmptyOneToo() throws {
        let log = try fixture()
        let late = AuditBundle.Selection(business: "LB-1", description: "LB-1")
        #expect(try build(log, late) == .failure(.notCovered(lastSelected: 39, latestCheckpoint: 30)))
        #expect(try build(log, AuditBundle.Selection(business: "none", description: "none")) == .failure(.nothingSelected))
        try log.checkpoint()
        #expect(try build(log, late).get().verify().verdict == .intact)
    }

    @Test func aPeriodSelectsByAcceptanceTime() throws {
        var log = try ChainFixture()
        try log.append(ChainFixture.benLuc, business: "A", acceptedAt: 1000)
        try log.append(ChainFixture.benLuc, business: "B", acceptedAt: 2000)
        try log.append(ChainFixture.benLuc, business: "C", acceptedAt: 3000)
        try log.checkpoint()
        let bundle = try build(log, AuditBundle.Selection(acceptedFrom: 2000, acceptedBefore: 3000, description: "period")).get()
        #expect(bundle.entries.map(\.business) == ["B"])
        #expect(bundle.verify().verdict == .intact)
    }
}

/// docs/AUDIT.md §6: a third party checks a bundle with its own code — here the Python sketch of
/// scripts/verify_bundle.py, on `cryptography`'s Ed25519 and hashlib — against a trusted hub key.
@Suite(.serialized)
struct ThirdPartyBundleCheckTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/verify_bundle.py").path

    static func python(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let pythonHasCryptography = python(["-c", "import cryptography"]).status == 0

    @Test(.enabled(if: pythonHasCryptography, "needs python3 with the cryptography package"))
    func thePythonSketchAcceptsAGenuineBundleAndRejectsAlteredOnes() throws {
        var log = try ChainFixture()
        try log.appendMany(30, prefix: "LA")
        try log.checkpoint()
        let bundle = try AuditBundle.build(databasePath: log.database.path, log: "so-tttt", selection: AuditBundleTests.selection,
                                           keys: log.keys, now: 1).get()
        let dir = URL(fileURLWithPath: log.database.path).deletingLastPathComponent()
        func run(_ value: AuditBundle, key: String) throws -> (status: Int32, output: String) {
            let file = dir.appendingPathComponent("bundle-\(UUID().uuidString.prefix(6)).json")
            try JSONEncoder().encode(value).write(to: file)
            return Self.python([Self.script, file.path, key])
        }
        let hub = log.hubKey.publicKey.base64
        let genuine = try run(bundle, key: hub)
        #expect(genuine.status == 0, "\(genuine.output)")
        #expect(genuine.output.contains("bundle verifies"))
        var edited = bundle
        edited.entries[1].acceptedAt -= 86_400_000
        let caught = try run(edited, key: hub)
        #expect(caught.status == 1 && caught.output.contains("does NOT reach"), "\(caught.output)")
        let otherKey = try run(bundle, key: SigningKeyPair.generate().publicKey.base64)
        #expect(otherKey.status == 1 && otherKey.output.contains("NOT signed by the trusted hub key"), "\(otherKey.output)")
    }

    @Test(.enabled(if: pythonHasCryptography, "needs python3 with the cryptography package"))
    func thePythonSketchChecksActsSignedInABatchByTheirProofs() throws {
        var log = try ChainFixture()
        try log.appendMany(4, prefix: "LA")
        let batch = try log.appendBatch(ChainFixture.tanAn, businesses: ["LA-1", "LX-1", "LA-1", "LX-2", "LA-1"])
        try log.checkpoint()
        let bundle = try AuditBundle.build(databasePath: log.database.path, log: "so-tttt", selection: AuditBundleTests.selection,
                                           keys: log.keys, now: 1).get()
        #expect(Set(bundle.entries.map(\.position)).isSuperset(of: [batch[0], batch[2], batch[4]]))
        #expect(bundle.verify(trustedHubKey: log.hubKey.publicKey).verdict == .intact)
        let dir = URL(fileURLWithPath: log.database.path).deletingLastPathComponent()
        func run(_ value: AuditBundle) throws -> (status: Int32, output: String) {
            let file = dir.appendingPathComponent("bundle-\(UUID().uuidString.prefix(6)).json")
            try JSONEncoder().encode(value).write(to: file)
            return Self.python([Self.script, file.path, log.hubKey.publicKey.base64])
        }
        let genuine = try run(bundle)
        #expect(genuine.status == 0, "\(genuine.output)")
        // Another act's proof under this act: the signature no longer covers it.
        var swapped = bundle
        let index = try #require(swapped.entries.firstIndex { $0.position == batch[2] })
        let other = try #require(swapped.entries.firstIndex { $0.position == batch[4] })
        swapped.entries[index].signature = swapped.entries[other].signature
        let caught = try run(swapped)
        #expect(caught.status == 1 && caught.output.contains("#\(batch[2]) business.registered by district-tan-an") && caught.output.contains("SIGNATURE FAILS"),
                "\(caught.output)")
        #expect(swapped.verify(trustedHubKey: log.hubKey.publicKey).problems.contains { $0.kind == .badSignature && $0.position == batch[2] })
    }
}

func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

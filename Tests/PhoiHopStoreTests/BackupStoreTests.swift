import Foundation
import GRDB
import PhoiHopProtocol
import PhoiHopStore
import PhoiHopTestSupport
import Testing

/// ``PhoiHopDatabase/backup(to:overwrite:)``: the copy and its refusals, without a daemon.
struct BackupStoreTests {
    let benLuc = AgencyID(rawValue: "district-ben-luc")!

    func temporaryDirectory() -> String {
        let dir = Scratch.directory("backup")
        return dir.path
    }

    func store(in directory: String, acts: Int) throws -> PhoiHopDatabase {
        let database = try PhoiHopDatabase(path: "\(directory)/live.sqlite", durability: .normal)
        try database.write { db in
            for seq in 1...acts {
                try MessageLog.append(db, id: "act-\(seq)", origin: benLuc, seq: UInt64(seq), type: .businessRegistered, schema: 1,
                                      district: benLuc, sentAt: 1, acceptedAt: 2, body: Array("{}".utf8))
            }
        }
        return database
    }

    @Test func theBackupIsOneSelfContainedFileHoldingEveryCommittedAct() throws {
        let directory = temporaryDirectory()
        let database = try store(in: directory, acts: 5)
        let outcome = try database.backup(to: "\(directory)/copy.sqlite", overwrite: false)
        #expect(outcome.messages == 5)
        #expect(outcome.path == "\(directory)/copy.sqlite")
        #expect(outcome.bytes == (try FileManager.default.attributesOfItem(atPath: outcome.path)[.size] as? NSNumber)?.int64Value)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!names.contains { $0.hasPrefix("copy.sqlite-") || $0.hasSuffix(".tmp") }, "\(names)")
        let copy = try DatabaseQueue(path: outcome.path)
        #expect(try copy.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        #expect(try copy.read { try MessageLog.ids($0, origin: benLuc) } == (1...5).map { "act-\($0)" })
        try copy.close()
    }

    @Test func anExistingFileIsKeptUnlessOverwriteIsAsked() throws {
        let directory = temporaryDirectory()
        let database = try store(in: directory, acts: 2)
        let target = "\(directory)/copy.sqlite"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        #expect { try database.backup(to: target, overwrite: false) } throws: { "\($0)".contains("already exists") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("keep".utf8))
        #expect(try database.backup(to: target, overwrite: true).messages == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func aMissingDirectoryARelativePathOrTheLiveFileAreRefused() throws {
        let directory = temporaryDirectory()
        let database = try store(in: directory, acts: 1)
        #expect { try database.backup(to: "\(directory)/missing/copy.sqlite", overwrite: false) } throws: { "\($0)".contains("does not exist") }
        #expect { try database.backup(to: "copy.sqlite", overwrite: false) } throws: { "\($0)".contains("absolute") }
        #expect { try database.backup(to: "\(directory)/live.sqlite", overwrite: true) } throws: { "\($0)".contains("onto itself") }
        #expect(try database.read { try MessageLog.count($0) } == 1)
    }

    @Test(.enabled(if: getuid() != 0, "root may write anywhere"))
    func aDirectoryWithoutWritePermissionIsRefused() throws {
        let directory = temporaryDirectory()
        let database = try store(in: directory, acts: 1)
        let locked = "\(directory)/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        #expect { try database.backup(to: "\(locked)/copy.sqlite", overwrite: false) } throws: { "\($0)".contains("no permission") }
    }
}

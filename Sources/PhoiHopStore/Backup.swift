import GRDB
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an online backup wrote.
public struct BackupOutcome: Sendable, Equatable {
    /// The destination, as written.
    public var path: String
    /// The backup file's size on disk.
    public var bytes: Int64
    /// How many acts the snapshot's message log holds.
    public var messages: Int
}

extension PhoiHopDatabase {
    /// Copies the whole database, as one consistent snapshot, to `destination` with SQLite's
    /// online backup: every transaction committed before the call is in it, none after.
    ///
    /// The copy is written to a temporary file in the destination's directory, made a
    /// self-contained rollback-journal file (no -wal beside it), synced, and only then moved into
    /// place — so `destination` is either absent, the old file, or the complete backup. An
    /// existing destination is refused unless `overwrite`. Runs on the caller's thread (the
    /// daemon's loop): the store's queue is held for the copy, so no write interleaves.
    public func backup(to destination: String, overwrite: Bool) throws -> BackupOutcome {
        func refuse(_ problem: String) -> StoreError { StoreError(path: destination, problem: problem) }
        guard destination.hasPrefix("/") else { throw refuse("the backup path must be absolute") }
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        guard path != ":memory:", url.path != URL(fileURLWithPath: path).standardizedFileURL.path else {
            throw refuse("cannot back up the database onto itself")
        }
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw refuse("the directory \(directory) does not exist; create it first")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw refuse(errno == EROFS
                ? "\(directory) is read-only for the daemon (under systemd: is it in the unit's ReadWritePaths?)"
                : "no permission to write in \(directory) (the daemon runs as uid \(getuid()))")
        }
        if !overwrite, FileManager.default.fileExists(atPath: url.path) {
            throw refuse("the file already exists; choose another name or pass overwrite")
        }
        let temporary = "\(directory)/.\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp"
        func removeTemporary() {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
        }
        let messages: Int
        do {
            let target = try DatabaseQueue(path: temporary)
            do {
                try queue.backup(to: target)
                messages = try target.writeWithoutTransaction { db in
                    // A single file, whatever the source's journal mode: restoring is one copy.
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    return try MessageLog.count(db)
                }
                try target.close()
            } catch {
                try? target.close()
                throw error
            }
        } catch let error as DatabaseError {
            removeTemporary()
            throw refuse(Self.explain(error))
        } catch {
            removeTemporary()
            throw refuse("\(error)")
        }
        // On disk before it takes the name, and the name on disk before the reply.
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if overwrite {
            guard rename(temporary, url.path) == 0 else {
                let problem = String(cString: strerror(errno))
                removeTemporary()
                throw refuse("could not move the backup into place: \(problem)")
            }
        } else {
            // link() refuses an existing name atomically: a file that appeared meanwhile is kept.
            guard link(temporary, url.path) == 0 else {
                let code = errno
                removeTemporary()
                throw refuse(code == EEXIST ? "the file already exists; choose another name or pass overwrite"
                                            : "could not move the backup into place: \(String(cString: strerror(code)))")
            }
            unlink(temporary)
        }
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        return BackupOutcome(path: url.path, bytes: size, messages: messages)
    }
}

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

/// A backup the destination's disk could not take: full, read-only or failing. The temporary
/// file was removed, the destination name was never written; the daemon's own store is untouched.
public struct BackupWriteFailure: Error, CustomStringConvertible, Sendable {
    public let failure: PhoiHopDatabase.WriteFailure
    /// The destination, and the directory that holds it.
    public let path: String
    public let directory: String
    /// What SQLite or the system said.
    public let detail: String

    /// English, for the daemon's log.
    public var description: String {
        "backup \(path): \(failure == .diskFull ? "the disk holding \(directory) is full" : "\(directory) cannot be written (read-only filesystem or disk I/O error)") (\(detail)); "
            + "no backup was made and no partial file is left; free space there or choose another directory, then retry"
    }

    /// Vietnamese, for the officer who asked for the backup.
    public var officerMessage: String {
        switch failure {
        case .diskFull:
            "đĩa đầy tại \(directory): chưa tạo được bản sao lưu \(path), không để lại tệp dở dang; giải phóng dung lượng hoặc chọn thư mục khác rồi sao lưu lại. Daemon vẫn hoạt động bình thường."
        case .notWritable:
            "không ghi được vào \(directory) (đĩa chỉ đọc hoặc lỗi đĩa): chưa tạo được bản sao lưu \(path); chọn thư mục khác hoặc báo quản trị viên kiểm tra hệ thống tệp rồi sao lưu lại. Daemon vẫn hoạt động bình thường."
        }
    }
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
    /// `progress` is called on that thread after every 4 MiB or so (the daemon feeds its systemd
    /// watchdog with it: a long copy is work, not a stuck loop).
    public func backup(to destination: String, overwrite: Bool, progress: (() -> Void)? = nil) throws -> BackupOutcome {
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
                try queue.backup(to: target, pagesPerStep: 1024) { _ in progress?() }
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
            if let failure = Self.writeFailure(error) {
                throw BackupWriteFailure(failure: failure, path: url.path, directory: directory, detail: error.message ?? "\(error.resultCode)")
            }
            throw refuse(Self.explain(error))
        } catch {
            removeTemporary()
            throw refuse("\(error)")
        }
        /// A system call's failure: the disk's (ENOSPC, EROFS, EIO, EDQUOT) or another.
        func failed(_ what: String, _ code: Int32) -> any Error {
            let detail = "\(what): \(String(cString: strerror(code)))"
            switch code {
            case ENOSPC, EDQUOT: return BackupWriteFailure(failure: .diskFull, path: url.path, directory: directory, detail: detail)
            case EROFS, EIO: return BackupWriteFailure(failure: .notWritable, path: url.path, directory: directory, detail: detail)
            default: return refuse("could not \(what): \(String(cString: strerror(code)))")
            }
        }
        // On disk before it takes the name, and the name on disk before the reply. A filesystem
        // that allocates at writeback (ext4, XFS) reports a full disk here, not at write().
        let fd = open(temporary, O_RDONLY)
        guard fd >= 0, fsync(fd) == 0 else {
            let code = errno
            if fd >= 0 { close(fd) }
            removeTemporary()
            throw failed("write the backup to disk", code)
        }
        close(fd)
        if overwrite {
            guard rename(temporary, url.path) == 0 else {
                let code = errno
                removeTemporary()
                throw failed("move the backup into place", code)
            }
        } else {
            // link() refuses an existing name atomically: a file that appeared meanwhile is kept.
            guard link(temporary, url.path) == 0 else {
                let code = errno
                removeTemporary()
                throw code == EEXIST ? refuse("the file already exists; choose another name or pass overwrite")
                                     : failed("move the backup into place", code)
            }
            unlink(temporary)
        }
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        return BackupOutcome(path: url.path, bytes: size, messages: messages)
    }
}

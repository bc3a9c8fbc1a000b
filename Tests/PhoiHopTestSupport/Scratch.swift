import Foundation

/// Temporary directories for the tests: all under one directory per test process, removed when
/// the process exits, so runs of the suite do not pile up files in /tmp.
public enum Scratch {
    private static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-tests-\(getpid())"))
        }
        return root
    }()

    /// A new, empty directory named `prefix`-UUID.
    public static func directory(_ prefix: String) -> URL {
        let directory = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

import Foundation

/// Runs a program to its end for a test: the one place the integration tests start a short
/// process and read what it printed (the daemons are `Province`'s, tmux is `TmuxPane`'s).
enum Subprocess {
    /// Runs `path` with `arguments` (and `environment` added to the test's own), waits for it,
    /// and returns its exit status and standard output — with standard error mixed in unless
    /// `errors` is false (then discarded, for output a test parses).
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                    errors: Bool = true) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = errors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

import ArgumentParser
import Foundation
import PhoiHopConsole

// Thin: ArgumentParser does the work; a refused act prints the daemon's reason and exits 1, a
// usage error (ArgumentParser's EX_USAGE, 64) exits 2 as the help promises scripts.
do {
    var command = try PhoihopCommand.parseAsRoot()
    try command.run()
} catch let failure as ConsoleFailure {
    FileHandle.standardError.write(Data("lỗi: \(failure.description)\n".utf8))
    exit(1)
} catch where PhoihopCommand.exitCode(for: error) == .validationFailure {
    FileHandle.standardError.write(Data((PhoihopCommand.fullMessage(for: error) + "\n").utf8))
    exit(2)
} catch {
    PhoihopCommand.exit(withError: error)
}
